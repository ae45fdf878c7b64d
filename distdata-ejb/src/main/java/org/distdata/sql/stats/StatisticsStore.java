package org.distdata.sql.stats;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.distdata.catalog.Catalog;
import org.distdata.catalog.entity.StoredStatistics;
import org.distdata.catalog.entity.TableDef;

/**
 * The planner's source of table statistics: each table's latest ANALYZE result, stored through
 * the {@link Catalog} (so that it survives a restart and reaches every node, whichever node
 * ran the ANALYZE), and how many rows DML changed since, from which it judges staleness and
 * estimates the current row count. The catalog's copy is the truth; this class keeps it
 * decoded, and decodes again when the catalog holds a different one.
 *
 * <p>Modification counts live in memory only: a restarted node counts from zero again, so
 * statistics analyzed before a restart look fresh until new changes add up. The executors
 * count a statement's rows once its work on the partitions succeeded, before its transaction
 * commits; a later rollback (a failed commit, a later statement of an atomic batch failing)
 * leaves them counted, which can only make statistics look staler than they are, never
 * fresher. Rows changed while ANALYZE scans stay counted after it, for the same reason.
 */
public final class StatisticsStore implements StatisticsSource {

    /** Statistics are stale once more than this fraction of the analyzed rows changed ... */
    public static final double STALE_FRACTION = 0.2;
    /** ... plus this many rows, so that small tables are not re-analyzed after every few writes. */
    public static final long STALE_ROWS = 500;

    /** {@code statistics} decoded from (or, after a local ANALYZE, stored as) {@code source}. */
    private record Analyzed(StoredStatistics source, TableStatistics statistics) {
    }

    private final Catalog catalog;
    private final Clock clock;
    private final Map<String, Analyzed> latest = new ConcurrentHashMap<>();
    private final Map<String, ModificationCounts> counted = new ConcurrentHashMap<>();

    public StatisticsStore(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    public StatisticsStore(Catalog catalog) {
        this(catalog, Clock.systemUTC());
    }

    /**
     * The latest statistics of {@code table}, or null if it was never analyzed or no longer
     * exists. Figures of columns the table no longer has are left out.
     */
    @Override
    public TableStatistics statistics(String table) {
        TableDef def = catalog.find(table).orElse(null);
        StoredStatistics stored = catalog.statistics(table).orElse(null);
        if (def == null || stored == null) {
            return null;
        }
        TableStatistics s = decoded(table, stored);
        if (s.columns().keySet().stream().allMatch(c -> def.column(c).isPresent())) {
            return s;
        }
        Map<String, ColumnStatistics> current = new LinkedHashMap<>();
        s.columns().forEach((name, c) -> {
            if (def.column(name).isPresent()) {
                current.put(name, c);
            }
        });
        return new TableStatistics(s.table(), s.rows(), s.rowsPerPartition(), current, s.catalogVersion());
    }

    /** When {@code table} was last analyzed, empty if never. */
    public Optional<Instant> analyzedAt(String table) {
        return catalog.statistics(table).map(s -> Instant.ofEpochMilli(s.analyzedAtEpochMillis()));
    }

    /** Rows inserted, updated or deleted since the last ANALYZE (since startup if none). */
    public long modificationsSinceAnalyze(String table) {
        return modifications(table).total();
    }

    /**
     * True when {@code table} was never analyzed, or when more than {@link #STALE_FRACTION}
     * of its analyzed rows plus {@link #STALE_ROWS} rows were modified since.
     */
    public boolean isStale(String table) {
        TableStatistics s = statistics(table);
        return s == null || modificationsSinceAnalyze(table) > STALE_FRACTION * s.rows() + STALE_ROWS;
    }

    /** The analyzed row count plus rows inserted minus rows deleted since, at least 0; -1 if never analyzed. */
    @Override
    public long estimatedRows(String table) {
        TableStatistics s = statistics(table);
        return s == null ? -1 : Math.max(0, s.rows() + modifications(table).netInserted());
    }

    public void recordInserted(String table, long rows) {
        record(table, new ModificationCounts(rows, 0, 0));
    }

    public void recordUpdated(String table, long rows) {
        record(table, new ModificationCounts(0, rows, 0));
    }

    public void recordDeleted(String table, long rows) {
        record(table, new ModificationCounts(0, 0, rows));
    }

    /** TRUNCATE reports no row count: it counts as deleting every row the table is estimated to hold. */
    public void recordTruncated(String table) {
        long present = estimatedRows(table);
        if (present > 0) {
            recordDeleted(table, present);
        }
    }

    /** A dropped table's counts no longer apply (its statistics go with the catalog's table). */
    public void forget(String table) {
        latest.remove(table);
        counted.remove(table);
    }

    ModificationCounts modifications(String table) {
        return counted.getOrDefault(table, ModificationCounts.NONE);
    }

    /**
     * Stores a fresh ANALYZE result through the catalog. {@code countedBefore} is what
     * {@link #modifications} said when the scan began: only changes since stay counted.
     */
    void analyzed(TableStatistics statistics, ModificationCounts countedBefore) {
        StoredStatistics stored = StatisticsCodec.toStored(statistics, clock.instant());
        catalog.storeStatistics(stored);
        latest.put(statistics.table(), new Analyzed(stored, statistics));
        counted.computeIfPresent(statistics.table(), (table, now) -> now.minus(countedBefore));
    }

    /**
     * The statistics {@code stored} holds, decoded once per stored copy. After a local ANALYZE
     * the catalog holds an equal copy of what was stored, and the figures as analyzed are kept.
     */
    private TableStatistics decoded(String table, StoredStatistics stored) {
        Analyzed cached = latest.get(table);
        if (cached != null && cached.source() == stored) {
            return cached.statistics();
        }
        TableStatistics s = cached != null && cached.source().equals(stored) ? cached.statistics()
                : StatisticsCodec.fromStored(stored, catalog.version());
        latest.put(table, new Analyzed(stored, s));
        return s;
    }

    private void record(String table, ModificationCounts change) {
        if (change.total() > 0) {
            counted.merge(table, change, ModificationCounts::plus);
        }
    }
}
