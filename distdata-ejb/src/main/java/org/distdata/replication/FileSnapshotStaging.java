package org.distdata.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.distdata.raft.ReceivedSnapshotChunk;
import org.distdata.raft.SnapshotMeta;
import org.distdata.raft.SnapshotSource;

/**
 * Stages received snapshots in files, one per group, under a directory of their own: a
 * partition snapshot may be far larger than the heap. A completed snapshot stays (renamed)
 * until the group discards it, because the replica reads it again if it becomes leader and
 * a follower needs it. Nothing here survives a restart on purpose: the state machine holds
 * the installed state, and the directory is emptied when the host starts.
 */
final class FileSnapshotStaging implements SnapshotStaging {

    private final Path directory;
    private final Map<Long, Path> completed = new HashMap<>();

    FileSnapshotStaging(Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        try (Stream<Path> leftovers = Files.list(directory)) {
            for (Path file : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    private Path partial(long group) {
        return directory.resolve("group-" + group + ".partial");
    }

    @Override
    public void write(long group, ReceivedSnapshotChunk chunk) {
        try (FileChannel out = chunk.offset() == 0
                ? FileChannel.open(partial(group), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)
                : FileChannel.open(partial(group), StandardOpenOption.WRITE)) {
            ByteBuffer data = ByteBuffer.wrap(chunk.data());
            long at = chunk.offset();
            while (data.hasRemaining()) {
                at += out.write(data, at);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage a snapshot chunk of group " + group, e);
        }
    }

    @Override
    public SnapshotSource complete(long group, SnapshotMeta meta) {
        Path file = directory.resolve("group-" + group + "-" + meta.index() + "-" + meta.term() + ".snapshot");
        try {
            // The state machine reads it before the Ready is durable: it must be on disk, not just in the cache.
            try (FileChannel channel = FileChannel.open(partial(group), StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial(group), file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete the staged snapshot of group " + group, e);
        }
        deleteCompleted(group);
        completed.put(group, file);
        return new FileSnapshotSource(file);
    }

    @Override
    public void releaseCompleted(long group) {
        deleteCompleted(group);
    }

    @Override
    public void discard(long group) {
        deleteCompleted(group);
        try {
            Files.deleteIfExists(partial(group));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteCompleted(long group) {
        Path previous = completed.remove(group);
        if (previous != null) {
            try {
                Files.deleteIfExists(previous);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
