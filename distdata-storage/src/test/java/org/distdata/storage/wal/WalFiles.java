package org.distdata.storage.wal;

import org.distdata.storage.wal.WalRecord.Entry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Test helpers over a log directory: its segment files, their bytes and raw records. */
final class WalFiles {
    static final WalOptions NO_FSYNC = WalOptions.defaults().withFsync(false);

    private WalFiles() {
    }

    static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Segment.sequenceOf(f).isPresent()).sorted().toList();
        }
    }

    static Path segment(Path dir, long sequence) {
        return dir.resolve(Segment.fileName(sequence));
    }

    /** Every segment's bytes by file name, in a form AssertJ compares by value. */
    static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> contents = new LinkedHashMap<>();
        for (Path f : segments(dir)) {
            contents.put(f.getFileName().toString(), Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
        }
        return contents;
    }

    /** Where each record of a well-formed segment starts. */
    static List<Integer> recordOffsets(Path segment) throws IOException {
        byte[] data = Files.readAllBytes(segment);
        List<Integer> offsets = new ArrayList<>();
        int offset = 0;
        while (offset < data.length) {
            offsets.add(offset);
            RecordCodec.Valid v = (RecordCodec.Valid) RecordCodec.decode(data, offset, data.length, Integer.MAX_VALUE);
            offset += v.size();
        }
        return offsets;
    }

    /** Every record in log order, exactly as written (checkpoints included). */
    static List<WalRecord> rawRecords(Path dir) throws IOException {
        List<WalRecord> records = new ArrayList<>();
        for (Path f : segments(dir)) {
            records.addAll(SegmentScan.read(f, WalOptions.defaults().maxRecordBytes()).records());
        }
        return records;
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (Path f : segments(from)) {
            Files.copy(f, to.resolve(f.getFileName()));
        }
    }

    static void flipBit(Path file, long offset, int bit) {
        update(file, data -> data[(int) offset] ^= (byte) (1 << bit));
    }

    static void update(Path file, java.util.function.Consumer<byte[]> change) {
        try {
            byte[] data = Files.readAllBytes(file);
            change.accept(data);
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Entry entry(long group, long index, long term, String payload) {
        return new Entry(group, index, term, (byte) 0, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
