package org.distdata.storage.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The write-ahead log on disk is damaged in a way a crash cannot explain, so opening it is
 * refused rather than silently dropping records that may have been acknowledged. The
 * message names the file, the byte offset and what was wrong; an operator decides what
 * to do (restore the replica from its peers, or cut the log by hand).
 */
public final class WalCorruptionException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public WalCorruptionException(Path file, long offset, String problem) {
        super("corrupt write-ahead log " + file + " at byte offset " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
