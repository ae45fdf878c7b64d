package org.distdata.storage;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * All partition replicas of this node, opened together. Opening also finishes any
 * cross-partition commit that a crash interrupted: in-doubt branches of decided
 * transactions are committed, all others rolled back.
 */
public final class PartitionSet implements AutoCloseable {
    private final java.util.concurrent.atomic.AtomicReferenceArray<PartitionStore> stores;
    private final DecisionLog decisions;

    private PartitionSet(List<PartitionStore> stores, DecisionLog decisions) {
        this.stores = new java.util.concurrent.atomic.AtomicReferenceArray<>(stores.toArray(PartitionStore[]::new));
        this.decisions = decisions;
    }

    public static PartitionSet open(Path directory, int count) {
        loadDerbyDriver();
        List<PartitionStore> stores = new ArrayList<>();
        DecisionLog log = null;
        try {
            Files.createDirectories(directory);
            log = DecisionLog.open(directory.resolve("decisions"));
            stores.addAll(openAll(directory, count));
            PartitionSet set = new PartitionSet(List.copyOf(stores), log);
            set.recoverInDoubt();
            return set;
        } catch (SQLException e) {
            stores.forEach(PartitionStore::close);
            if (log != null) {
                log.close();
            }
            throw new IllegalStateException("cannot open partitions under " + directory + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Registers Derby's JDBC driver with the caller's class loader. In an EAR on Payara Server,
     * DriverManager only finds drivers that the application's own loader has loaded.
     */
    private static void loadDerbyDriver() {
        try {
            Class.forName("org.apache.derby.iapi.jdbc.AutoloadedDriver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Apache Derby is not on the class path", e);
        }
    }

    /** Opens the stores in parallel: creating a Derby database is mostly waiting for the disk. */
    private static List<PartitionStore> openAll(Path directory, int count) throws SQLException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 4), r -> {
            Thread t = new Thread(r, "distdata-partition-open");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PartitionStore>> futures = new ArrayList<>();
            for (int p = 0; p < count; p++) {
                int partition = p;
                futures.add(pool.submit(() -> PartitionStore.open(partition,
                        directory.resolve(String.format("p%04d", partition)))));
            }
            List<PartitionStore> opened = new ArrayList<>();
            SQLException failure = null;
            for (Future<PartitionStore> f : futures) {
                try {
                    opened.add(f.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof SQLException s ? s
                                : new SQLException("cannot open partition", "XJ040", e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new SQLException("interrupted while opening partitions", "XJ040", e);
                }
            }
            if (failure != null) {
                opened.forEach(PartitionStore::close);
                throw failure;
            }
            return opened;
        } finally {
            pool.shutdown();
        }
    }

    public int size() {
        return stores.length();
    }

    public PartitionStore store(int partition) {
        return stores.get(partition);
    }

    private List<PartitionStore> all() {
        List<PartitionStore> out = new ArrayList<>(stores.length());
        for (int i = 0; i < stores.length(); i++) {
            out.add(stores.get(i));
        }
        return out;
    }

    /**
     * Writes an online backup of {@code partition}'s database (consistent as of the call: work
     * committed later is not in it) into a new directory {@code target}.
     */
    public void backup(int partition, Path target) throws SQLException {
        Path parent = target.toAbsolutePath().getParent();
        PartitionStore store = stores.get(partition);
        PartitionSession session = store.borrow();
        try (java.sql.CallableStatement call = session.connection().prepareCall(
                "CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
            call.setString(1, parent.toString());
            call.execute();
        } finally {
            session.release();
        }
        // Derby names the copy after the database directory; give it the caller's name
        try {
            Files.move(parent.resolve(store.directory().getFileName()), target);
        } catch (IOException e) {
            throw new SQLException("cannot place the backup of partition " + partition + ": " + e.getMessage(), "XJ000", e);
        }
    }

    /**
     * Replaces {@code partition}'s database with the one in {@code restored} (a directory
     * {@link #backup} produced, possibly on another node): the open store is shut down, the
     * directories are swapped and a new store opens. The caller makes sure nothing uses the
     * partition meanwhile; sessions of the old store fail afterwards.
     */
    public PartitionStore replace(int partition, Path restored) throws SQLException {
        PartitionStore old = stores.get(partition);
        Path dir = old.directory();
        Path aside = dir.resolveSibling(dir.getFileName() + ".replaced");
        old.close();
        try {
            deleteTree(aside);
            Files.move(dir, aside);
            Files.move(restored, dir);
            PartitionStore fresh = PartitionStore.open(partition, dir);
            stores.set(partition, fresh);
            deleteTree(aside);
            return fresh;
        } catch (IOException e) {
            throw new SQLException("cannot replace partition " + partition + ": " + e.getMessage(), "XJ000", e);
        }
    }

    /** Deletes a directory tree if it exists. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public CrossPartitionTransaction begin() {
        return new CrossPartitionTransaction(this);
    }

    DecisionLog decisions() {
        return decisions;
    }

    /** Forgets cached statement plans of idle sessions, after DDL changed the schema. */
    public void schemaChanged() {
        all().forEach(PartitionStore::clearStatementCaches);
    }

    private void recoverInDoubt() throws SQLException {
        Set<String> committed = decisions.committed();
        for (PartitionStore store : all()) {
            PartitionSession session = store.borrow();
            try {
                XAResource xa = session.xaResource();
                for (Xid xid : xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)) {
                    if (!BranchId.isOurs(xid)) {
                        continue;
                    }
                    if (committed.contains(BranchId.from(xid).globalId())) {
                        xa.commit(xid, false);
                    } else {
                        xa.rollback(xid);
                    }
                }
            } catch (XAException e) {
                throw new SQLException("recovery of partition " + store.partition() + " failed (XA error "
                        + e.errorCode + ")", "XJ000", e);
            } finally {
                session.release();
            }
        }
        decisions.forgetAll();
    }

    @Override
    public void close() {
        all().forEach(PartitionStore::close);
        decisions.close();
    }
}
