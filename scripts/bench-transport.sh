#!/usr/bin/env bash
# Node-to-node transport benchmark: two transports in one JVM over loopback, echo round trips
# of 100 B and 64 KiB with 1 and 16 concurrent requesters, with mutual TLS 1.3 and plaintext.
# Results go to BENCHMARKS.md.
# Usage: scripts/bench-transport.sh [seconds-per-level]   (default 5; the whole run takes about 1 minute)
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/transport-bench
exec scripts/lib/run-engine-test-main.sh "$out" 1g org.distdata.transport.net.TransportBenchmark "$out" "${1:-5}"
