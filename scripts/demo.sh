#!/usr/bin/env bash
# demo.sh - the whole pipeline on one machine: a real local Kafka broker (KRaft), the API simulator
# and the processor; submits sample runs, shows live progress, then the summary and the cost table.
# Needs only Java 17 (Maven comes through ./mvnw when mvn is not installed) and bash 3.2 or later:
# Linux, or macOS with its own bash and BSD tools. Everything it starts is stopped on exit (also on Ctrl-C), unless
# --keep-running is given.
#
#   scripts/demo.sh [--runs N] [--keep-running]
#   scripts/demo.sh --stop            stop a stack left up by --keep-running
#   scripts/demo.sh --benchmark [BENCH OPTIONS]
#       the benchmark instead: scripts/bench.sh --quick (64 in flight x 50 ms, against the raw
#       HTTP limit and a naive baseline in the same run); further options go to scripts/bench.sh
#
# Env: DEMO_TIMEOUT_S (default 600) - longest wait for every run to resolve; DEMO_KAFKA_PORT,
# DEMO_SIM_PORT, DEMO_HTTP_PORT (19092, 18089, 18080) - the first port tried for each.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/workflow-result-processor.jar"
WORK="$ROOT/target/demo"
KAFKA_DIR="$WORK/kafka"
PIDS="$WORK/pids"
RUNS=
KEEP=false
TIMEOUT_S="${DEMO_TIMEOUT_S:-600}"
API_KEY="demo-key"

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "demo: $*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while port_open "$p"; do p=$((p + 1)); done; echo "$p"; }
now_s() { date +%s; }
# milliseconds since the epoch; BSD date (macOS) has no %N, and there a second is the resolution
now_ms() { local t; t="$(date +%s%3N)"; case "$t" in *N) echo $(( $(date +%s) * 1000 )) ;; *) echo "$t" ;; esac; }

# scripts/kafka-local.sh with this demo's own port and state directory (the jars are cached once
# per machine, outside the clone).
kafka_local() {
  KAFKA_LOCAL_STATE_DIR="$KAFKA_DIR" KAFKA_LOCAL_PORT="${KAFKA_PORT:-19092}" \
    KAFKA_LOCAL_CONTROLLER_PORT="${KAFKA_CONTROLLER:-19093}" "$ROOT/scripts/kafka-local.sh" "$@"
}

# Stops what this demo started: processor first (SIGTERM: it finishes and commits), then the
# simulator, then Kafka. Only pids recorded in $PIDS are signalled.
stop_all() {
  [[ -f "$PIDS" ]] || return 0
  local name pid
  while read -r name pid; do
    [[ "$name" == kafka ]] && continue
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then
        echo "demo: $name (pid $pid) did not stop in 60s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
  done < <(awk '{ line[NR] = $0 } END { for (i = NR; i > 0; i--) print line[i] }' "$PIDS")  # newest first
  if grep -q '^kafka ' "$PIDS"; then
    # shellcheck disable=SC1090
    source "$WORK/ports"
    kafka_local stop --clean > "$WORK/kafka-stop.log" 2>&1 || cat "$WORK/kafka-stop.log" >&2
  fi
  rm -f "$PIDS"
}

if [[ "${1:-}" == --benchmark ]]; then
  shift
  exec "$ROOT/scripts/bench.sh" --quick "$@"
fi

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ && "$2" -gt 0 ]] || die "--runs needs a positive number"; RUNS="$2"; shift 2 ;;
    --runs=*) RUNS="${1#--runs=}"; [[ "$RUNS" =~ ^[0-9]+$ && "$RUNS" -gt 0 ]] || die "--runs needs a positive number"; shift ;;
    --keep-running) KEEP=true; shift ;;
    --benchmark) die "--benchmark comes first: scripts/demo.sh --benchmark [options of scripts/bench.sh]" ;;
    --stop) stop_all; echo "demo: stopped"; exit 0 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

RUNS="${RUNS:-2000}"
command -v java >/dev/null 2>&1 || die "java not found: install Java 17"
if [[ -f "$PIDS" ]]; then
  echo "demo: stopping a stack left from an earlier demo"
  stop_all
fi
mkdir -p "$WORK"
: > "$PIDS"
started_at=$(now_s)

on_exit() {
  local code=$?
  trap - EXIT
  trap '' INT TERM   # a second Ctrl-C must not cut the clean-up short
  if [[ "$KEEP" == true && $code -eq 0 ]]; then
    return
  fi
  echo "demo: stopping everything it started ..."
  stop_all
  exit "$code"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. the jar -----------------------------------------------------------------------------------
if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/src" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]; then
  MVN=mvn
  command -v mvn >/dev/null 2>&1 || MVN="$ROOT/mvnw"
  echo "demo: building the jar (log: $WORK/build.log) ..."
  (cd "$ROOT" && "$MVN" -B -q package -DskipTests > "$WORK/build.log" 2>&1) \
    || { tail -n 30 "$WORK/build.log" >&2; die "build failed (log: $WORK/build.log)"; }
fi

# --- 2. Kafka -------------------------------------------------------------------------------------
KAFKA_PORT=$(free_port "${DEMO_KAFKA_PORT:-19092}")
KAFKA_CONTROLLER=$(free_port $((KAFKA_PORT + 1)))
SIM_PORT=$(free_port "${DEMO_SIM_PORT:-18089}")
HTTP_PORT=$(free_port "${DEMO_HTTP_PORT:-18080}")
[[ "$HTTP_PORT" == "$SIM_PORT" ]] && HTTP_PORT=$(free_port $((SIM_PORT + 1)))
printf 'KAFKA_PORT=%s\nKAFKA_CONTROLLER=%s\nSIM_PORT=%s\nHTTP_PORT=%s\n' \
  "$KAFKA_PORT" "$KAFKA_CONTROLLER" "$SIM_PORT" "$HTTP_PORT" > "$WORK/ports"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
echo "demo: starting Kafka on $BOOTSTRAP (log: $WORK/kafka.log) ..."
echo "kafka -" >> "$PIDS"
kafka_local start --clean > "$WORK/kafka.log" 2>&1 || { tail -n 20 "$WORK/kafka.log" >&2; die "Kafka did not start"; }

# --- 3. the simulator -----------------------------------------------------------------------------
echo "demo: starting the API simulator on port $SIM_PORT ..."
# each workflow's runs take similar times (log-normal around 3, 6, 9, 12, 15 s), so the learned
# schedule has something to learn
SIM_OPTIONS=(--workflow-run-times 3s..15s --workflow-sigma 0.15..0.25)
java -jar "$JAR" simulate --port "$SIM_PORT" --api-key "$API_KEY" "${SIM_OPTIONS[@]}" \
  > "$WORK/simulator.log" 2>&1 < /dev/null &
echo "simulator $!" >> "$PIDS"
for _ in $(seq 1 300); do port_open "$SIM_PORT" && break; sleep 0.1; done
port_open "$SIM_PORT" || { tail -n 20 "$WORK/simulator.log" >&2; die "the simulator did not start"; }

# --- 4. the processor -----------------------------------------------------------------------------
STAMP="$(date +%Y%m%d-%H%M%S)-$$"
APP_ID="wrp-demo-$STAMP"
TOPIC_PREFIX="demo-$STAMP"
SETTINGS=(
  --set "kafka.bootstrap.servers=$BOOTSTRAP"
  --set "app.id=$APP_ID"
  --set "state.dir=$WORK/state/$STAMP"
  --set "topics.input=$TOPIC_PREFIX-runs"
  --set "topics.delay=$TOPIC_PREFIX-runs-delay"
  --set "topics.results=$TOPIC_PREFIX-results"
  --set "topics.dlq=$TOPIC_PREFIX-runs-dlq"
  --set "topics.cost-totals=$TOPIC_PREFIX-cost-totals"
  --set "topics.cost-windows=$TOPIC_PREFIX-cost-windows"
  --set "topics.run-stats=$TOPIC_PREFIX-run-stats"
  --set "topics.partitions=6"
  --set "topics.replication-factor=1"
  --set "api.base-url=http://127.0.0.1:$SIM_PORT"
  --set "api.key=$API_KEY"
  --set "poll.initial-delay=1s"
  --set "poll.max-delay=5s"
  --set "poll.not-found-retries=1"
)
echo "demo: starting the processor (app.id $APP_ID, http://127.0.0.1:$HTTP_PORT, log: $WORK/processor.log) ..."
java @"$ROOT/config/jvm.options" -jar "$JAR" run "${SETTINGS[@]}" --set "http.port=$HTTP_PORT" --set "http.advertised-host=127.0.0.1" \
  > "$WORK/processor.log" 2>&1 < /dev/null &
PROCESSOR_PID=$!
echo "processor $PROCESSOR_PID" >> "$PIDS"
ready=false
for _ in $(seq 1 1200); do
  kill -0 "$PROCESSOR_PID" 2>/dev/null || { tail -n 30 "$WORK/processor.log" >&2; die "the processor exited"; }
  if curl_ok=$( (exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT" && printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && head -n 1 <&3) 2>/dev/null ) \
     && [[ "$curl_ok" == *" 200"* ]]; then
    ready=true; break
  fi
  sleep 0.1
done
[[ "$ready" == true ]] || { tail -n 30 "$WORK/processor.log" >&2; die "the processor was not ready after 120s"; }

# --- 5. sample runs -------------------------------------------------------------------------------
INPUT="$WORK/runs-$STAMP.txt"
bad=$(( RUNS >= 100 ? 3 : 0 ))
unknown=$(( RUNS >= 100 ? RUNS / 100 : 0 ))
good=$(( RUNS - bad - unknown ))
{
  for i in $(seq 1 "$good"); do echo "demo-$STAMP-$i"; done
  for i in $(seq 1 "$unknown"); do echo "unknown-$STAMP-$i"; done
  if (( bad > 0 )); then
    echo '{"workflowRunId": 42}'
    echo '{"notARunId": "x"}'
    printf 'x%.0s' $(seq 1 300); echo
  fi
} > "$INPUT"

submit() {
  java -jar "$JAR" submit --file "$1" "${SETTINGS[@]}" >> "$WORK/submit.log" 2>&1 \
    || { tail -n 20 "$WORK/submit.log" >&2; die "submit failed (log: $WORK/submit.log)"; }
}
: > "$WORK/submit.log"
submitted_at_ms=$(now_ms)
# in WAVES waves WAVE_GAP_S apart: a run starts when its ID arrives, and the later waves are asked
# when their workflow's runs are likely done, from what the earlier ones taught
WAVES=4
WAVE_GAP_S=5
echo "demo: submitting $RUNS runs ($good known, $unknown unknown, $bad malformed) in $WAVES waves ${WAVE_GAP_S}s apart ..."
lines=$(wc -l < "$INPUT")
per_wave=$(( (lines + WAVES - 1) / WAVES ))
split -l "$per_wave" "$INPUT" "$WORK/wave-$STAMP-"
first=true
for wave in "$WORK/wave-$STAMP-"*; do
  [[ "$first" == true ]] || sleep "$WAVE_GAP_S"
  first=false
  submit "$wave"
done

# --- 6. progress, summary, cost table -------------------------------------------------------------
progress() {
  java -cp "$JAR" io.workflowresult.demo.DemoProgress "http://127.0.0.1:$HTTP_PORT" "$RUNS" "$TIMEOUT_S" \
    "$submitted_at_ms"
}
progress || die "not every run resolved within ${TIMEOUT_S}s (logs in $WORK)"  # a live bar on a terminal
echo "demo: wall time $(( $(now_s) - started_at ))s"

if [[ "$KEEP" == true ]]; then
  cat <<INFO

The stack is still running:
  costs     http://127.0.0.1:$HTTP_PORT/costs   (/costs/<workflowId>, /costs/<workflowId>/windows)
  metrics   http://127.0.0.1:$HTTP_PORT/metrics
  health    http://127.0.0.1:$HTTP_PORT/health/ready
  simulator http://127.0.0.1:$SIM_PORT (GET /stats)
  Kafka     $BOOTSTRAP, topics $TOPIC_PREFIX-*
  more runs java -jar $JAR submit --set kafka.bootstrap.servers=$BOOTSTRAP --set topics.input=$TOPIC_PREFIX-runs RUN_ID...
  logs      $WORK/*.log
Stop it with: scripts/demo.sh --stop
INFO
fi
