package org.distdata.storage.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Appends encoded records to the active segment, rotates to a new segment (starting with
 * a checkpoint) once it is full, syncs, and deletes old segments that snapshots cover.
 * Only the log's sync thread calls it, so it needs no locking.
 */
final class SegmentWriter implements Closeable {
    private static final System.Logger LOG = System.getLogger(SegmentWriter.class.getName());
    private static final int BUFFER_BYTES = 256 << 10;

    private final Path dir;
    private final WalOptions options;
    private final GroupMarks marks;
    private final WalCounters counters;
    private final Deque<Segment> finished = new ArrayDeque<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private Segment active;
    private FileChannel channel;
    private long activeBytes;
    private boolean activeHasRecords;

    private SegmentWriter(Path dir, WalOptions options, GroupMarks marks, WalCounters counters) {
        this.dir = dir;
        this.options = options;
        this.marks = marks;
        this.counters = counters;
    }

    /**
     * Continues after {@code recovered}: cuts a torn tail off the last segment, then starts
     * a fresh segment rather than appending to the old one, whose checkpoint may itself
     * have been torn.
     */
    static SegmentWriter open(Path dir, WalOptions options, Recovery.Result recovered, WalCounters counters)
            throws IOException {
        SegmentWriter writer = new SegmentWriter(dir, options, recovered.marks(), counters);
        writer.finished.addAll(recovered.segments());
        long next = 1;
        if (!recovered.segments().isEmpty()) {
            Segment last = recovered.segments().get(recovered.segments().size() - 1);
            if (recovered.tornTail() != null) {
                LOG.log(System.Logger.Level.WARNING, "cutting torn tail off {0} at byte offset {1}: {2}",
                        last.path(), recovered.lastValidBytes(), recovered.tornTail().description());
                try (FileChannel c = FileChannel.open(last.path(), StandardOpenOption.WRITE)) {
                    c.truncate(recovered.lastValidBytes());
                    if (options.fsync()) {
                        c.force(true);
                    }
                }
            }
            next = last.sequence() + 1;
        }
        writer.startSegment(next);
        return writer;
    }

    void write(WalRecord record, byte[] encoded) throws IOException {
        if (activeBytes >= options.segmentBytes() && activeHasRecords) {
            rotate();
        }
        put(encoded);
        marks.note(record);
        active.noteEntry(record);
        activeHasRecords = true;
    }

    /** Makes everything written so far durable (when fsync is on). */
    void sync() throws IOException {
        flush();
        if (options.fsync()) {
            channel.force(false);
        }
        counters.syncs.incrementAndGet();
    }

    /**
     * Deletes, oldest first, the finished segments whose entries snapshots cover. Call it
     * only right after {@link #sync()}: the marks it relies on, and the checkpoint of the
     * segment recovery will then start from, must be durable first. Stopping at the first
     * segment still needed keeps the segments contiguous, so a truncation in a deleted
     * segment can never be lost while the entries it dropped survive in an older one.
     */
    void deleteCoveredSegments() {
        while (!finished.isEmpty() && finished.peekFirst().coveredBy(marks)) {
            Segment oldest = finished.peekFirst();
            try {
                Files.delete(oldest.path());
                // One directory sync per file: after a crash only a prefix can be gone, never a middle segment.
                syncDirectory();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete " + oldest.path() + "; will retry", e);
                return;
            }
            finished.removeFirst();
            counters.segmentsDeleted.incrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            try {
                sync();
            } finally {
                channel.close();
                channel = null;
            }
        }
    }

    /** Closes the file without writing: after a failed write or sync nothing more may reach it. */
    void abandon() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private void rotate() throws IOException {
        // The finished segment must be durable before the next one can hold acknowledged records,
        // or a crash could leave a hole in the middle of the log.
        sync();
        channel.close();
        finished.addLast(active);
        startSegment(active.sequence() + 1);
    }

    private void startSegment(long sequence) throws IOException {
        Path path = dir.resolve(Segment.fileName(sequence));
        channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        syncDirectory();
        active = new Segment(sequence, path);
        activeBytes = 0;
        counters.segmentsCreated.incrementAndGet();
        for (WalRecord record : marks.checkpoint()) {
            put(RecordCodec.encode(record, options.maxRecordBytes()));
        }
        activeHasRecords = false;
    }

    private void put(byte[] encoded) throws IOException {
        if (encoded.length > buffer.remaining()) {
            flush();
        }
        if (encoded.length > buffer.capacity()) {
            writeFully(ByteBuffer.wrap(encoded));
        } else {
            buffer.put(encoded);
        }
        activeBytes += encoded.length;
        counters.bytesWritten.addAndGet(encoded.length);
    }

    /** Hands buffered bytes to the operating system without waiting for the disk. */
    void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void syncDirectory() throws IOException {
        if (options.fsync()) {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }
    }
}
