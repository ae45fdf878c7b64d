package org.distdata.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;

/**
 * Resource use of this JVM: heap, CPU load (process and whole machine, 0..1, or -1 when the
 * JVM cannot tell), processors and uptime.
 */
public record NodeResources(String node, long heapUsedBytes, long heapMaxBytes, double processCpuLoad,
                            double systemCpuLoad, int availableProcessors, long uptimeMillis) {

    public static NodeResources sample(String node) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        double process = -1;
        double system = -1;
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            process = sun.getProcessCpuLoad();
            system = sun.getCpuLoad();
        }
        return new NodeResources(node, heap.getUsed(), heap.getMax(), process, system,
                os.getAvailableProcessors(), ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
