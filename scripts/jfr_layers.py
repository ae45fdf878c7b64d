#!/usr/bin/env python3
"""Where a JVM's CPU went, by layer: reads `jfr print --json --events jdk.ExecutionSample`
output (a file, or stdin) and counts each sample once, under the innermost stack frame that
belongs to a known layer (DistData's own code is split by package). Prints the share of each.

    jfr print --json --events jdk.ExecutionSample rec.jfr > rec.json
    scripts/jfr_layers.py rec.json
"""
import json
import sys
from collections import Counter

LAYERS = [
    ("org.apache.derby", "Derby"),
    ("org.distdata.raft", "DistData Raft core"),
    ("org.distdata.storage.wal", "DistData WAL"),
    ("org.distdata.replication", "DistData replication"),
    ("org.distdata.transport", "DistData transport"),
    ("org.distdata.sql", "DistData SQL engine"),
    ("org.distdata.partition", "DistData partitions"),
    ("org.distdata.security", "DistData security"),
    ("org.distdata.web", "DistData REST layer"),
    ("org.distdata.", "DistData other"),
    ("io.netty.handler.ssl", "Netty TLS"),
    ("io.netty", "Netty"),
    ("sun.security.ssl", "JDK TLS"),
    ("com.sun.crypto", "JDK crypto"),
    ("sun.security", "JDK security"),
    ("org.glassfish.jersey", "Jersey"),
    ("org.jvnet.hk2", "HK2"),
    ("org.glassfish.hk2", "HK2"),
    ("org.jboss.weld", "Weld"),
    ("org.glassfish.grizzly", "Grizzly"),
    ("org.apache.catalina", "servlet pipeline"),
    ("org.glassfish.json", "JSON-P"),
    ("org.eclipse.parsson", "JSON-P"),
    ("com.hazelcast", "Hazelcast"),
    ("fish.payara", "Payara"),
    ("com.sun.enterprise", "Payara"),
    ("org.glassfish", "GlassFish other"),
    ("net.sf.jsqlparser", "JSqlParser"),
    ("java.util.zip", "JDK zip"),
    ("sun.nio", "JDK NIO"),
    ("java.nio", "JDK NIO"),
    ("java.io", "JDK IO"),
]


def layer_of(frames):
    for f in frames:
        name = f.get("method", {}).get("type", {}).get("name", "").replace("/", ".")
        for prefix, layer in LAYERS:
            if name.startswith(prefix):
                return layer
    return "JDK and other"


def main():
    data = json.load(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
    counts = Counter()
    for event in data["recording"]["events"]:
        frames = event["values"].get("stackTrace", {}).get("frames", [])
        counts[layer_of(frames)] += 1
    total = sum(counts.values())
    print(f"{total} samples")
    for layer, n in counts.most_common():
        print(f"{100.0 * n / total:5.1f}%  {layer}")


if __name__ == "__main__":
    main()
