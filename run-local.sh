#!/usr/bin/env bash
# Starts Bourse locally: PostgreSQL, Kafka, the authorization server and the three services, no Docker needed.
# Builds first when the sources changed since the last build. Data stays in .bourse/ between runs; Ctrl-C stops
# everything.
# Options: --data-dir=DIR --order-port=8081 --portfolio-port=8082 --settlement-port=8083 --auth-port=9000
#          --postgres-port=15432 --kafka-port=19092 --service-jvm-options="-Xmx512m ..."
#          --auth-arg=--name=value     an argument for the issuer, e.g. a client --bourse.auth.clients.dave.secret=...
#          --service-arg=--name=value  an argument for each service, e.g. --bourse.security.writes.per-second=1000
#          (both repeatable; --help describes every option)
set -euo pipefail
cd "$(dirname "$0")"
launcher=$(ls local-stack/target/local-stack-*-SNAPSHOT.jar 2>/dev/null | head -n 1 || true)
if [[ -z "$launcher" ]] || [[ -z "${BOURSE_SKIP_BUILD:-}" && -n "$(find . -path ./.bourse -prune -o \( -path '*/src/*' -o -name pom.xml \) -newer "$launcher" -print -quit)" ]]; then
  echo "Building Bourse..."
  ./mvnw -q -B -DskipTests package
  launcher=$(ls local-stack/target/local-stack-*-SNAPSHOT.jar | head -n 1)
fi
# The launcher runs the Kafka broker: on C1 alone, as the services do, C2 kept a core busy compiling the broker.
# shellcheck disable=SC2086
exec java ${BOURSE_LAUNCHER_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -jar "$launcher" --project-dir=. "$@"
