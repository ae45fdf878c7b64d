package org.distdata.cluster;

/**
 * The load figures a node reports with its heartbeat: system CPU load in [0, 1], heap used
 * and maximum, and free disk under its data directory. A negative value means unknown (a
 * JVM that cannot tell its CPU load, a heap without a limit, a node never heard from).
 */
public record NodeLoad(double cpuLoad, long heapUsedBytes, long heapMaxBytes, long diskFreeBytes) {
    /** Nothing known yet. */
    public static final NodeLoad UNKNOWN = new NodeLoad(-1, -1, -1, -1);

    /** This JVM's load now, with the free disk under {@code dataDir}. */
    public static NodeLoad sample(String nodeName, java.nio.file.Path dataDir) {
        org.distdata.metrics.NodeResources r = org.distdata.metrics.NodeResources.sample(nodeName);
        long diskFree;
        try {
            diskFree = java.nio.file.Files.getFileStore(dataDir).getUsableSpace();
        } catch (java.io.IOException e) {
            diskFree = -1;
        }
        return new NodeLoad(r.systemCpuLoad(), r.heapUsedBytes(), r.heapMaxBytes(), diskFree);
    }
}
