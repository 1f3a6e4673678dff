#!/usr/bin/env bash
# bench.sh - what the service does on this machine, against the limit and a naive baseline, in one
# run: a real Kafka broker (own process, scripts/kafka-local.sh), the API simulator answering after
# L ms with every run terminal at its first query, and
#   1. the limit: the simulator driven by the raw java.net.http client at the same concurrency;
#   2. a naive baseline: one plain consumer calling the API synchronously, one run at a time;
#   3. the service end to end (input topic -> workflow-results and the cost totals) at
#      query.max-in-flight 16, 64, 256 with L = 50 ms and 200 ms; once with the simulator's default
#      mix (runs that stay PENDING/RUNNING up to 10 s, so re-queried); twice over https: HTTP/1.1
#      (the default api.transport) and HTTP/2 (api.transport=jdk);
#   and the heap after a full GC with 200,000 runs waiting on the delay topic.
# Writes report.md and report.json to target/bench/<date>/ (and target/bench/latest.*).
# Linux only: it reads process CPU, memory and the load from /proc (the other scripts are portable).
#
#   scripts/bench.sh [--quick] [--jar PATH] [--naive-seconds S] [--only REGEX]
#     --quick          one case only: 64 in flight x 50 ms (with its limit and baseline), ~2-3 min
#     --jar PATH       bench the service of another build (the harness stays this build's): run
#                      it once with each jar, back to back, to compare two versions; the service
#                      gets the JVM options of that build (PATH/../../config/jvm.options), if any
#     --naive-seconds  time box of each naive baseline (default 30)
#     --only REGEX     only the cases whose name matches (c16-l50 ... c256-l200, mix-c64-l50,
#                      tls-c64-l50, h2-c64-l50, heap), e.g. to try one again
#     --vs-jar L=PATH  before and after in one run: each service case runs first with the service
#                      of PATH (with its build's JVM options), as CASE.L, then with this one
#     --vs-jvm L=OPTS  the same with this service but the JVM options OPTS instead of
#                      config/jvm.options (L= alone: none), e.g. --vs-jvm c2=
#
# Env: BENCH_PORT_BASE (default 22000) - ports are taken free from there up;
#      BENCH_RUNS_SCALE (default 1) - multiplies every case's number of runs;
#      BENCH_SERVICE_JAVA_OPTS - extra JVM options of the service, e.g. to profile it with
#        -XX:StartFlightRecording=filename=/tmp/service.jfr (a case's name replaces {case}).
# The whole run takes about 12-18 minutes on 2 cores; everything it starts is stopped on exit.
set -euo pipefail
[ "$(uname -s)" = Linux ] || { echo "bench.sh: needs Linux (it reads process CPU and memory from /proc)" >&2; exit 1; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HARNESS_JAR="$ROOT/target/workflow-result-processor.jar"
SERVICE_JAR=
QUICK=false
NAIVE_SECONDS=30
ONLY=
PORT_BASE="${BENCH_PORT_BASE:-22000}"
SCALE="${BENCH_RUNS_SCALE:-1}"
SERVICE_JAVA_OPTS="${BENCH_SERVICE_JAVA_OPTS:-}"
VS_LABELS=()
VS_JARS=()
VS_JVM=()
API_KEY="bench-key"
STAMP="$(date -u +%Y%m%d-%H%M%S)"

usage() { sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "bench: $*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while port_open "$p"; do p=$((p + 1)); done; echo "$p"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=true; shift ;;
    --jar) [[ $# -ge 2 ]] || die "--jar needs a path"; SERVICE_JAR="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --only) [[ $# -ge 2 ]] || die "--only needs a pattern"; ONLY="$2"; shift 2 ;;
    --vs-jar) [[ $# -ge 2 && "$2" == *=* ]] || die "--vs-jar needs LABEL=PATH"
      VS_LABELS+=("${2%%=*}"); VS_JARS+=("$(cd "$(dirname "${2#*=}")" && pwd)/$(basename "${2#*=}")"); VS_JVM+=(-); shift 2 ;;
    --vs-jvm) [[ $# -ge 2 && "$2" == *=* ]] || die "--vs-jvm needs LABEL=OPTIONS"
      VS_LABELS+=("${2%%=*}"); VS_JARS+=(-); VS_JVM+=("${2#*=}"); shift 2 ;;
    --naive-seconds) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--naive-seconds needs a number"; NAIVE_SECONDS="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
command -v java >/dev/null 2>&1 || die "java not found: install Java 17"
command -v keytool >/dev/null 2>&1 || die "keytool not found (it comes with the JDK)"

SUFFIX=; [[ "$QUICK" == true ]] && SUFFIX=-quick
OUT="$ROOT/target/bench/$STAMP$SUFFIX"
WORK="$OUT/work"
mkdir -p "$WORK"
PIDS="$WORK/pids"
: > "$PIDS"

# --- the harness jar (this build); the service jar (this build, or --jar) -------------------------
if [[ ! -f "$HARNESS_JAR" ]] || [[ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$HARNESS_JAR" -print -quit)" ]]; then
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven"
  echo "bench: building the jar (log: $WORK/build.log) ..."
  (cd "$ROOT" && mvn -B -q package -DskipTests > "$WORK/build.log" 2>&1) \
    || { tail -n 30 "$WORK/build.log" >&2; die "build failed (log: $WORK/build.log)"; }
fi
SERVICE_JAR="${SERVICE_JAR:-$HARNESS_JAR}"
[[ -f "$SERVICE_JAR" ]] || die "no such jar: $SERVICE_JAR"
# a service runs with the JVM options its build ships (config/jvm.options beside its target/)
jvm_options_of() { # JAR -> JVM (array)
  local file
  file="$(cd "$(dirname "$1")/.." && pwd)/config/jvm.options"
  JVM=()
  if [[ -f "$file" ]]; then JVM=("@$file"); fi
}
jvm_options_of "$SERVICE_JAR"
SERVICE_JVM=("${JVM[@]}")
for i in "${!VS_LABELS[@]}"; do
  [[ "${VS_JARS[$i]}" == - || -f "${VS_JARS[$i]}" ]] || die "no such jar: ${VS_JARS[$i]}"
done
service_label="$SERVICE_JAR"
if commit=$(git -C "$(dirname "$SERVICE_JAR")" rev-parse --short HEAD 2>/dev/null); then
  dirty=$(git -C "$(dirname "$SERVICE_JAR")" status --porcelain --untracked-files=no 2>/dev/null | head -c1)
  service_label="$SERVICE_JAR (commit $commit${dirty:+, with uncommitted changes})"
fi
service_label="$service_label, JVM options: ${SERVICE_JVM[*]:-none}${SERVICE_JAVA_OPTS:+ $SERVICE_JAVA_OPTS}"
for i in "${!VS_LABELS[@]}"; do
  if [[ "${VS_JARS[$i]}" == - ]]; then
    service_label="$service_label; CASE.${VS_LABELS[$i]}: this service, JVM options: ${VS_JVM[$i]:-none}"
  else
    service_label="$service_label; CASE.${VS_LABELS[$i]}: ${VS_JARS[$i]}"
  fi
done
bench() { java -cp "$HARNESS_JAR" io.workflowresult.bench.BenchMain "$@"; }

# Jetty serves HTTPS + HTTP/2 for the h2 case; it is no part of the service's jar (provided scope)
JETTY_CP=
if [[ "$QUICK" == false ]]; then
  if (cd "$ROOT" && { mvn -o -B -q dependency:build-classpath -DincludeScope=provided \
        -Dmdep.outputFile="$WORK/jetty.cp" > "$WORK/jetty-cp.log" 2>&1 \
      || mvn -B -q dependency:build-classpath -DincludeScope=provided \
        -Dmdep.outputFile="$WORK/jetty.cp" >> "$WORK/jetty-cp.log" 2>&1; }); then
    JETTY_CP="$(cat "$WORK/jetty.cp")"
  else
    echo "bench: Jetty's jars could not be resolved (log: $WORK/jetty-cp.log): the h2 case is skipped" >&2
  fi
fi

# --- stopping everything on exit ------------------------------------------------------------------
kafka_local() {
  KAFKA_LOCAL_STATE_DIR="$WORK/kafka" KAFKA_LOCAL_PORT="$KAFKA_PORT" \
    KAFKA_LOCAL_CONTROLLER_PORT="$KAFKA_CONTROLLER" "$ROOT/scripts/kafka-local.sh" "$@"
}
stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
on_exit() {
  local code=$?
  trap - EXIT
  trap '' INT TERM
  local pid
  while read -r pid; do stop_pid "$pid"; done < <(tac "$PIDS")
  if [[ -n "${KAFKA_PORT:-}" ]]; then kafka_local stop --clean > "$WORK/kafka-stop.log" 2>&1 || true; fi
  exit "$code"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Kafka ----------------------------------------------------------------------------------------
KAFKA_PORT=$(free_port "$PORT_BASE")
KAFKA_CONTROLLER=$(free_port $((KAFKA_PORT + 1)))
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
echo "bench: starting Kafka on $BOOTSTRAP ..."
kafka_local start --clean > "$WORK/kafka.log" 2>&1 || { tail -n 20 "$WORK/kafka.log" >&2; die "Kafka did not start"; }
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- the simulator --------------------------------------------------------------------------------
SIM_PID=
SIM_URL=
SIM_COUNT=0
JAVA_TLS=()
start_simulator() { # PROTOCOL LATENCY RUN_TIME
  local port log
  port=$(free_port $((KAFKA_CONTROLLER + 1)))
  SIM_COUNT=$((SIM_COUNT + 1))
  log="$WORK/simulator-$SIM_COUNT.log"
  if [[ "$1" == h2 ]]; then
    java -cp "$HARNESS_JAR:$JETTY_CP" io.workflowresult.bench.BenchMain tls-simulator --port "$port" \
      --keystore "$WORK/simulator.p12" --password bench-pass --api-key "$API_KEY" \
      --latency "$2" --run-time "$3" > "$log" 2>&1 < /dev/null &
    SIM_URL="https://127.0.0.1:$port"
  else
    java -jar "$HARNESS_JAR" simulate --port "$port" --api-key "$API_KEY" --latency "$2" \
      --run-time "$3" > "$log" 2>&1 < /dev/null &
    SIM_URL="http://127.0.0.1:$port"
  fi
  SIM_PID=$!
  echo "$SIM_PID" >> "$PIDS"
  for _ in $(seq 1 300); do port_open "$port" && return 0; sleep 0.1; done
  tail -n 20 "$log" >&2
  die "the simulator did not start"
}
stop_simulator() { stop_pid "$SIM_PID"; SIM_PID=; }
# forgets the raw limit's requests, so that the request log holds the service's only
reset_simulator() {
  java "${JAVA_TLS[@]}" -cp "$HARNESS_JAR" io.workflowresult.bench.BenchMain reset --url "$SIM_URL" \
    > /dev/null || die "the simulator's statistics could not be reset"
}

# a certificate for 127.0.0.1 made for this run, and a trust store holding it
make_certificate() {
  keytool -genkeypair -alias simulator -keyalg RSA -keysize 2048 -validity 2 \
    -dname "CN=127.0.0.1" -ext "SAN=ip:127.0.0.1,dns:localhost" \
    -keystore "$WORK/simulator.p12" -storetype PKCS12 -storepass bench-pass > "$WORK/keytool.log" 2>&1
  keytool -exportcert -alias simulator -keystore "$WORK/simulator.p12" -storepass bench-pass \
    -file "$WORK/simulator.crt" >> "$WORK/keytool.log" 2>&1
  keytool -importcert -noprompt -alias simulator -file "$WORK/simulator.crt" \
    -keystore "$WORK/trust.p12" -storetype PKCS12 -storepass bench-pass >> "$WORK/keytool.log" 2>&1
  JAVA_TLS=(-Djavax.net.ssl.trustStore="$WORK/trust.p12" -Djavax.net.ssl.trustStorePassword=bench-pass
    -Djavax.net.ssl.trustStoreType=PKCS12)
}

# --- the measurements -----------------------------------------------------------------------------
# the service's API client alone (no Kafka) over each api.transport: answers/s and CPU per answer
client_costs() { # C
  local t
  for t in http1 jdk; do
    java "${JAVA_TLS[@]}" -cp "$HARNESS_JAR" io.workflowresult.bench.BenchMain client --url "$SIM_URL" \
      --api-key "$API_KEY" --in-flight "$1" --transport "$t" --prefix "client-$t-$STAMP" \
      --warmup-s 3 --seconds 10 | tee -a "$OUT/client.txt" || echo "bench: the client alone ($t) failed" >&2
  done
}
declare -A RAW_DONE=()
raw_limit() { # PROTOCOL C L_MS
  local key="$1-$2-$3"
  [[ -n "${RAW_DONE[$key]:-}" ]] && return 0
  java "${JAVA_TLS[@]}" -cp "$HARNESS_JAR" io.workflowresult.bench.BenchMain raw --url "$SIM_URL" \
    --api-key "$API_KEY" --in-flight "$2" --latency-ms "$3" --protocol "$1" --prefix "raw-$key-$STAMP" \
    --warmup-s 2 --seconds 10 --out "$OUT/raw-$key.json" || echo "bench: the raw limit $key had errors" >&2
  RAW_DONE[$key]=1
}

naive() { # L_MS
  local runs=$(( NAIVE_SECONDS * 1000 / $1 * 2 + 100 ))
  bench naive --bootstrap "$BOOTSTRAP" --url "$SIM_URL" --api-key "$API_KEY" --latency-ms "$1" \
    --seconds "$NAIVE_SECONDS" --runs "$runs" --prefix "naive-$1-$STAMP" \
    --input-topic "naive-$1-$STAMP-runs" --results-topic "naive-$1-$STAMP-results" \
    --out "$OUT/naive-$1.json" || echo "bench: the naive baseline at $1 ms failed" >&2
}

service_settings() { # CASE_NAME C  -> SETTINGS (array)
  local prefix="bench-$STAMP-$1"
  local http_port
  http_port=$(free_port $((KAFKA_CONTROLLER + 20)))
  SETTINGS=(
    --set "kafka.bootstrap.servers=$BOOTSTRAP" --set "app.id=wrp-$prefix"
    --set "state.dir=$WORK/state/$1" --set "topics.input=$prefix-runs"
    --set "topics.delay=$prefix-runs-delay" --set "topics.results=$prefix-results"
    --set "topics.dlq=$prefix-runs-dlq" --set "topics.cost-totals=$prefix-cost-totals"
    --set "topics.cost-windows=$prefix-cost-windows" --set "topics.partitions=6"
    --set "topics.replication-factor=1" --set "api.base-url=$SIM_URL" --set "api.key=$API_KEY"
    --set "query.max-in-flight=$2" --set "http.port=$http_port" --set "http.advertised-host=127.0.0.1"
  )
  TOPIC_PREFIX="$prefix"
}

service_case() { # NAME PROTOCOL MIX C L_MS RUNS
  local name=$1 protocol=$2 mix=$3 c=$4 l=$5 runs
  [[ -z "$ONLY" || "$name" =~ $ONLY ]] || return 0
  runs=$(awk -v n="$6" -v s="$SCALE" 'BEGIN { printf "%d", n * s }')
  local run_time=0s
  [[ "$mix" == default ]] && run_time=0s..10s
  echo "bench: case $name: $runs runs, $c in flight, answers after $l ms, $protocol, $mix mix ..."
  start_simulator "$protocol" "${l}ms" "$run_time"
  raw_limit "$protocol" "$c" "$l"
  if [[ "$name" == c64-l50 ]]; then client_costs "$c"; fi
  local i jar jvm
  for i in "${!VS_LABELS[@]}"; do
    jar="${VS_JARS[$i]}"
    if [[ "$jar" == - ]]; then
      jar="$SERVICE_JAR"
      read -r -a jvm <<< "${VS_JVM[$i]}"
    else
      jvm_options_of "$jar"
      jvm=("${JVM[@]}")
    fi
    echo "bench: case $name.${VS_LABELS[$i]}: the same with $jar ${jvm[*]:-(no JVM options)} ..."
    service_run "$name.${VS_LABELS[$i]}" "$protocol" "$mix" "$c" "$l" "$runs" "$jar" "${jvm[@]}"
  done
  service_run "$name" "$protocol" "$mix" "$c" "$l" "$runs" "$SERVICE_JAR" "${SERVICE_JVM[@]}"
  stop_simulator
}

service_run() { # NAME PROTOCOL MIX C L_MS RUNS JAR [JVM_OPTION...]
  local name=$1 protocol=$2 mix=$3 c=$4 l=$5 runs=$6 jar=$7
  shift 7
  reset_simulator
  service_settings "$name" "$c"
  # each case learns run times of its own (topics.run-stats, in the environment, which builds that
  # do not know the key ignore): the terminal cases would teach the mix's service that runs take 0 s
  TOPICS_RUN_STATS="$TOPIC_PREFIX-run-stats" \
  java "${JAVA_TLS[@]}" -cp "$HARNESS_JAR" io.workflowresult.bench.BenchMain case --name "$name" \
    --bootstrap "$BOOTSTRAP" --sim-url "$SIM_URL" --protocol "$protocol" --mix "$mix" \
    --in-flight "$c" --latency-ms "$l" --runs "$runs" --prefix "$name-$STAMP" --partitions 6 \
    --input-topic "$TOPIC_PREFIX-runs" --results-topic "$TOPIC_PREFIX-results" \
    --totals-topic "$TOPIC_PREFIX-cost-totals" --delay-topic "$TOPIC_PREFIX-runs-delay" \
    --service-log "$WORK/service-$name.log" --out "$OUT/case-$name.json" --timeout-s 600 \
    -- java "${JAVA_TLS[@]}" "$@" ${SERVICE_JAVA_OPTS//\{case\}/$name} -jar "$jar" run "${SETTINGS[@]}" &
  local harness=$!
  echo "$harness" >> "$PIDS"
  wait "$harness" || echo "bench: case $name failed (log: $WORK/service-$name.log)" >&2
}

heap_case() { # RUNS
  [[ -z "$ONLY" || heap =~ $ONLY ]] || return 0
  echo "bench: heap with $1 runs waiting on the delay topic ..."
  start_simulator http 50ms 0s
  service_settings heap 64
  bench heap --bootstrap "$BOOTSTRAP" --delay-topic "$TOPIC_PREFIX-runs-delay" --runs "$1" \
    --prefix "heap-$STAMP" --settle-s 20 --service-log "$WORK/service-heap.log" --out "$OUT/heap.json" \
    -- java "${SERVICE_JVM[@]}" -jar "$SERVICE_JAR" run "${SETTINGS[@]}" &
  local harness=$!
  echo "$harness" >> "$PIDS"
  wait "$harness" || echo "bench: the heap case failed (log: $WORK/service-heap.log)" >&2
  stop_simulator
}

started=$(date +%s)
start_simulator http 50ms 0s
naive 50
stop_simulator
if [[ "$QUICK" == true ]]; then
  service_case c64-l50 http terminal 64 50 30000
else
  start_simulator http 200ms 0s
  naive 200
  stop_simulator
  service_case c16-l50 http terminal 16 50 10000
  service_case c64-l50 http terminal 64 50 30000
  service_case c256-l50 http terminal 256 50 90000
  service_case c16-l200 http terminal 16 200 2400
  service_case c64-l200 http terminal 64 200 10000
  service_case c256-l200 http terminal 256 200 45000
  service_case mix-c64-l50 http default 64 50 10000
  if [[ -n "$JETTY_CP" ]]; then
    make_certificate
    # the same TLS simulator: over HTTP/1.1 with the default api.transport, then over HTTP/2 with
    # api.transport=jdk (set in the environment, which builds that do not know the key ignore)
    service_case tls-c64-l50 h2 terminal 64 50 30000
    export API_TRANSPORT=jdk
    service_case h2-c64-l50 h2 terminal 64 50 30000
    unset API_TRANSPORT
    JAVA_TLS=()
  fi
  heap_case 200000
fi

machine="$(hostname), $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
bench report --dir "$OUT" --date "$(date -u +%Y-%m-%dT%H:%M:%SZ) ($(( $(date +%s) - started )) s)" \
  --machine "$machine" --java "$(java -version 2>&1 | head -n 1)" --service-jar "$service_label" \
  --load-average "$LOAD_AT_START" > "$WORK/report.log" || true
if [[ -s "$OUT/client.txt" && -f "$OUT/report.md" ]]; then
  { printf '\n## The API client alone (64 x 50 ms, http, no Kafka)\n\n'
    sed 's/^bench: the API client alone, /- /' "$OUT/client.txt"; } >> "$OUT/report.md"
fi
cat "$OUT/report.md" 2>/dev/null || { cat "$WORK/report.log" >&2; die "no report"; }
cp "$OUT/report.md" "$ROOT/target/bench/latest.md"
cp "$OUT/report.json" "$ROOT/target/bench/latest.json"
echo
echo "bench: report in $OUT/report.md and report.json"
