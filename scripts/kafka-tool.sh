#!/usr/bin/env bash
# kafka-tool.sh TOOL [ARGS...] - Kafka's own CLI tools, run against the broker of kafka-local.sh
# (same environment variables) unless ARGS name --bootstrap-server.
#   TOOL: topics | console-producer | console-consumer | consumer-groups | get-offsets |
#         metadata-quorum | a fully qualified main class
# e.g. scripts/kafka-tool.sh topics --list
#      scripts/kafka-tool.sh console-consumer --topic workflow-results --from-beginning --property print.key=true
exec "$(dirname "${BASH_SOURCE[0]}")/kafka-local.sh" tool "$@"
