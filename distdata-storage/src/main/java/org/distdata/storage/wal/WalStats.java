package org.distdata.storage.wal;

/**
 * Counters of a {@link WriteAheadLog} since it was opened, for benchmarks and metrics.
 * {@link #syncsPerBatch()} is the figure that shows group commit at work: well below 1
 * when many appends share one fsync.
 *
 * @param records         records appended by callers (checkpoint records not counted)
 * @param batches         calls to {@code append}
 * @param syncs           sync rounds; each is one {@code force} when fsync is on (a
 *                        rotation forces the finished segment too, counted here)
 * @param bytesWritten    bytes written to segments, checkpoints included
 * @param segmentsCreated segment files created
 * @param segmentsDeleted segment files deleted because snapshots cover them
 */
public record WalStats(long records, long batches, long syncs, long bytesWritten,
                       long segmentsCreated, long segmentsDeleted) {

    public double syncsPerBatch() {
        return batches == 0 ? 0 : (double) syncs / batches;
    }
}
