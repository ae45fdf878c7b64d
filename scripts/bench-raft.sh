#!/usr/bin/env bash
# Raft commit benchmark: three in-process replicas with real write-ahead logs on this disk,
# 1/16/256 concurrent proposers, next to the disk's raw fsync rate. Results go to BENCHMARKS.md.
# Usage: scripts/bench-raft.sh [seconds-per-level]   (default 10; the whole run takes about 1 minute)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
out=target/raft-bench
rm -rf "$out" && mkdir -p "$out"
# compile both modules in one reactor; the engine's classpath then points at the storage classes
timeout 900 mvn -B -ntp -q -pl distdata-storage,distdata-ejb -Ddd.buildSuffix=-bench test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$out/classpath.txt"
cp=$(cat "$out/classpath.txt")
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(uname -sr), $(java -version 2>&1 | head -1)"
timeout 600 java -Xmx2g -cp "distdata-ejb/target-bench/test-classes:distdata-ejb/target-bench/classes:$cp" \
  org.distdata.replication.RaftCommitBenchmark "$out" "$seconds"
rm -rf "$out"
