#!/usr/bin/env bash
# Proves that the baseline migration (V1__schema.sql, V2__reference_data.sql) creates exactly the schema and
# reference rows of the migration chain it replaced: both are applied to empty databases and compared in
# information_schema (columns, types, defaults, indexes, constraints). The old chain is taken from git history.
# Usage: scripts/compare-baseline.sh [commit]   (default: the last commit before the squash)
set -euo pipefail
cd "$(dirname "$0")/.."
commit=${1:-f8457e1}
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
git archive "$commit" migrations/src/main/resources/db/migration | tar -x -C "$old"
echo "old chain from $commit: $(ls "$old"/migrations/src/main/resources/db/migration | wc -l) scripts"
mvn -B clean test -pl api -am -Dtest=SchemaHistoryTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbaseline.oldChain="$old/migrations/src/main/resources/db/migration"
