package org.distdata.transport.net;

/**
 * Bytes a node has handed to the transport for one peer and that have not reached the
 * socket yet (waiting for the connection, in Netty's outbound buffer, or held back by the
 * fault layer). A sender reserves a frame's size before it is queued and the transport
 * releases it when the write completes or fails, so the bytes queued for a peer never
 * exceed {@code limit} plus one frame: a sender that finds no room waits for a bounded time
 * and then gets an {@link OutboundBufferFullException}, however slowly the peer reads.
 */
final class OutboundBudget {

    private final long limit;
    private long used;
    private int waiters;

    OutboundBudget(long limit) {
        this.limit = limit;
    }

    /**
     * Reserves {@code bytes}, waiting up to {@code timeoutNanos} for room (0 = do not wait).
     * A frame larger than the whole limit is admitted when nothing else is queued.
     *
     * @return false if there was no room in time
     */
    synchronized boolean reserve(long bytes, long timeoutNanos) throws InterruptedException {
        if (fits(bytes)) {
            used += bytes;
            return true;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        waiters++;
        try {
            long left = timeoutNanos;
            while (!fits(bytes)) {
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000), 0);
                left = deadline - System.nanoTime();
            }
            used += bytes;
            return true;
        } finally {
            waiters--;
        }
    }

    synchronized void release(long bytes) {
        used -= bytes;
        if (waiters > 0) {
            notifyAll();
        }
    }

    synchronized long used() {
        return used;
    }

    long limit() {
        return limit;
    }

    private boolean fits(long bytes) {
        return used == 0 || used + bytes <= limit;
    }
}
