#!/usr/bin/env bash
# Query benchmark: one in-process DistData node with 16 partitions against one plain embedded
# Derby database on disk, same rows, same SQL: point lookups, a filtered scan, a GROUP BY, a
# co-located join, a non-co-located join and a top-N. Results go to BENCHMARKS.md
# ("Distributed queries"); the run ends with a markdown block to paste.
# Usage: scripts/bench-query.sh [orders] [repetitions]   (default 1000000 and 20)
#   customers = orders / 10, payments = orders / 5; point lookups run 100 x repetitions times.
#   Quick try: scripts/bench-query.sh 20000 5 (a couple of minutes).
# Environment: BENCH_TIMEOUT (seconds for the whole Java run, default 3000), BENCH_HEAP (default 3g),
#   BENCH_DIR (parent of the temporary data directory, default /tmp), BENCH_JAVA_OPTS (extra JVM flags,
#   e.g. -XX:StartFlightRecording=filename=/tmp/q.jfr), and -Dbench.statementTimeoutSeconds=120 /
#   -Dbench.queryBudgetSeconds=60 passed through BENCH_JAVA_OPTS.
# Same build-and-run steps as scripts/lib/run-engine-test-main.sh, in its own build directory
# (target-qbench) so that it can run while other builds use the tree.
set -euo pipefail
cd "$(dirname "$0")/.."
orders="${1:-1000000}" reps="${2:-20}"
suffix=-qbench
classpath_file="distdata-ejb/target$suffix/query-bench-classpath.txt"
data=$(mktemp -d "${BENCH_DIR:-/tmp}/distdata-query-bench.XXXXXX")
trap 'rm -rf "$data"' EXIT

timeout 900 mvn -B -ntp -q -pl distdata-storage,distdata-ejb "-Ddd.buildSuffix=$suffix" test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"
cp=$(cat "$classpath_file")

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain 2>/dev/null)" ]; then commit="$commit (+ uncommitted changes in the tree)"; fi
echo "command: scripts/bench-query.sh $orders $reps"
echo "commit: $commit; started $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(uname -sr), $(java -version 2>&1 | head -1)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several flags
timeout "${BENCH_TIMEOUT:-3000}" java "-Xmx${BENCH_HEAP:-3g}" "-Dderby.stream.error.file=$data/derby.log" ${BENCH_JAVA_OPTS:-} \
  -cp "distdata-ejb/target$suffix/test-classes:distdata-ejb/target$suffix/classes:$cp" \
  org.distdata.bench.QueryBenchmark "$data" "$orders" "$reps"
