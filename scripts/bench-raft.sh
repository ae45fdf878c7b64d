#!/usr/bin/env bash
# Raft commit benchmark: three in-process replicas with real write-ahead logs on this disk,
# 1/16/256 concurrent proposers, next to the disk's raw fsync rate. Results go to BENCHMARKS.md.
# Usage: scripts/bench-raft.sh [seconds-per-level]   (default 10; the whole run takes about 1 minute)
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/raft-bench
exec scripts/lib/run-engine-test-main.sh "$out" 2g org.distdata.replication.RaftCommitBenchmark "$out" "${1:-10}"
