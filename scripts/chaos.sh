#!/usr/bin/env bash
# chaos.sh - the reliability suite: the real jar as separate processes, a real Kafka broker as its
# own process (scripts/kafka-local.sh), the API simulator with its ground truth, and faults injected
# at random moments; a read_committed verifier checks every output topic after each scenario.
#
#   scripts/chaos.sh [--seed N] [--only PATTERN] [--short]
#       --seed N        replay a run: the random moments come from N (printed at the start)
#       --only PATTERN  run only the scenarios whose test class matches (e.g. CrashChaosIT)
#       --short         the short versions that `mvn verify` runs
#
# Scenarios (src/test/java/io/workflowresult/chaos): 1 crash (kill -9 rounds), 2 scale and
# rebalance (rolling restarts, an instance removed), 3 broker bounce, 4 API faults, 5 bad input,
# 6 wrong API key then fixed, 7 restart timing and restore time against state size; plus a copied
# state.dir. Prints one table row per scenario (target/chaos/results.md) and the restart timings
# (target/chaos/timings.md). Needs Java 17 and Maven. Ports: the first free pair from
# CHAOS_PORT_FROM (25092) up to CHAOS_PORT_TO (25999).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/target/chaos"
SEED="${CHAOS_SEED:-$(( (RANDOM << 16) | RANDOM ))}"
ONLY='*ChaosIT,CopiedStateDirIT'
FULL=true
PORT_FROM="${CHAOS_PORT_FROM:-25092}"
PORT_TO="${CHAOS_PORT_TO:-25999}"

die() { echo "chaos: $*" >&2; exit 1; }
usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --seed) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--seed needs a number"; SEED="$2"; shift 2 ;;
    --only) [[ $# -ge 2 ]] || die "--only needs a test class pattern"; ONLY="$2"; shift 2 ;;
    --short) FULL=false; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

port=$PORT_FROM
while port_open "$port" || port_open "$((port + 1))"; do
  port=$((port + 2))
  (( port < PORT_TO )) || die "no two free ports between $PORT_FROM and $PORT_TO"
done

mkdir -p "$WORK"
rm -f "$WORK/results.md" "$WORK/timings.md"
export KAFKA_LOCAL_PORT="$port" KAFKA_LOCAL_CONTROLLER_PORT="$((port + 1))"
export KAFKA_LOCAL_STATE_DIR="$WORK/kafka"
kafka() { "$ROOT/scripts/kafka-local.sh" "$@"; }
cleanup() { kafka stop --clean > "$WORK/kafka-stop.log" 2>&1 || cat "$WORK/kafka-stop.log" >&2; }
trap cleanup EXIT

started=$(date +%s)
echo "chaos: seed $SEED (replay: scripts/chaos.sh --seed $SEED${ONLY:+ --only '$ONLY'}$([[ $FULL == false ]] && echo ' --short'))"
echo "chaos: building the jar and the tests (log: $WORK/build.log)"
(cd "$ROOT" && mvn -B -q -DskipTests package > "$WORK/build.log" 2>&1) || { tail -n 30 "$WORK/build.log" >&2; die "build failed"; }
kafka start --clean
echo "chaos: running $ONLY (log: $WORK/suite.log)"
status=0
(cd "$ROOT" && KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$port" CHAOS_KAFKA_PORT="$port" \
  CHAOS_KAFKA_STATE_DIR="$KAFKA_LOCAL_STATE_DIR" \
  mvn -B failsafe:integration-test failsafe:verify -Dit.test="$ONLY" \
    -Dchaos.full="$FULL" -Dchaos.seed="$SEED" > "$WORK/suite.log" 2>&1) || status=$?
grep -E 'Tests run:|FAIL' "$WORK/suite.log" | sed 's/\x1b\[[0-9;]*m//g' | tail -n 20 || true
echo
cores="$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')"
load="$(uptime | sed 's/.*load averages*: *//')"
echo "chaos: $(date -u +%Y-%m-%d) on $cores cores, load $load, seed $SEED, $(( $(date +%s) - started )) s"
[[ -f "$WORK/results.md" ]] && cat "$WORK/results.md"
if [[ -f "$WORK/timings.md" ]]; then
  echo
  echo "| restart | resolver partitions back | aggregator RUNNING | first new result | /costs current | queries for runs already resolved |"
  echo "|---|---|---|---|---|---|"
  grep '^| SIGTERM\|^| kill' "$WORK/timings.md" || true
  echo
  grep '^| restore' "$WORK/timings.md" || true
fi
exit "$status"
