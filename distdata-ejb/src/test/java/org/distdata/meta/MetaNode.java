package org.distdata.meta;

import org.distdata.catalog.Catalog;
import org.distdata.partition.PartitionExecutor;
import org.distdata.partition.RowCursor;
import org.distdata.partition.TableShape;
import org.distdata.partition.WriteTransaction;
import org.distdata.security.control.CheapSecurity;
import org.distdata.security.control.SecurityConfig;
import org.distdata.security.control.SecurityServices;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The metadata side of one node in a test cluster: its own metadata database and meta state
 * machine, a replicated meta log over the shared {@link InTestReplicatedLog}, and the
 * catalog and security services on top, as the node would wire them. It holds no partition.
 */
final class MetaNode implements AutoCloseable {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    final MetadataDatabase db;
    final MetaGroup meta;
    Catalog catalog;
    SecurityServices security;

    MetaNode(Path dir, InTestReplicatedLog log) {
        db = MetadataDatabase.open(dir);
        meta = MetaGroup.replicated(db, log, Duration.ofSeconds(20));
        log.join(meta.stateMachine());
    }

    /** Opens the services; on several nodes at once, this is N nodes starting together. */
    MetaNode start(Optional<String> adminPassword) {
        catalog = Catalog.load(meta, new NoPartitions());
        security = CheapSecurity.open(meta, new SecurityConfig(adminPassword, Duration.ofHours(1), CLOCK));
        return this;
    }

    @Override
    public void close() {
        meta.stateMachine().close();
        db.close();
    }

    /** A node with no partition replica: the catalog must know tables without describing one. */
    private static final class NoPartitions implements PartitionExecutor {
        @Override
        public int partitionCount() {
            return 4;
        }

        @Override
        public RowCursor query(int partition, String sql, List<Object> params) {
            throw new UnsupportedOperationException("no partition on this node");
        }

        @Override
        public Optional<TableShape> describe(int partition, String table) {
            throw new UnsupportedOperationException("no partition on this node");
        }

        @Override
        public WriteTransaction begin() {
            throw new UnsupportedOperationException("no partition on this node");
        }
    }
}
