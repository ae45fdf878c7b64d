package org.distdata.storage.wal;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * How a {@link WriteAheadLog} lays out and syncs its files. Start from
 * {@link #defaults()} and change what you need with the {@code with*} methods.
 *
 * @param segmentBytes     a segment is rotated once it has grown past this size
 * @param fsync            whether appends are forced to disk; off only in tests that do
 *                         not test durability
 * @param maxRecordBytes   the largest record (type byte and body); recovery never trusts a
 *                         length field above it
 * @param maxBytesPerSync  group commit without a timer: one sync covers the appends
 *                         queued when it starts, up to this many bytes (at least one
 *                         batch), so the first waiters are not held up by a flood behind them
 * @param syncThreadFactory makes the one thread that writes and syncs (a container passes
 *                         a managed factory)
 */
public record WalOptions(long segmentBytes, boolean fsync, int maxRecordBytes, long maxBytesPerSync,
                         ThreadFactory syncThreadFactory) {

    static final long MAX_SEGMENT_BYTES = 1L << 30;
    static final int MAX_RECORD_BYTES = 256 << 20;

    public WalOptions {
        if (segmentBytes < 1 || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segmentBytes must be in 1.." + MAX_SEGMENT_BYTES + ": " + segmentBytes);
        }
        // Recovery reads a whole segment into one array, and its last record may overshoot the
        // segment size: both limits together keep that under 2 GiB.
        if (maxRecordBytes < 64 || maxRecordBytes > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("maxRecordBytes must be in 64.." + MAX_RECORD_BYTES + ": " + maxRecordBytes);
        }
        if (maxBytesPerSync < 1) {
            throw new IllegalArgumentException("maxBytesPerSync must be positive: " + maxBytesPerSync);
        }
        Objects.requireNonNull(syncThreadFactory, "syncThreadFactory");
    }

    /** 64 MiB segments, fsync on, 64 MiB records at most, 16 MiB per sync, a daemon thread. */
    public static WalOptions defaults() {
        return new WalOptions(64L << 20, true, 64 << 20, 16L << 20, WalOptions::daemonSyncThread);
    }

    public WalOptions withSegmentBytes(long bytes) {
        return new WalOptions(bytes, fsync, maxRecordBytes, maxBytesPerSync, syncThreadFactory);
    }

    public WalOptions withFsync(boolean on) {
        return new WalOptions(segmentBytes, on, maxRecordBytes, maxBytesPerSync, syncThreadFactory);
    }

    public WalOptions withMaxRecordBytes(int bytes) {
        return new WalOptions(segmentBytes, fsync, bytes, maxBytesPerSync, syncThreadFactory);
    }

    public WalOptions withMaxBytesPerSync(long bytes) {
        return new WalOptions(segmentBytes, fsync, maxRecordBytes, bytes, syncThreadFactory);
    }

    public WalOptions withSyncThreadFactory(ThreadFactory factory) {
        return new WalOptions(segmentBytes, fsync, maxRecordBytes, maxBytesPerSync, factory);
    }

    private static Thread daemonSyncThread(Runnable r) {
        Thread t = new Thread(r, "wal-sync");
        // An append is acknowledged only after its sync, so a JVM exiting mid-sync loses nothing promised.
        t.setDaemon(true);
        return t;
    }
}
