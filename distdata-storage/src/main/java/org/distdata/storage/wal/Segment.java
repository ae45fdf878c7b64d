package org.distdata.storage.wal;

import org.distdata.storage.wal.WalRecord.Entry;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment file, {@code wal-<16-digit sequence>.log}, and the highest entry index it
 * holds per group: what decides when snapshots make it unnecessary.
 */
final class Segment {
    private static final Pattern NAME = Pattern.compile("wal-(\\d{16})\\.log");

    private final long sequence;
    private final Path path;
    private final Map<Long, Long> highestEntryIndex = new HashMap<>();

    Segment(long sequence, Path path) {
        this.sequence = sequence;
        this.path = path;
    }

    static String fileName(long sequence) {
        return String.format("wal-%016d.log", sequence);
    }

    static OptionalLong sequenceOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    long sequence() {
        return sequence;
    }

    Path path() {
        return path;
    }

    void noteEntry(WalRecord record) {
        if (record instanceof Entry e) {
            highestEntryIndex.merge(e.group(), e.index(), Math::max);
        }
    }

    /**
     * Whether every entry here is below its group's snapshot. The highest index written is
     * used even if a truncation dropped it later: that keeps a segment a little longer but
     * never too short.
     */
    boolean coveredBy(GroupMarks marks) {
        return highestEntryIndex.entrySet().stream().allMatch(e -> marks.snapshotCovers(e.getKey(), e.getValue()));
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }
}
