package org.distdata.catalog;

import org.distdata.catalog.entity.TableEntity;
import org.distdata.catalog.entity.TableStatisticsEntity;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
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

/**
 * The catalog: which tables and views exist and how each table is placed. The table list
 * and placement are persisted in the metadata database; column details are described by
 * the partitions' own Derby metadata. Names are stored as Derby stores them (unquoted
 * identifiers in upper case). The metadata database also keeps each table's latest ANALYZE
 * statistics; the catalog stores and deletes them with the table but leaves their meaning
 * to the SQL engine.
 */
public final class Catalog implements CatalogView {
    private final MetadataDatabase metadata;
    private final PartitionExecutor partitions;
    private final Map<String, TableDef> tables = new ConcurrentHashMap<>();
    private final Map<String, String> views = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    private Catalog(MetadataDatabase metadata, PartitionExecutor partitions) {
        this.metadata = metadata;
        this.partitions = partitions;
    }

    public static Catalog load(MetadataDatabase metadata, PartitionExecutor partitions) {
        Catalog catalog = new Catalog(metadata, partitions);
        List<TableEntity> rows = metadata.read(em ->
                em.createQuery("SELECT t FROM TableEntity t", TableEntity.class).getResultList());
        for (TableEntity row : rows) {
            if ("VIEW".equals(row.kind())) {
                catalog.views.put(row.name(), row.viewSql());
            } else {
                TableKind kind = TableKind.valueOf(row.kind());
                catalog.describe(row.name(), kind, row.distributionColumn(), row.hiddenRowId())
                        .ifPresent(def -> catalog.tables.put(def.name(), def));
            }
        }
        return catalog;
    }

    /** Changes whenever a table or view is added, changed or removed; lets callers cache per schema. */
    public long version() {
        return version.get();
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

    /** Records a table created on every partition, reading its shape back from partition 0. */
    public TableDef register(String name, TableKind kind, String distributionColumn, boolean hiddenRowId) {
        TableDef def = describe(name, kind, distributionColumn, hiddenRowId)
                .orElseThrow(() -> new IllegalStateException("table " + name + " missing after create"));
        metadata.inTransaction(em -> {
            em.persist(new TableEntity(name, kind.name(), distributionColumn, hiddenRowId, null));
            return null;
        });
        tables.put(name, def);
        version.incrementAndGet();
        return def;
    }

    /** Re-reads a table's shape after an index was created or dropped. */
    public void refresh(String name) {
        TableDef old = require(name);
        describe(name, old.kind(), old.distributionColumn(), old.hiddenRowId())
                .ifPresent(def -> tables.put(name, def));
        version.incrementAndGet();
    }

    /** Forgets a table or view, together with the table's stored statistics. */
    public void unregister(String name) {
        metadata.inTransaction(em -> {
            TableEntity e = em.find(TableEntity.class, name);
            if (e != null) {
                em.remove(e);
            }
            TableStatisticsEntity statistics = em.find(TableStatisticsEntity.class, name);
            if (statistics != null) {
                em.remove(statistics);
            }
            return null;
        });
        tables.remove(name);
        views.remove(name);
        version.incrementAndGet();
    }

    /** The statistics of every table as stored by {@link #storeStatistics}; read once at startup. */
    public List<TableStatisticsEntity> storedStatistics() {
        return metadata.read(em -> em.createQuery("SELECT s FROM TableStatisticsEntity s",
                TableStatisticsEntity.class).getResultList());
    }

    /** Replaces the stored statistics of {@code statistics.tableName()}. */
    public void storeStatistics(TableStatisticsEntity statistics) {
        metadata.inTransaction(em -> {
            TableStatisticsEntity old = em.find(TableStatisticsEntity.class, statistics.tableName());
            if (old != null) {
                // Deleted and flushed before the new row goes in, rather than merged: the old
                // column rows then go by table name alone, never matched on their CLOB values
                // (which Derby cannot compare).
                em.remove(old);
                em.flush();
            }
            em.persist(statistics);
            return null;
        });
    }

    public void registerView(String name, String sql) {
        metadata.inTransaction(em -> {
            em.persist(new TableEntity(name, "VIEW", null, false, sql));
            return null;
        });
        views.put(name, sql);
        version.incrementAndGet();
    }

    @Override
    public List<TableSummary> tables() {
        return allTables().stream().map(t -> t.summary(countRows(t).stream().mapToLong(Long::longValue).sum()))
                .toList();
    }

    @Override
    public Optional<TableDetails> table(String name) {
        TableDef def = tables.get(name);
        if (def == null) {
            def = tables.get(name.toUpperCase(java.util.Locale.ROOT));
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
            return shape.map(s -> new TableDef(name, kind,
                    s.columns().stream().filter(c -> !c.name().equals(TableDef.HIDDEN_ROW_ID)).toList(),
                    s.primaryKey(), distributionColumn, hiddenRowId, s.indexes(), s.uniqueKeys()));
        } catch (SQLException e) {
            throw new DistDataException(ErrorCode.INTERNAL, "cannot describe table " + name + ": " + e.getMessage(), e);
        }
    }
}
