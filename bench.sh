#!/usr/bin/env bash
# The benchmark (not a test): builds, then runs the load generator against a live server on loopback.
#   ./bench.sh                                  # starts the service jar itself (embedded DB, or DB_URL if set)
#   ./bench.sh --base http://127.0.0.1:8080     # a server you started (simulator mode, LOGIN_LIMIT_PER_IP raised)
# More options: --users N --concurrency C --seconds S --java-opts "-Xmx256m" (see LoadGenerator).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests package
cp="api/target/test-classes:api/target/classes:$(cat api/target/bench.classpath)"
if [[ " $* " == *" --base "* ]]; then
  exec java -cp "$cp" cn.yuhao.care.bench.LoadGenerator "$@"
fi
exec java -cp "$cp" cn.yuhao.care.bench.LoadGenerator --start-jar api/target/yuhao-care-api.jar "$@"
