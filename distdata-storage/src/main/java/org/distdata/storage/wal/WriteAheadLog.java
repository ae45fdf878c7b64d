package org.distdata.storage.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The node's write-ahead log, shared by all Raft groups the node hosts. Callers append
 * batches of {@link WalRecord}s from any thread; one sync thread writes them in the order
 * they were appended and completes their futures once an fsync covers them. While an
 * fsync runs, new batches queue up and the next fsync covers all of them (group commit),
 * so the number of fsyncs follows the disk's speed, not the number of appends.
 *
 * <p>On disk the log is a sequence of segment files {@code wal-<16-digit sequence>.log}
 * in one directory. Each record is {@code [u32 length][u32 CRC32C][u8 type][body]} with
 * fixed-width big-endian integers; {@code length} counts the type byte and the body, and
 * the CRC covers exactly those bytes (details in {@link RecordCodec}). A segment is
 * rotated once it passes {@link WalOptions#segmentBytes()}; each new segment starts with
 * a checkpoint: the latest hard state and snapshot mark of every group. After a sync that
 * wrote a {@link WalRecord.SnapshotMark}, the oldest segments whose entries the groups'
 * snapshots cover are deleted, oldest first, stopping at the first one still needed; this
 * happens before that batch's future completes (and again at every open).
 *
 * <p>Opening recovers: a torn write at the end of the last segment is cut off; any other
 * bad record is refused with a {@link WalCorruptionException}. Futures complete on the
 * sync thread, so work attached to them that may block belongs on the {@code *Async}
 * methods. An I/O error while writing or syncing fails the log for good: after a failed
 * fsync the state of the page cache is unknown, and the node must restart and recover.
 */
public final class WriteAheadLog implements AutoCloseable {
    private static final String LOCK_FILE = "wal.lock";

    private final Path directory;
    private final WalOptions options;
    private final Map<Long, RecoveredGroup> recovered;
    private final SegmentWriter writer;
    private final FileChannel lockChannel;
    private final WalCounters counters;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final ArrayDeque<PendingBatch> queue = new ArrayDeque<>();
    private final Thread syncThread;
    private boolean closing;
    private boolean closed;
    private Throwable failure;

    private record PendingBatch(List<WalRecord> records, List<byte[]> encoded, long bytes,
                                CompletableFuture<Void> done, boolean needsSync) {
    }

    private WriteAheadLog(Path directory, WalOptions options, Map<Long, RecoveredGroup> recovered,
                          SegmentWriter writer, FileChannel lockChannel, WalCounters counters) {
        this.directory = directory;
        this.options = options;
        this.recovered = recovered;
        this.writer = writer;
        this.lockChannel = lockChannel;
        this.counters = counters;
        this.syncThread = options.syncThreadFactory().newThread(this::syncLoop);
        if (syncThread == null) {
            throw new IllegalStateException("the sync thread factory returned no thread");
        }
    }

    /** Opens the log in {@code dir}, creating it if needed and recovering what is there. */
    public static WriteAheadLog open(Path dir, WalOptions options) throws IOException {
        Files.createDirectories(dir);
        FileChannel lockChannel = lockDirectory(dir);
        SegmentWriter writer = null;
        try {
            Recovery.Result result = Recovery.run(dir, options.maxRecordBytes());
            WalCounters counters = new WalCounters();
            writer = SegmentWriter.open(dir, options, result, counters);
            writer.sync();
            // A crash between a sync and its deletions leaves covered segments behind.
            writer.deleteCoveredSegments();
            WriteAheadLog log = new WriteAheadLog(dir, options, result.groups(), writer, lockChannel, counters);
            log.syncThread.start();
            return log;
        } catch (IOException | RuntimeException | Error e) {
            if (writer != null) {
                writer.close();
            }
            lockChannel.close();
            throw e;
        }
    }

    private static FileChannel lockDirectory(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock held = channel.tryLock();
            if (held == null) {
                throw new IOException("write-ahead log " + dir + " is open in another process");
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("write-ahead log " + dir + " is already open in this JVM", e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    public Path directory() {
        return directory;
    }

    /**
     * Each group's state as found on disk when the log was opened, by group id; fixed at
     * open and unchanged by later appends.
     */
    public Map<Long, RecoveredGroup> recovered() {
        return recovered;
    }

    /**
     * Queues {@code batch} to be written after every batch appended before it, its records
     * kept together and in order. The future completes once the batch is fsynced, or
     * completes exceptionally if the log has failed or is closed. An empty batch is a
     * barrier: it completes once everything appended before it is durable.
     *
     * @throws IllegalArgumentException if a record is larger than the maximum record size
     */
    public CompletableFuture<Void> append(List<? extends WalRecord> batch) {
        return enqueue(batch, true);
    }

    /**
     * Like {@link #append}, but the batch does not ask for an fsync of its own: it is
     * written in order and made durable by the next sync any later {@code append} causes
     * (or by {@link #close}). The future completes once it is written. For records whose
     * loss in a crash is harmless, such as a commit index that is learnt again anyway.
     */
    public CompletableFuture<Void> appendWithoutSync(List<? extends WalRecord> batch) {
        return enqueue(batch, false);
    }

    private CompletableFuture<Void> enqueue(List<? extends WalRecord> batch, boolean needsSync) {
        List<WalRecord> records = List.copyOf(batch);
        List<byte[]> encoded = new ArrayList<>(records.size());
        long bytes = 0;
        for (WalRecord record : records) {
            // Encoded here, on the caller's thread, so the sync thread only copies bytes.
            byte[] b = RecordCodec.encode(record, options.maxRecordBytes());
            encoded.add(b);
            bytes += b.length;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (failure != null) {
                return CompletableFuture.failedFuture(new IOException("write-ahead log " + directory + " has failed", failure));
            }
            if (closing) {
                return CompletableFuture.failedFuture(new IllegalStateException("write-ahead log " + directory + " is closed"));
            }
            queue.addLast(new PendingBatch(records, encoded, bytes, done, needsSync));
            queued.signal();
        } finally {
            lock.unlock();
        }
        return done;
    }

    /** Appends {@code batch} and waits until it is durable. */
    public void appendAndSync(List<? extends WalRecord> batch) throws IOException {
        if (Thread.currentThread() == syncThread) {
            throw new IllegalStateException("appendAndSync on the sync thread would wait for itself; use append");
        }
        try {
            // join, not get: the wait is bounded by one fsync, and an interrupt stays set for the caller.
            append(batch).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            if (cause instanceof IllegalStateException closedLog) {
                throw new IllegalStateException(closedLog.getMessage(), closedLog);
            }
            throw e;
        }
    }

    public WalStats stats() {
        return counters.snapshot();
    }

    /** Stops taking appends, waits until every queued one is synced, then closes the files. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (Thread.currentThread() == syncThread) {
                throw new IllegalStateException("close on the sync thread would wait for itself");
            }
            closing = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
        joinUninterruptibly(syncThread);
        boolean failed;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            failed = failure != null;
        } finally {
            lock.unlock();
        }
        try {
            if (failed) {
                writer.abandon();
            } else {
                writer.close();
            }
        } finally {
            lockChannel.close();
        }
    }

    private void syncLoop() {
        List<PendingBatch> round = new ArrayList<>();
        while (takeRound(round)) {
            try {
                boolean snapshotMarked = false;
                boolean needsSync = false;
                for (PendingBatch batch : round) {
                    needsSync |= batch.needsSync();
                    for (int i = 0; i < batch.records().size(); i++) {
                        WalRecord record = batch.records().get(i);
                        writer.write(record, batch.encoded().get(i));
                        snapshotMarked |= record instanceof WalRecord.SnapshotMark;
                    }
                    counters.records.addAndGet(batch.records().size());
                    counters.batches.incrementAndGet();
                }
                if (needsSync || snapshotMarked) {
                    writer.sync();
                } else {
                    writer.flush();
                }
                if (snapshotMarked) {
                    // Before completing: once a mark is acknowledged, the segments it released are gone.
                    writer.deleteCoveredSegments();
                }
                for (PendingBatch batch : round) {
                    batch.done().complete(null);
                }
            } catch (IOException | RuntimeException e) {
                fail(round, e);
                return;
            } catch (Error e) {
                fail(round, e);
                throw e;
            }
        }
    }

    /** Waits for appends and takes those queued now, up to the per-sync byte budget; false once closed and drained. */
    private boolean takeRound(List<PendingBatch> round) {
        round.clear();
        lock.lock();
        try {
            while (queue.isEmpty() && !closing) {
                queued.awaitUninterruptibly();
            }
            long bytes = 0;
            while (!queue.isEmpty() && (round.isEmpty() || bytes + queue.peekFirst().bytes() <= options.maxBytesPerSync())) {
                PendingBatch batch = queue.removeFirst();
                round.add(batch);
                bytes += batch.bytes();
            }
            return !round.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void fail(List<PendingBatch> round, Throwable cause) {
        List<PendingBatch> failed = new ArrayList<>(round);
        lock.lock();
        try {
            failure = cause;
            failed.addAll(queue);
            queue.clear();
        } finally {
            lock.unlock();
        }
        IOException error = new IOException("write-ahead log " + directory + " failed; restart to recover", cause);
        for (PendingBatch batch : failed) {
            batch.done().completeExceptionally(error);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
