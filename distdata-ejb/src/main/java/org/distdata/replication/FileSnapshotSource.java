package org.distdata.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.distdata.raft.SnapshotSource;

/**
 * The bytes of a snapshot kept in a file, read a range at a time: a snapshot being staged
 * from a leader, or a partition's backup being sent to a follower. Each read opens the file,
 * so a file deleted meanwhile fails loudly instead of sending stale bytes.
 */
public record FileSnapshotSource(Path file) implements SnapshotSource {

    @Override
    public long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] read(long offset, int length) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            int n = (int) Math.max(0, Math.min(length, in.size() - offset));
            ByteBuffer buffer = ByteBuffer.allocate(n);
            while (buffer.hasRemaining() && in.read(buffer, offset + buffer.position()) >= 0) {
                // read until full
            }
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
