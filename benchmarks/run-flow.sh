#!/usr/bin/env bash
# Runs the flow benchmark against a fresh local Bourse: starts the stack on an empty data folder of its own
# (durable PostgreSQL, as the local stack always is), waits until the issuer and the three services answer their
# health check, runs io.bourse.benchmarks.flow.FlowBenchmark with the given options, and stops the stack however the
# run ends. The benchmark calls with tokens: the issuer is started knowing its trader clients bench0..bench<N-1>, and
# the services' per-caller rate limits are raised so that the run measures the stack, not the limits.
#
#   benchmarks/run-flow.sh --ramp=100,200,400,600,800,1000
#   benchmarks/run-flow.sh --ports-base=38000 --rate=50 --duration=10
#
# Options of this script; everything else goes to the benchmark (benchmarks/run-flow.sh --help lists those):
#   --ports-base=N   the stack on N+1 (order), N+2 (portfolio), N+3 (settlement), N+4 (PostgreSQL), N+5 (Kafka,
#                    whose controller takes N+6) and N+7 (the issuer) instead of the usual 8081-8083, 15432, 19092
#                    and 9000
#   --skip-build     start the launcher jar directly instead of through run-local.sh, which first rebuilds the
#                    whole project whenever any source is newer than the launcher
#   --keep-data      keep the stack's data folder and logs after a good run (a failed run always keeps them)
#   --keep-rate-limits  leave the services' per-caller rate limits at their defaults (reads 200/s, writes 100/s per
#                    token subject): shows what the limits cost; the setup then waits out some 429s
#   --traders=N      (also the benchmark's option) how many trader clients to register and spread the accounts over;
#                    25 by default, two accounts each, so a trader stays under the default limits up to ~2,500 req/s
# Environment: BENCH_JAVA_OPTS for the benchmark's JVM (default -Xmx1g), BOURSE_START_TIMEOUT in seconds (600).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ " $* " == *" --help "* ]]; then
  sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
  echo
  exec java -cp benchmarks/target/benchmarks.jar io.bourse.benchmarks.flow.FlowBenchmark --help
fi

ports_base=""
skip_build=false
keep_data=false
keep_rate_limits=false
# The benchmark's own default too; it is passed on explicitly, so the clients registered are the ones it uses.
traders=25
bench_args=()
for arg in "$@"; do
  case "$arg" in
    --ports-base=*) ports_base="${arg#*=}" ;;
    --skip-build) skip_build=true ;;
    --keep-data) keep_data=true ;;
    --keep-rate-limits) keep_rate_limits=true ;;
    --traders=*) traders="${arg#*=}" ;;
    *) bench_args+=("$arg") ;;
  esac
done
if ! [[ "$traders" =~ ^[0-9]+$ ]] || (( traders < 1 || traders > 1000 )); then
  echo "--traders takes a number from 1 to 1000" >&2
  exit 2
fi

if [[ -n "$ports_base" ]]; then
  if ! [[ "$ports_base" =~ ^[0-9]+$ ]] || (( ports_base < 1024 || ports_base > 65000 )); then
    echo "--ports-base takes a number from 1024 to 65000" >&2
    exit 2
  fi
  order_port=$((ports_base + 1))
  portfolio_port=$((ports_base + 2))
  settlement_port=$((ports_base + 3))
  postgres_port=$((ports_base + 4))
  kafka_port=$((ports_base + 5))
  auth_port=$((ports_base + 7))
else
  order_port=8081
  portfolio_port=8082
  settlement_port=8083
  postgres_port=15432
  kafka_port=19092
  auth_port=9000
fi

jar=benchmarks/target/benchmarks.jar
if [[ ! -f "$jar" ]]; then
  echo "No $jar yet: build it with ./mvnw -q -B -DskipTests -pl benchmarks -am package" >&2
  exit 1
fi

# A health check that another stack answers would measure that stack: every port must be free.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$order_port" "$portfolio_port" "$settlement_port" "$postgres_port" "$kafka_port" "$((kafka_port + 1))" \
  "$auth_port"; do
  if port_in_use "$port"; then
    echo "Port $port is in use (another stack?): stop it, or pick other ports with --ports-base=N" >&2
    exit 1
  fi
done

data_dir=$(mktemp -d -t bourse-flow.XXXXXX)
stack_log="$data_dir/stack.log"
stack_args=(--data-dir="$data_dir" --order-port="$order_port" --portfolio-port="$portfolio_port"
  --settlement-port="$settlement_port" --postgres-port="$postgres_port" --kafka-port="$kafka_port"
  --auth-port="$auth_port")
# The benchmark's traders, with the dev secret convention <client>-secret that its token cache uses.
for ((i = 0; i < traders; i++)); do
  stack_args+=(--auth-arg="--bourse.auth.clients.bench$i.secret=bench$i-secret")
done
# Limits far above anything this machine can carry: a 429 would measure the limit, not the stack.
if ! $keep_rate_limits; then
  for limit in reads.per-second reads.burst writes.per-second writes.burst; do
    stack_args+=(--service-arg="--bourse.security.$limit=1000000")
  done
fi
if $skip_build; then
  launcher=$(ls local-stack/target/local-stack-*-SNAPSHOT.jar 2>/dev/null | head -n 1 || true)
  if [[ -z "$launcher" ]]; then
    echo "No launcher jar in local-stack/target: build the project first, or leave out --skip-build" >&2
    rmdir "$data_dir"
    exit 1
  fi
  start=(env BOURSE_SKIP_BUILD=1 ./run-local.sh "${stack_args[@]}")
else
  start=(./run-local.sh "${stack_args[@]}")
fi

stack_pid=""
bench_pid=""
status=1

alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }

wait_gone() {
  local pid=$1 tenths=$2
  for ((i = 0; i < tenths; i++)); do
    alive "$pid" || return 0
    sleep 0.1
  done
  ! alive "$pid"
}

stop_stack() {
  if alive "$stack_pid"; then
    echo "Stopping the stack (pid $stack_pid)..."
    kill -TERM "$stack_pid" 2>/dev/null || true
    if ! wait_gone "$stack_pid" 900; then
      # The stack runs in a session of its own, so its process group holds nothing but what it started.
      echo "The stack did not stop within 90 s: killing its process group" >&2
      kill -KILL -- "-$stack_pid" 2>/dev/null || true
    fi
    wait "$stack_pid" 2>/dev/null || true
  fi
  # pg_ctl starts PostgreSQL in a session of its own, out of the stack's group; make sure this run's is gone.
  local pidfile="$data_dir/postgres/postmaster.pid" postgres_pid=""
  [[ -f "$pidfile" ]] && postgres_pid=$(head -n 1 "$pidfile" 2>/dev/null || true)
  if [[ "$postgres_pid" =~ ^[0-9]+$ ]] && alive "$postgres_pid" \
      && tr '\0' ' ' < "/proc/$postgres_pid/cmdline" 2>/dev/null | grep -qF "$data_dir"; then
    echo "PostgreSQL (pid $postgres_pid) outlived the stack: stopping it" >&2
    kill -TERM "$postgres_pid" 2>/dev/null || true
    wait_gone "$postgres_pid" 300 || kill -KILL "$postgres_pid" 2>/dev/null || true
  fi
}

cleanup() {
  stop_stack
  if [[ $status -eq 0 ]] && ! $keep_data; then
    rm -rf "$data_dir"
  else
    echo "The stack's data and logs are kept in $data_dir"
  fi
}
stop_bench() {
  if alive "$bench_pid"; then
    kill -TERM "$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'stop_bench; exit 130' INT
trap 'stop_bench; exit 143' TERM

echo "Starting a fresh Bourse (data and logs in $data_dir)..."
# A session of its own: a Ctrl-C reaches the benchmark, and the stack is stopped in order by the trap.
setsid "${start[@]}" >"$stack_log" 2>&1 </dev/null &
stack_pid=$!

deadline=$((SECONDS + ${BOURSE_START_TIMEOUT:-600}))
for port in "$auth_port" "$order_port" "$portfolio_port" "$settlement_port"; do
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/actuator/health" \
      || true)" == 200 ]]; do
    if ! alive "$stack_pid"; then
      echo "The stack stopped while starting. The end of its log ($stack_log):" >&2
      tail -n 40 "$stack_log" >&2
      exit 1
    fi
    if (( SECONDS > deadline )); then
      echo "http://127.0.0.1:$port/actuator/health did not answer 200 in time. The end of the stack's log:" >&2
      tail -n 40 "$stack_log" >&2
      exit 1
    fi
    sleep 1
  done
done
echo "Bourse is up: order $order_port, portfolio $portfolio_port, settlement $settlement_port," \
  "PostgreSQL $postgres_port, Kafka $kafka_port, issuer $auth_port ($traders trader clients;" \
  "rate limits $($keep_rate_limits && echo "at their defaults" || echo "raised"))."

# The benchmark's own options come last, so that they win over these. It runs in the background because a
# script only acts on a signal between commands: waiting for it lets a Ctrl-C or a TERM stop it at once.
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:--Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -cp "$jar" io.bourse.benchmarks.flow.FlowBenchmark \
  --order="http://127.0.0.1:$order_port" --portfolio="http://127.0.0.1:$portfolio_port" \
  --settlement="http://127.0.0.1:$settlement_port" --issuer="http://127.0.0.1:$auth_port" --traders="$traders" \
  --jdbc="jdbc:postgresql://127.0.0.1:$postgres_port/postgres" --kafka="127.0.0.1:$kafka_port" \
  ${bench_args[@]+"${bench_args[@]}"} &
bench_pid=$!
set +e
wait "$bench_pid"
status=$?
set -e
bench_pid=""
exit $status
