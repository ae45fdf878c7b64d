package org.distdata.storage.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads every segment of a log directory in order and replays it, deciding for each bad
 * record whether it is a torn tail (cut off later by the writer) or corruption (refused).
 * It only reads: a refused open leaves the files as they were.
 */
final class Recovery {

    /**
     * @param segments       the segments found, oldest first, with the entries they hold
     * @param lastValidBytes where the last segment's good records end
     * @param tornTail       what was cut off the last segment, or null if nothing
     */
    record Result(Map<Long, RecoveredGroup> groups, GroupMarks marks, List<Segment> segments,
                  long lastValidBytes, SegmentScan.Problem tornTail) {
    }

    private Recovery() {
    }

    static Result run(Path dir, int maxRecordBytes) throws IOException {
        List<Path> files = segmentFiles(dir);
        LogReplay replay = new LogReplay();
        List<Segment> segments = new ArrayList<>();
        long lastValidBytes = 0;
        SegmentScan.Problem tornTail = null;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            long sequence = Segment.sequenceOf(file).orElseThrow();
            if (i > 0 && sequence != segments.get(i - 1).sequence() + 1) {
                // Old segments are deleted oldest first, so a gap means a segment with live records is gone.
                throw new WalCorruptionException(dir.resolve(Segment.fileName(segments.get(i - 1).sequence() + 1)), 0,
                        "segment file missing between " + segments.get(i - 1) + " and " + file.getFileName());
            }
            boolean last = i == files.size() - 1;
            SegmentScan scan = SegmentScan.read(file, maxRecordBytes);
            if (scan.problem() != null && !(last && scan.endsInTornWrite())) {
                throw scan.corruption(last);
            }
            Segment segment = new Segment(sequence, file);
            for (WalRecord record : scan.records()) {
                replay.apply(record);
                segment.noteEntry(record);
            }
            segments.add(segment);
            if (last) {
                lastValidBytes = scan.validBytes();
                tornTail = scan.problem();
            }
        }
        return new Result(replay.groups(), replay.marks(), segments, lastValidBytes, tornTail);
    }

    private static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Segment.sequenceOf(f).isPresent())
                    .sorted(Comparator.comparingLong(f -> Segment.sequenceOf(f).orElseThrow()))
                    .toList();
        }
    }
}
