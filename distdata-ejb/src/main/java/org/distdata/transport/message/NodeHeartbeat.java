package org.distdata.transport.message;

/**
 * A node's periodic sign of life with its load figures, sent one-way to its peers. Failure
 * detection uses {@code sentAtMillis} and {@code incarnation} (bumped on every restart so a
 * restarted node is told apart from a stale one); the rebalancer and the planner use the
 * load figures. {@code cpuLoad} is the system load in [0, 1], negative when unknown;
 * {@code heapMaxBytes} is -1 when the JVM has no limit.
 */
public record NodeHeartbeat(long nodeId, long sentAtMillis, long incarnation, double cpuLoad, long heapUsedBytes,
                            long heapMaxBytes, long diskFreeBytes, int partitionsLed, int partitionsHeld,
                            int activeQueries) {
}
