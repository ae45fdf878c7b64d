package org.distdata.catalog;

import org.distdata.catalog.entity.StoredStatistics;
import org.distdata.catalog.entity.TableDef;
import org.distdata.catalog.entity.TableEntity;
import org.distdata.catalog.entity.TableKind;
import org.distdata.catalog.entity.TableStatisticsEntity;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.meta.MetaCodec;
import org.distdata.meta.MetaCommand;
import org.distdata.meta.MetaGroup;
import org.distdata.meta.MetaListener;
import org.distdata.meta.MetaLog;
import org.distdata.meta.MetadataDatabase;
import org.distdata.partition.PartitionExecutor;
import org.distdata.partition.RowCursor;
import org.distdata.partition.TableShape;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The catalog: which tables and views exist, each table's shape and placement, and each
 * table's latest ANALYZE statistics (kept for the SQL engine, which gives them meaning).
 * Names are stored as Derby stores them (unquoted identifiers in upper case).
 *
 * <p>Reads are served from memory. Changes go through the {@link MetaLog} and reach every
 * node's catalog the same way: the meta state machine stores them and then publishes them
 * here ({@link #published}). A table's shape comes from the command that registered it, so a
 * node knows every table without holding a replica of any partition.
 */
public final class Catalog implements CatalogView, MetaListener {
    private final MetadataDatabase metadata;
    private final MetaLog log;
    private final PartitionExecutor partitions;
    private final Map<String, TableDef> tables = new ConcurrentHashMap<>();
    private final Map<String, String> views = new ConcurrentHashMap<>();
    private final Map<String, StoredStatistics> statistics = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    private Catalog(MetaGroup meta, PartitionExecutor partitions) {
        this.metadata = meta.database();
        this.log = meta.log();
        this.partitions = partitions;
    }

    /** Loads the catalog from the node's metadata database and follows the meta group's changes from then on. */
    public static Catalog load(MetaGroup meta, PartitionExecutor partitions) {
        return meta.stateMachine().subscribe(() -> {
            Catalog catalog = new Catalog(meta, partitions);
            catalog.loadStored();
            return catalog;
        });
    }

    private void loadStored() {
        List<TableEntity> rows = metadata.read(em ->
                em.createQuery("SELECT t FROM TableEntity t", TableEntity.class).getResultList());
        for (TableEntity row : rows) {
            if (row.isView()) {
                views.put(row.name(), row.viewSql());
            } else if (row.shape() != null) {
                tables.put(row.name(), MetaCodec.decodeTable(row.shape()));
            } else {
                describe(row.name(), TableKind.valueOf(row.kind()), row.distributionColumn(), row.hiddenRowId())
                        .ifPresent(def -> tables.put(def.name(), def));
            }
        }
        for (TableStatisticsEntity row : storedStatistics()) {
            statistics.put(row.tableName(), row.toStored());
        }
    }

    /** Changes whenever a table or view is added, changed or removed; lets callers cache per schema. */
    public long version() {
        return version.get();
    }

    /**
     * Waits until this node has applied every catalog change committed cluster-wide before the
     * call; true when that changed what this node knows (a table created through another node).
     *
     * @throws DistDataException NO_QUORUM when the meta group cannot be reached to tell
     */
    public boolean catchUp() {
        long before = version();
        if (!log.awaitLatest()) {
            throw new DistDataException(ErrorCode.NO_QUORUM, "this node cannot reach a quorum of the meta group to "
                    + "learn of tables created through other nodes");
        }
        return version() != before;
    }

    private TableDef lookUp(String name) {
        TableDef def = tables.get(name);
        return def != null ? def : tables.get(name.toUpperCase(java.util.Locale.ROOT));
    }

    public Optional<TableDef> find(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    public TableDef require(String name) {
        TableDef def = tables.get(name);
        if (def == null) {
            throw new DistDataException(ErrorCode.SQL_SEMANTIC, "Table '" + name + "' does not exist.");
        }
        return def;
    }

    public boolean exists(String name) {
        return tables.containsKey(name) || views.containsKey(name);
    }

    public List<TableDef> allTables() {
        return tables.values().stream().sorted(Comparator.comparing(TableDef::name)).toList();
    }

    public Map<String, String> allViews() {
        return Map.copyOf(views);
    }

    public Optional<String> view(String name) {
        return Optional.ofNullable(views.get(name));
    }

    /** Records a table created on every partition, with the shape its partitions report. */
    public TableDef register(TableDef table) {
        log.submit(new MetaCommand.TableRegistered(table));
        return require(table.name());
    }

    /**
     * Re-reads a table's shape after an index was created or dropped, from the partitions
     * this node just ran the DDL on, and records it if it changed.
     */
    public void refresh(String name) {
        TableDef old = require(name);
        Optional<TableDef> now = describe(name, old.kind(), old.distributionColumn(), old.hiddenRowId());
        if (now.isPresent() && !now.get().equals(old)) {
            log.submit(new MetaCommand.TableAltered(now.get()));
        }
    }

    /** Forgets a table (with its statistics) or a view; a name the catalog does not know changes nothing. */
    public void unregister(String name) {
        if (tables.containsKey(name)) {
            log.submit(new MetaCommand.TableDropped(name));
        } else if (views.containsKey(name)) {
            log.submit(new MetaCommand.ViewDropped(name));
        }
    }

    public void registerView(String name, String sql) {
        log.submit(new MetaCommand.ViewCreated(name, sql));
    }

    /** The latest statistics stored for {@code table}, by whichever node analyzed it. */
    public Optional<StoredStatistics> statistics(String table) {
        return Optional.ofNullable(statistics.get(table));
    }

    /** Replaces the stored statistics of {@code statistics.table()}; ignored if that table is gone. */
    public void storeStatistics(StoredStatistics statistics) {
        log.submit(new MetaCommand.StatisticsStored(statistics));
    }

    /** The statistics rows of the metadata database, as stored; for checks and tools. */
    public List<TableStatisticsEntity> storedStatistics() {
        return metadata.read(em -> em.createQuery("SELECT s FROM TableStatisticsEntity s",
                TableStatisticsEntity.class).getResultList());
    }

    /** Follows a change the meta state machine has stored (on any node's proposal). */
    @Override
    public void published(MetaCommand command) {
        if (command instanceof MetaCommand.TableRegistered c) {
            tables.put(c.table().name(), c.table());
        } else if (command instanceof MetaCommand.TableAltered c) {
            tables.put(c.table().name(), c.table());
        } else if (command instanceof MetaCommand.TableDropped c) {
            if (tables.remove(c.name()) == null) {
                return;
            }
            statistics.remove(c.name());
        } else if (command instanceof MetaCommand.ViewCreated c) {
            views.put(c.name(), c.sql());
        } else if (command instanceof MetaCommand.ViewDropped c) {
            if (views.remove(c.name()) == null) {
                return;
            }
        } else if (command instanceof MetaCommand.StatisticsStored c) {
            if (tables.containsKey(c.statistics().table())) {
                statistics.put(c.statistics().table(), c.statistics());
            }
            return; // statistics do not change the schema
        } else {
            return;
        }
        version.incrementAndGet();
    }

    /** Every table, including those just created through other nodes (it catches up first). */
    @Override
    public List<TableSummary> tables() {
        catchUp();
        return allTables().stream().map(t -> new TableSummary(t.name(), t.kind(),
                        t.hiddenRowId() ? null : t.distributionColumn(),
                        countRows(t).stream().mapToLong(Long::longValue).sum()))
                .toList();
    }

    /** One table; a miss catches up first, so a table just created through another node is found. */
    @Override
    public Optional<TableDetails> table(String name) {
        TableDef def = lookUp(name);
        if (def == null && catchUp()) {
            def = lookUp(name);
        }
        if (def == null) {
            return Optional.empty();
        }
        List<Long> counts = countRows(def);
        List<TableDetails.PartitionRows> perPartition = new ArrayList<>();
        for (int p = 0; p < counts.size(); p++) {
            perPartition.add(new TableDetails.PartitionRows(p, counts.get(p)));
        }
        long total = def.isDistributed() ? counts.stream().mapToLong(Long::longValue).sum() : counts.get(0);
        List<ColumnSummary> columns = def.columns().stream()
                .map(c -> new ColumnSummary(c.name(), c.ddlType(), c.nullable())).toList();
        return Optional.of(new TableDetails(def.name(), def.kind(), columns, def.primaryKey(),
                def.hiddenRowId() ? null : def.distributionColumn(), def.indexes(), total, perPartition));
    }

    /** Exact row count of each partition (a reference table reports partition 0's copy). */
    private List<Long> countRows(TableDef def) {
        int n = def.isDistributed() ? partitions.partitionCount() : 1;
        List<Long> counts = new ArrayList<>(n);
        String sql = "SELECT COUNT(*) FROM " + SqlNames.quote(def.name());
        for (int p = 0; p < n; p++) {
            try (RowCursor c = partitions.query(p, sql, List.of())) {
                c.next();
                counts.add(((Number) c.get(0)).longValue());
            } catch (SQLException e) {
                counts.add(0L);
            }
        }
        return counts;
    }

    private Optional<TableDef> describe(String name, TableKind kind, String distributionColumn, boolean hiddenRowId) {
        try {
            Optional<TableShape> shape = partitions.describe(0, name);
            return shape.map(s -> TableDef.of(name, kind, s, distributionColumn, hiddenRowId));
        } catch (SQLException e) {
            throw new DistDataException(ErrorCode.INTERNAL, "cannot describe table " + name + ": " + e.getMessage(), e);
        }
    }
}
