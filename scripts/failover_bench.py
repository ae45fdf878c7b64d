#!/usr/bin/env python3
"""Failover benchmark for a local cluster started by `bin/distdata up` (python3, stdlib only).

Kills the node that leads the most partitions with kill -9 (`bin/distdata node kill`), then
writes to one key of every partition it led, through another node, until each write
succeeds; the time from the kill to a partition's first successful write is its failover
time. The node is started again and the cluster allowed to settle before the next round.
Prints one line per round and the median and maximum over all partitions and rounds.

    scripts/failover_bench.py --rounds 10      # state dir from DISTDATA_STATE_DIR or .distdata
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def call(base, path, body=None, token=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method="POST" if body is not None else "GET")
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as e:
        return 0, str(e)


def launcher(*args):
    subprocess.run([os.path.join(ROOT, "bin", "distdata"), *args], check=True, timeout=600,
                   stdout=subprocess.DEVNULL)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--nodes", type=int, default=3)
    p.add_argument("--base-port", type=int, default=8080)
    args = p.parse_args()
    state = os.environ.get("DISTDATA_STATE_DIR", os.path.join(ROOT, ".distdata"))
    password = open(os.path.join(state, "admin-password")).read().strip()
    bases = {f"n{i}": f"http://127.0.0.1:{args.base_port + i - 1}" for i in range(1, args.nodes + 1)}
    tokens = {}
    for name, base in bases.items():
        status, body = call(base, "/api/v1/auth/token", {"username": "admin", "password": password})
        assert status == 200, (name, status, body)
        tokens[name] = body["token"]
    any_base, any_token = bases["n1"], tokens["n1"]
    call(any_base, "/api/v1/sql", {"sql": "CREATE TABLE failover_kv (k INT PRIMARY KEY, v BIGINT)"}, any_token)
    # one key per partition: EXPLAIN names the partition a key is pinned to
    key_of = {}
    k = 0
    while len(key_of) < 16 and k < 10000:
        status, body = call(any_base, "/api/v1/sql", {"sql": "EXPLAIN SELECT v FROM failover_kv WHERE k = ?",
                                                      "params": [k]}, any_token)
        detail = body["rows"][0][2]
        part = int(detail.split("partition ")[1].split(" ")[0])
        key_of.setdefault(part, k)
        k += 1
    for part, key in key_of.items():
        call(any_base, "/api/v1/sql", {"sql": "INSERT INTO failover_kv VALUES (?, 0)", "params": [key]}, any_token)
    times = []
    for round_no in range(1, args.rounds + 1):
        status, parts = call(any_base, "/api/v1/partitions", token=any_token)
        led = {}
        for p_ in parts:
            if p_["leader"]:
                led.setdefault(p_["leader"], []).append(p_["id"])
        victim = max(led, key=lambda n: len(led[n]))
        others = [n for n in bases if n != victim]
        gateway, token = bases[others[0]], tokens[others[0]]
        pending = set(led[victim])
        launcher("node", "kill", victim)
        killed = time.monotonic()
        took = {}
        while pending and time.monotonic() - killed < 60:
            for part in sorted(pending):
                status, _ = call(gateway, "/api/v1/sql", {"sql": "UPDATE failover_kv SET v = v + 1 WHERE k = ?",
                                                          "params": [key_of[part]], "timeoutMs": 5000}, token, 10)
                if status == 200:
                    took[part] = time.monotonic() - killed
            pending -= set(took)
        round_times = sorted(took.values())
        times.extend(round_times)
        print(f"round {round_no}: killed {victim} leading {len(led[victim])} partitions; "
              f"first writes after {', '.join(f'{t:.2f}' for t in round_times)} s"
              + (f"; {len(pending)} partitions still failing after 60 s" if pending else ""), flush=True)
        launcher("node", "start", victim)
        # log in again on the restarted node, then let leaders rebalance
        for _ in range(120):
            status, body = call(bases[victim], "/api/v1/auth/token", {"username": "admin", "password": password})
            if status == 200:
                tokens[victim] = body["token"]
                break
            time.sleep(1)
        time.sleep(8)
    print(f"failover over {len(times)} partitions in {args.rounds} rounds: median {statistics.median(times):.2f} s, "
          f"max {max(times):.2f} s")


if __name__ == "__main__":
    sys.exit(main())
