package org.distdata.storage.wal;

import org.distdata.storage.wal.RecordCodec.Damaged;
import org.distdata.storage.wal.RecordCodec.Decoded;
import org.distdata.storage.wal.RecordCodec.Malformed;
import org.distdata.storage.wal.RecordCodec.Valid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of one segment file, read front to back up to the first bad record, and
 * what was wrong with that record. Reading never changes the file: whether a bad record is
 * a torn tail to cut off or corruption to refuse is decided by {@link Recovery}.
 */
final class SegmentScan {
    /**
     * The first bad record. {@code damaged} is false when its CRC matched (so no crash made
     * it); {@code nextValidOffset} is where a record with a matching CRC starts after it, or
     * -1 if none does.
     */
    record Problem(long offset, String description, boolean damaged, long nextValidOffset) {
    }

    private final Path file;
    private final List<WalRecord> records;
    private final long validBytes;
    private final Problem problem;

    private SegmentScan(Path file, List<WalRecord> records, long validBytes, Problem problem) {
        this.file = file;
        this.records = records;
        this.validBytes = validBytes;
        this.problem = problem;
    }

    static SegmentScan read(Path file, int maxRecordBytes) throws IOException {
        long size = Files.size(file);
        if (size > WalOptions.MAX_SEGMENT_BYTES + maxRecordBytes + RecordCodec.FRAME_BYTES) {
            throw new WalCorruptionException(file, 0, "segment of " + size + " bytes is larger than this log ever writes");
        }
        byte[] data = Files.readAllBytes(file);
        List<WalRecord> records = new ArrayList<>();
        int offset = 0;
        while (offset < data.length) {
            Decoded d = RecordCodec.decode(data, offset, data.length, maxRecordBytes);
            if (d instanceof Valid v) {
                records.add(v.record());
                offset += v.size();
            } else {
                String description = d instanceof Damaged damaged ? damaged.problem() : ((Malformed) d).problem();
                long next = nextChecksummedRecord(data, offset, maxRecordBytes);
                return new SegmentScan(file, records, offset, new Problem(offset, description, d instanceof Damaged, next));
            }
        }
        return new SegmentScan(file, records, offset, null);
    }

    /**
     * Where, after a bad record, a record with a sane length and a matching CRC starts. A
     * torn write leaves nothing like that behind it; damage in the middle of the log does.
     */
    private static long nextChecksummedRecord(byte[] data, int badOffset, int maxRecordBytes) {
        for (int p = badOffset + 1; p + RecordCodec.FRAME_BYTES < data.length; p++) {
            if (!(RecordCodec.decode(data, p, data.length, maxRecordBytes) instanceof Damaged)) {
                return p;
            }
        }
        return -1;
    }

    Path file() {
        return file;
    }

    List<WalRecord> records() {
        return records;
    }

    /** Bytes from the start of the file up to the first bad record (the whole file if none). */
    long validBytes() {
        return validBytes;
    }

    Problem problem() {
        return problem;
    }

    /** A damaged record with nothing valid after it: what a crash during a write leaves. */
    boolean endsInTornWrite() {
        return problem != null && problem.damaged() && problem.nextValidOffset() < 0;
    }

    WalCorruptionException corruption(boolean lastSegment) {
        StringBuilder why = new StringBuilder(problem.description());
        if (!problem.damaged()) {
            why.append("; its CRC matches, so a torn write did not cause this");
        }
        if (problem.nextValidOffset() >= 0) {
            why.append("; a valid record follows at offset ").append(problem.nextValidOffset());
        }
        if (!lastSegment) {
            why.append("; later segments exist, so this is not a torn tail");
        }
        return new WalCorruptionException(file, problem.offset(), why + "; refusing to recover past it");
    }
}
