package org.distdata.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.distdata.raft.Ready;
import org.distdata.raft.SnapshotMeta;
import org.distdata.storage.wal.WalRecord;
import org.distdata.storage.wal.WriteAheadLog;

/**
 * {@link RaftStorage} over the node's shared {@link WriteAheadLog}: every group's records of
 * one Ready go out as one batch, so one fsync covers every group and every proposal that
 * arrived meanwhile (and, through the log's group commit, other batches too). The loop
 * does not wait for the fsync: its completion is posted back to the loop's thread, which
 * keeps taking messages and proposals in the meantime.
 */
final class WalStorage implements RaftStorage {

    private final WriteAheadLog wal;
    private final RaftWal raftWal;
    private final Executor loopThread;
    private final Consumer<Throwable> onFailure;
    private final List<WalRecord> queued = new ArrayList<>();

    /**
     * @param loopThread runs a task on the loop's thread
     * @param onFailure  told (on the loop's thread) when the log fails: the node must stop
     */
    WalStorage(WriteAheadLog wal, Executor loopThread, Consumer<Throwable> onFailure) {
        this.wal = wal;
        this.raftWal = new RaftWal(wal.recovered());
        this.loopThread = loopThread;
        this.onFailure = onFailure;
    }

    @Override
    public boolean write(long group, Ready ready) {
        RaftWal.Records records = raftWal.records(group, ready);
        queued.addAll(records.records());
        return records.needsSync();
    }

    @Override
    public void flush(boolean sync, Runnable whenDone) {
        List<WalRecord> batch = List.copyOf(queued);
        queued.clear();
        if (!sync) {
            if (!batch.isEmpty()) {
                wal.appendWithoutSync(batch).whenComplete((ok, error) -> failed(error));
            }
            whenDone.run();
            return;
        }
        wal.append(batch).whenComplete((ok, error) -> loopThread.execute(() -> {
            if (error != null) {
                onFailure.accept(error);
            } else {
                whenDone.run();
            }
        }));
    }

    private void failed(Throwable error) {
        if (error != null) {
            loopThread.execute(() -> onFailure.accept(error));
        }
    }

    @Override
    public void snapshotTaken(long group, SnapshotMeta meta) {
        // The log syncs every batch holding a mark and then deletes the segments it covers.
        wal.appendWithoutSync(List.of(raftWal.snapshotTaken(group, meta))).whenComplete((ok, error) -> failed(error));
    }
}
