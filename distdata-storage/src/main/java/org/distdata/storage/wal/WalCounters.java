package org.distdata.storage.wal;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link WalStats}, written by the sync thread, read by anyone. */
final class WalCounters {
    final AtomicLong records = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong syncs = new AtomicLong();
    final AtomicLong bytesWritten = new AtomicLong();
    final AtomicLong segmentsCreated = new AtomicLong();
    final AtomicLong segmentsDeleted = new AtomicLong();

    WalStats snapshot() {
        return new WalStats(records.get(), batches.get(), syncs.get(), bytesWritten.get(),
                segmentsCreated.get(), segmentsDeleted.get());
    }
}
