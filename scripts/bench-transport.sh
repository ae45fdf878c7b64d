#!/usr/bin/env bash
# Node-to-node transport benchmark: two transports in one JVM over loopback, echo round trips
# of 100 B and 64 KiB with 1 and 16 concurrent requesters, with mutual TLS 1.3 and plaintext.
# Results go to BENCHMARKS.md.
# Usage: scripts/bench-transport.sh [seconds-per-level]   (default 5; the whole run takes about 1 minute)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-5}"
out=target/transport-bench
rm -rf "$out" && mkdir -p "$out"
# compile both modules in one reactor; the engine's classpath then points at the storage classes
timeout 900 mvn -B -ntp -q -pl distdata-storage,distdata-ejb -Ddd.buildSuffix=-bench test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$out/classpath.txt"
cp=$(cat "$out/classpath.txt")
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(uname -sr), $(java -version 2>&1 | head -1)"
timeout 600 java -Xmx1g \
  -cp "distdata-ejb/target-bench/test-classes:distdata-ejb/target-bench/classes:$cp" \
  org.distdata.transport.net.TransportBenchmark "$out" "$seconds"
rm -rf "$out"
