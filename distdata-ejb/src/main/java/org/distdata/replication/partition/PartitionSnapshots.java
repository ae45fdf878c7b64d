package org.distdata.replication.partition;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.distdata.raft.SnapshotSource;
import org.distdata.storage.PartitionSet;

/**
 * This node's partition snapshots: Derby online backups of a partition database, zipped
 * into one file named after the partition and the applied index inside it, so the file a
 * Raft log was compacted to is still there after a restart. The newest two are kept (a
 * follower may still be receiving the older one while the newer one is written).
 */
final class PartitionSnapshots {

    private static final Pattern NAME = Pattern.compile("p(\\d{4})-(\\d{20})\\.zip");
    private static final int KEEP = 2;

    private final Path directory;
    private final PartitionSet stores;

    PartitionSnapshots(Path directory, PartitionSet stores) {
        this.directory = directory;
        this.stores = stores;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A snapshot file and the applied index it holds. */
    record SnapshotFile(long index, Path file) {
        SnapshotSource source() {
            return new org.distdata.replication.FileSnapshotSource(file);
        }
    }

    /** The newest snapshot of {@code partition} on disk, if any. */
    Optional<SnapshotFile> latest(int partition) {
        return list(partition).stream().reduce((a, b) -> b);
    }

    /**
     * Backs {@code partition} up as of now, which the caller guarantees is applied index
     * {@code index} (it runs on the partition's apply thread), and keeps the newest files.
     */
    SnapshotFile take(int partition, long index) throws SQLException, IOException {
        Path work = directory.resolve(String.format("p%04d.backup", partition));
        PartitionSet.deleteTree(work);
        stores.backup(partition, work);
        Path target = file(partition, index);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(work)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(work.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        PartitionSet.deleteTree(work);
        prune(partition);
        return new SnapshotFile(index, target);
    }

    /** Keeps a received snapshot as this node's own (it can serve it to others later). */
    SnapshotFile keep(int partition, long index, SnapshotSource data) throws IOException {
        Path target = file(partition, index);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            long size = data.size();
            for (long at = 0; at < size; ) {
                byte[] chunk = data.read(at, (int) Math.min(1 << 20, size - at));
                if (chunk.length == 0) {
                    throw new IOException("snapshot source ended at " + at + " of " + size + " bytes");
                }
                out.write(chunk);
                at += chunk.length;
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        prune(partition);
        return new SnapshotFile(index, target);
    }

    /** Unzips a snapshot file into a new directory {@code target}; refuses entries that escape it. */
    static void unpack(Path zipFile, Path target) throws IOException {
        PartitionSet.deleteTree(target);
        Files.createDirectories(target);
        try (InputStream in = Files.newInputStream(zipFile); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("snapshot entry escapes its directory: " + e.getName());
                }
                Files.createDirectories(out.getParent());
                Files.copy(zip, out);
            }
        }
    }

    private Path file(int partition, long index) {
        return directory.resolve(String.format("p%04d-%020d.zip", partition, index));
    }

    private List<SnapshotFile> list(int partition) {
        List<SnapshotFile> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.toList()) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches() && Integer.parseInt(m.group(1)) == partition) {
                    out.add(new SnapshotFile(Long.parseLong(m.group(2)), f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(java.util.Comparator.comparingLong(SnapshotFile::index));
        return out;
    }

    private void prune(int partition) throws IOException {
        List<SnapshotFile> all = list(partition);
        for (int i = 0; i < all.size() - KEEP; i++) {
            Files.deleteIfExists(all.get(i).file());
        }
    }
}
