#!/usr/bin/env bash
# Starts Bourse locally: PostgreSQL, Kafka and the three services, no Docker needed. Builds first when the
# sources changed since the last build. Data stays in .bourse/ between runs; Ctrl-C stops everything.
# Options: --data-dir=DIR --order-port=8081 --portfolio-port=8082 --settlement-port=8083
#          --postgres-port=15432 --kafka-port=19092 --service-jvm-options="-Xmx512m ..."
set -euo pipefail
cd "$(dirname "$0")"
launcher=$(ls local-stack/target/local-stack-*-SNAPSHOT.jar 2>/dev/null | head -n 1 || true)
if [[ -z "$launcher" ]] || [[ -n "$(find . -path ./.bourse -prune -o \( -path '*/src/*' -o -name pom.xml \) -newer "$launcher" -print -quit)" ]]; then
  echo "Building Bourse..."
  ./mvnw -q -B -DskipTests package
  launcher=$(ls local-stack/target/local-stack-*-SNAPSHOT.jar | head -n 1)
fi
exec java -jar "$launcher" --project-dir=. "$@"
