#!/usr/bin/env bash
# Builds the storage and engine modules (test classes included) and runs a main class from the
# engine's test sources on that classpath. Used by the benchmark scripts.
# Usage: scripts/lib/run-engine-test-main.sh OUT_DIR HEAP MAIN_CLASS [ARGS...]   (run from the repo root)
set -euo pipefail
out="$1" heap="$2" main="$3"
shift 3
rm -rf "$out" && mkdir -p "$out"
# compile both modules in one reactor; the engine's classpath then points at the storage classes
timeout 900 mvn -B -ntp -q -pl distdata-storage,distdata-ejb -Ddd.buildSuffix=-bench test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$out/classpath.txt"
cp=$(cat "$out/classpath.txt")
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(uname -sr), $(java -version 2>&1 | head -1)"
timeout 600 java "-Xmx$heap" -cp "distdata-ejb/target-bench/test-classes:distdata-ejb/target-bench/classes:$cp" \
  "$main" "$@"
rm -rf "$out"
