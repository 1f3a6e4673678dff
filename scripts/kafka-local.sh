#!/usr/bin/env bash
# kafka-local.sh - a real single-node Apache Kafka broker (KRaft, combined broker+controller) on
# this machine, as a background process. No Docker and no tarball: the broker's jars come from
# Maven Central once (`mvn dependency:copy-dependencies`) into a cache shared by every clone.
#
# Usage: scripts/kafka-local.sh start [--clean]   start (or find running) and wait until ready;
#                                                  --clean first deletes the broker's data
#        scripts/kafka-local.sh stop [--clean]    stop it; --clean also deletes its data and logs
#        scripts/kafka-local.sh status            "running ..." (exit 0) or "not running" (exit 1)
#        scripts/kafka-local.sh bootstrap         print host:port
#        scripts/kafka-local.sh tool TOOL [ARGS]  one of Kafka's CLI tools (see scripts/kafka-tool.sh)
#
# Needs Java 17+ and bash (3.2 or later: Linux, or macOS with its own bash and BSD tools); Maven
# only the first time, to fetch the jars (the project's ./mvnw when mvn is not installed).
# Environment (all optional):
#   KAFKA_LOCAL_HOST             listen address               (127.0.0.1)
#   KAFKA_LOCAL_PORT             broker port                  (9092, the service's default localhost:9092)
#   KAFKA_LOCAL_CONTROLLER_PORT  KRaft controller port        (broker port + 1)
#   KAFKA_LOCAL_STATE_DIR        data, logs, pid file         (${XDG_STATE_HOME:-~/.local/state}/workflow-result-processor/kafka-local-<port>)
#   KAFKA_LOCAL_CACHE_DIR        jars                         (${XDG_CACHE_HOME:-~/.cache}/workflow-result-processor/kafka-<version>)
#   KAFKA_LOCAL_VERSION          Kafka version                (4.4.0, the version the service is built with)
#   KAFKA_LOCAL_HEAP_OPTS        broker heap                  (-Xms256m -Xmx512m)
#   KAFKA_LOCAL_LOG_LEVEL        broker log level             (WARN)
#   KAFKA_LOCAL_START_TIMEOUT_S  / KAFKA_LOCAL_STOP_TIMEOUT_S (90 / 30)
#   JAVA_HOME
set -euo pipefail

VERSION="${KAFKA_LOCAL_VERSION:-4.4.0}"
HOST="${KAFKA_LOCAL_HOST:-127.0.0.1}"
PORT="${KAFKA_LOCAL_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_LOCAL_CONTROLLER_PORT:-$((PORT + 1))}"
STATE_DIR="${KAFKA_LOCAL_STATE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/workflow-result-processor/kafka-local-$PORT}"
CACHE_DIR="${KAFKA_LOCAL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/workflow-result-processor/kafka-$VERSION}"
HEAP_OPTS="${KAFKA_LOCAL_HEAP_OPTS:--Xms256m -Xmx512m}"
LOG_LEVEL="${KAFKA_LOCAL_LOG_LEVEL:-WARN}"
START_TIMEOUT_S="${KAFKA_LOCAL_START_TIMEOUT_S:-90}"
STOP_TIMEOUT_S="${KAFKA_LOCAL_STOP_TIMEOUT_S:-30}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

LIB_DIR="$CACHE_DIR/libs"
CONF_DIR="$STATE_DIR/config"
DATA_DIR="$STATE_DIR/data"
LOG_DIR="$STATE_DIR/logs"
LOG_FILE="$LOG_DIR/server.log"
PID_FILE="$STATE_DIR/broker.pid"

me="kafka-local"
die() { echo "$me: $*" >&2; exit 1; }
usage() { sed -n '6,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
# milliseconds since the epoch; BSD date (macOS) has no %N, and there a second is the resolution
now_ms() { local t; t="$(date +%s%3N)"; case "$t" in *N) echo $(( $(date +%s) * 1000 )) ;; *) echo "$t" ;; esac; }

# The pid of our broker, if it runs: the pid file's process, still a kafka.Kafka (guards pid reuse).
broker_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
    && ps -p "$pid" -o command= 2>/dev/null | grep -q 'kafka\.Kafka' \
    && echo "$pid"
}

require_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (install Java 17+ or set JAVA_HOME)"
  local major
  major="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  [[ "${major%%.*}" -ge 17 ]] || die "Kafka $VERSION needs Java 17+, found $major"
}

# The broker's classpath, fetched from Maven Central once per version into the shared cache.
fetch_jars() {
  [[ -f "$LIB_DIR/kafka_2.13-$VERSION.jar" && -f "$LIB_DIR/kafka-tools-$VERSION.jar" ]] && return 0
  local mvn=mvn
  if ! command -v mvn >/dev/null 2>&1; then
    mvn="$(cd "$(dirname "$0")/.." && pwd)/mvnw"
    [[ -x "$mvn" ]] || die "mvn not found (nor ./mvnw), and the Kafka jars are not in $LIB_DIR yet"
  fi
  mkdir -p "$CACHE_DIR"
  local tmp="$CACHE_DIR/libs.tmp.$$"
  rm -rf "$tmp"
  cat > "$CACHE_DIR/classpath-pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.kafka</groupId><artifactId>kafka-local-classpath</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <!-- the broker (kafka.Kafka) and kafka.tools.StorageTool -->
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$VERSION</version></dependency>
    <!-- CLI tools (topics, console producer/consumer, consumer groups); Connect is not needed -->
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$VERSION</version>
      <exclusions><exclusion><groupId>org.apache.kafka</groupId><artifactId>connect-runtime</artifactId></exclusion></exclusions></dependency>
    <!-- Kafka logs through slf4j 1.7: bind it to log4j2 so the log4j2 files below apply -->
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>2.25.5</version></dependency>
  </dependencies>
</project>
EOF
  echo "$me: fetching Kafka $VERSION jars from Maven Central into $LIB_DIR (once) ..." >&2
  local t0
  t0="$(now_ms)"
  # maven prints ANSI codes even in batch mode: keep its output in a log
  if ! "$mvn" -B -f "$CACHE_DIR/classpath-pom.xml" \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -DoutputDirectory="$tmp" -DincludeScope=runtime > "$CACHE_DIR/fetch.log" 2>&1; then
    tail -n 30 "$CACHE_DIR/fetch.log" >&2
    rm -rf "$tmp"
    die "fetching the Kafka jars failed (log: $CACHE_DIR/fetch.log)"
  fi
  rm -rf "$LIB_DIR"
  mv "$tmp" "$LIB_DIR" # complete or absent: an interrupted fetch is never mistaken for a cache
  echo "$me: fetched $(ls "$LIB_DIR" | wc -l) jars in $(( $(now_ms) - t0 )) ms" >&2
}

write_configs() {
  mkdir -p "$CONF_DIR" "$DATA_DIR" "$LOG_DIR"
  cat > "$CONF_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR
num.partitions=1
# the service creates its topics with their policies; a typo'd topic name should fail, not appear
auto.create.topics.enable=false
# a single node: internal topics need replication factor 1 (transactions and EOS depend on them)
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  # everything at $LOG_LEVEL, but keep "Kafka Server started": it is the readiness signal
  cat > "$CONF_DIR/log4j2.properties" <<EOF
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = $LOG_LEVEL
rootLogger.appenderRef.stdout.ref = STDOUT
logger.raftserver.name = kafka.server.KafkaRaftServer
logger.raftserver.level = INFO
EOF
  write_tools_log_config
}

# tools log WARN to stderr, so their stdout carries only data
write_tools_log_config() {
  mkdir -p "$CONF_DIR"
  [[ -f "$CONF_DIR/tools-log4j2.properties" ]] && return 0
  cat > "$CONF_DIR/tools-log4j2.properties" <<EOF
status = warn
appender.console.type = Console
appender.console.name = STDERR
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stderr.ref = STDERR
EOF
}

# Runs "$@" in a session of its own, in place of the calling (background) shell, so that $! is its
# pid: setsid(1) where there is one (Linux; a background child is never a process-group leader,
# so setsid does not fork), else Perl's POSIX::setsid (macOS), else as it is.
detached() {
  if command -v setsid >/dev/null 2>&1; then
    exec setsid "$@"
  elif command -v perl >/dev/null 2>&1; then
    exec perl -MPOSIX -e 'POSIX::setsid(); exec @ARGV or die "exec $ARGV[0]: $!\n"' "$@"
  fi
  exec "$@"
}

# Short-lived tool JVMs: the quick compiler and a small GC start faster.
TOOL_JVM_OPTS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

java_tool() {
  "$JAVA" "${TOOL_JVM_OPTS[@]}" -Dlog4j2.shutdownHookEnabled=false -Dlog4j2.configurationFile="$CONF_DIR/tools-log4j2.properties" \
    -cp "$LIB_DIR/*" "$@"
}

# Standalone KRaft storage, once: this node is the single voter. The data belongs to one controller
# address; a different one would not find its quorum, so refuse instead of failing obscurely.
format_storage() {
  local formatted_for="$STATE_DIR/formatted-for"
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    if [[ -f "$formatted_for" && "$(cat "$formatted_for")" != "$HOST:$CONTROLLER_PORT" ]]; then
      die "the data in $DATA_DIR belongs to controller $(cat "$formatted_for"), not $HOST:$CONTROLLER_PORT: use those settings, or '$0 stop --clean'"
    fi
    return 0
  fi
  local cluster_id
  cluster_id="$(random_cluster_id)"
  java_tool kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$CONF_DIR/server.properties" \
    > "$LOG_DIR/format.log" 2>&1 || { cat "$LOG_DIR/format.log" >&2; die "formatting $DATA_DIR failed"; }
  echo "$HOST:$CONTROLLER_PORT" > "$formatted_for"
}

# A Kafka Uuid (16 random bytes, base64url, no padding) without a JVM start; like Kafka's own, never
# beginning with '-', which the format tool's argument parser would take for an option.
random_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* ]] && { echo "$id"; return; }
  done
}

clean() {
  rm -rf "$DATA_DIR" "$LOG_DIR" "$STATE_DIR/formatted-for"
  echo "$me: deleted the broker's data and logs in $STATE_DIR"
}

start() {
  local pid
  if pid="$(broker_pid)"; then
    if [[ "${1:-}" == "--clean" ]]; then die "running (pid $pid): stop it before starting with --clean"; fi
    echo "$me: Kafka already running (pid $pid), bootstrap $HOST:$PORT"
    return 0
  fi
  rm -f "$PID_FILE"
  if [[ "${1:-}" == "--clean" ]]; then clean; fi
  for p in "$PORT" "$CONTROLLER_PORT"; do
    port_open "$p" && die "port $HOST:$p is in use by another program (choose others with KAFKA_LOCAL_PORT / KAFKA_LOCAL_CONTROLLER_PORT)"
  done
  require_java
  fetch_jars
  write_configs
  format_storage

  local t0
  t0="$(now_ms)"
  : > "$LOG_FILE"
  # its own session (detached), so a Ctrl-C in the caller's terminal does not take the broker down
  # shellcheck disable=SC2086
  detached nohup "$JAVA" $HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
      -Djava.awt.headless=true -Dlog4j2.shutdownHookEnabled=false \
      -Dlog4j2.configurationFile="$CONF_DIR/log4j2.properties" \
      -cp "$LIB_DIR/*" kafka.Kafka "$CONF_DIR/server.properties" \
      >> "$LOG_FILE" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$PID_FILE"

  local deadline=$(( $(date +%s) + START_TIMEOUT_S ))
  until grep -q 'Kafka Server started' "$LOG_FILE" && port_open "$PORT"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      tail -n 40 "$LOG_FILE" >&2
      die "the broker exited during start-up (log: $LOG_FILE)"
    fi
    if (( $(date +%s) >= deadline )); then
      tail -n 40 "$LOG_FILE" >&2
      die "the broker is not ready after ${START_TIMEOUT_S}s (pid $pid still running: '$0 stop' ends it)"
    fi
    sleep 0.1
  done
  echo "$me: Kafka $VERSION ready in $(( $(now_ms) - t0 )) ms: bootstrap $HOST:$PORT, pid $pid"
  echo "$me:   data and logs: $STATE_DIR"
}

stop() {
  local pid
  if pid="$(broker_pid)"; then
    kill -TERM "$pid" # a controlled shutdown: logs are flushed, the next start needs no recovery
    local t0 i
    t0="$(now_ms)"
    for ((i = 0; i < STOP_TIMEOUT_S * 10; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$me: pid $pid did not stop in ${STOP_TIMEOUT_S}s: sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "$me: Kafka stopped (pid $pid) in $(( $(now_ms) - t0 )) ms"
  else
    echo "$me: Kafka not running"
  fi
  rm -f "$PID_FILE"
  if [[ "${1:-}" == "--clean" ]]; then clean; fi
}

status() {
  local pid
  if pid="$(broker_pid)"; then
    if port_open "$PORT"; then
      echo "running (pid $pid), bootstrap $HOST:$PORT, data $STATE_DIR"
      return 0
    fi
    echo "not running: pid $pid is up but $HOST:$PORT does not accept connections (starting or stopping)"
    return 1
  fi
  echo "not running (bootstrap would be $HOST:$PORT)"
  return 1
}

tool() {
  [[ $# -ge 1 ]] || die "tool: name one (topics, console-producer, console-consumer, consumer-groups, get-offsets, or a main class)"
  local name="$1" main
  shift
  case "$name" in
    topics)           main=org.apache.kafka.tools.TopicCommand ;;
    console-producer) main=org.apache.kafka.tools.ConsoleProducer ;;
    console-consumer) main=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
    consumer-groups)  main=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
    get-offsets)      main=org.apache.kafka.tools.GetOffsetShell ;;
    metadata-quorum)  main=org.apache.kafka.tools.MetadataQuorumCommand ;;
    *.*)              main="$name" ;;
    *) die "tool: unknown tool $name" ;;
  esac
  require_java
  fetch_jars
  write_tools_log_config
  # the local broker unless the caller names one
  # ${a[@]+...}: bash 3.2 calls an empty array unbound under set -u
  local args=(${@+"$@"})
  if [[ "$name" != *.* && " ${args[*]-} " != *" --bootstrap-server "* ]]; then
    args=(--bootstrap-server "$HOST:$PORT" ${args[@]+"${args[@]}"})
  fi
  exec "$JAVA" "${TOOL_JVM_OPTS[@]}" -Dlog4j2.shutdownHookEnabled=false -Dlog4j2.configurationFile="$CONF_DIR/tools-log4j2.properties" \
    -cp "$LIB_DIR/*" "$main" ${args[@]+"${args[@]}"}
}

# One start/stop at a time per broker (e.g. two demos started at once): a lock directory, made
# atomically by mkdir (flock(1) is not on macOS), holding the holder's pid; the lock of a process
# that died is taken over.
LOCK_DIR="$STATE_DIR/.lock.d"
locked() {
  mkdir -p "$STATE_DIR"
  local deadline=$(( $(date +%s) + START_TIMEOUT_S )) holder
  until mkdir "$LOCK_DIR" 2>/dev/null; do
    holder="$(cat "$LOCK_DIR/pid" 2>/dev/null || true)"
    if [[ -n "$holder" ]] && ! kill -0 "$holder" 2>/dev/null; then
      rm -rf "$LOCK_DIR"
      continue
    fi
    (( $(date +%s) < deadline )) || die "another kafka-local.sh (pid ${holder:-?}) holds $LOCK_DIR"
    sleep 0.2
  done
  echo $$ > "$LOCK_DIR/pid"
  trap 'rm -rf "$LOCK_DIR"' EXIT
  "$@"
}

[[ $# -ge 1 ]] || usage
command="$1"
shift
case "$command" in
  start)     locked start "$@" ;;
  stop)      locked stop "$@" ;;
  status)    status ;;
  bootstrap) echo "$HOST:$PORT" ;;
  tool)      tool "$@" ;;
  -h|--help|help) usage ;;
  *) usage ;;
esac
