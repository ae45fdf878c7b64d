package org.distdata.sql;

import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.catalog.entity.TableKind;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.TableShape;
import org.distdata.partition.WriteTransaction;
import org.distdata.sql.classify.Placement;
import org.distdata.sql.classify.ClassifiedStatement;
import org.distdata.sql.classify.ObjectName;
import org.distdata.sql.classify.SchemaChange;
import org.distdata.sql.stats.StatisticsStore;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs DDL on every partition in one atomic transaction, then records the result in the
 * catalog and the gateway: CREATE/DROP TABLE (with DistData's placement extensions),
 * CREATE/DROP INDEX, CREATE/DROP VIEW and TRUNCATE TABLE. Callers hold the engine's schema
 * lock exclusively. DROP TABLE forgets the table's statistics; TRUNCATE counts as deleting
 * every row towards their staleness.
 */
final class DdlExecutor {
    private static final Pattern IDENTITY = Pattern.compile("(?is)GENERATED\\s+(ALWAYS|BY\\s+DEFAULT)\\s+AS\\s+IDENTITY");

    private final EngineContext ctx;
    private final StatisticsStore statistics;

    DdlExecutor(EngineContext ctx, StatisticsStore statistics) {
        this.ctx = ctx;
        this.statistics = statistics;
    }

    /** Runs a DDL statement of a form {@link SchemaChange} describes; refuses every other one. */
    long execute(ClassifiedStatement st) throws SQLException {
        SchemaChange change = st.schemaChange();
        if (change == null) {
            throw DistDataException.notSupported(st.keyword() + " statements of this form");
        }
        String name = name(change.name());
        return switch (change.verb()) {
            case CREATE -> switch (change.object()) {
                case TABLE -> createTable(st, name);
                case INDEX -> createIndex(st.sql(), change.unique(), name(change.table()));
                case VIEW -> createView(st.sql(), name);
            };
            case DROP -> switch (change.object()) {
                case TABLE -> dropTable(name);
                case VIEW -> dropView(name);
                case INDEX -> onEveryPartition(st.sql(), true);
            };
            case TRUNCATE -> truncate(st.sql(), name);
        };
    }

    private long truncate(String sql, String table) throws SQLException {
        ctx.catalog().require(table);
        onEveryPartition(sql, false);
        statistics.recordTruncated(table);
        return 0;
    }

    private long createTable(ClassifiedStatement st, String name) throws SQLException {
        if (ctx.catalog().exists(name)) {
            throw new DistDataException(ErrorCode.SQL_SEMANTIC,
                    "Table/View '" + name + "' already exists in Schema 'APP'.");
        }
        if (IDENTITY.matcher(st.sql()).find()) {
            throw DistDataException.notSupported("identity columns (values must come from cluster-wide ranges)");
        }
        Placement placement = st.placement();
        TableKind kind = placement.kind() == Placement.Kind.REFERENCE ? TableKind.REFERENCE : TableKind.DISTRIBUTED;
        onEveryPartition(st.sql(), false);
        try {
            TableShape shape = ctx.partitions().describe(0, name)
                    .orElseThrow(() -> new IllegalStateException("table " + name + " missing after create"));
            String column = null;
            boolean hidden = false;
            if (kind == TableKind.DISTRIBUTED) {
                if (placement.kind() == Placement.Kind.HASH) {
                    column = SqlNames.normalize(placement.column());
                    String c = column;
                    if (shape.columns().stream().noneMatch(col -> col.name().equals(c))) {
                        throw new DistDataException(ErrorCode.SQL_SEMANTIC,
                                "Distribution column '" + column + "' is not a column of table '" + name + "'.");
                    }
                    if (!shape.primaryKey().isEmpty() && !shape.primaryKey().contains(column)) {
                        throw new DistDataException(ErrorCode.SQL_SEMANTIC, "The primary key of '" + name
                                + "' must include its distribution column " + column
                                + ", or uniqueness could not be enforced within one partition.");
                    }
                } else if (!shape.primaryKey().isEmpty()) {
                    column = shape.primaryKey().get(0);
                } else {
                    hidden = true;
                    column = TableDef.HIDDEN_ROW_ID;
                    onEveryPartition("ALTER TABLE " + SqlNames.quote(name) + " ADD COLUMN "
                            + SqlNames.quote(TableDef.HIDDEN_ROW_ID) + " BIGINT NOT NULL DEFAULT 0", false);
                }
            }
            TableDef def = ctx.catalog().register(TableDef.of(name, kind, shape, column, hidden));
            ctx.gateway().defineTable(def);
            return 0;
        } catch (RuntimeException | SQLException e) {
            ctx.catalog().unregister(name);
            onEveryPartition("DROP TABLE " + SqlNames.quote(name), false);
            throw e;
        }
    }

    private long dropTable(String name) throws SQLException {
        if (ctx.catalog().find(name).isEmpty()) {
            throw new DistDataException(ErrorCode.SQL_SEMANTIC,
                    "'DROP TABLE' cannot be performed on '" + name + "' because it does not exist.");
        }
        ctx.gateway().dropTable(name); // refuses while a view depends on the table, before anything changed
        onEveryPartition("DROP TABLE " + SqlNames.quote(name), false);
        ctx.catalog().unregister(name);
        statistics.forget(name);
        ctx.rowIds().forget(name);
        return 0;
    }

    private long createIndex(String sql, boolean unique, String table) throws SQLException {
        TableDef def = ctx.catalog().require(table);
        onEveryPartition(sql, true);
        TableDef updated = ctx.catalog().require(table);
        if (unique) {
            // A unique index without the distribution column is enforced across partitions by
            // GlobalUniqueKeys from now on; rows already stored must satisfy it too.
            for (var key : updated.globalUniqueKeys()) {
                if (!def.globalUniqueKeys().contains(key) && hasDuplicates(updated, key)) {
                    onEveryPartition("DROP INDEX " + SqlNames.quote(key.indexName()), true);
                    throw GlobalUniqueKeys.duplicate(key, updated);
                }
            }
        }
        return 0;
    }

    private boolean hasDuplicates(TableDef table, TableShape.UniqueKey key) throws SQLException {
        String cols = key.columns().stream().map(SqlNames::quote).collect(Collectors.joining(", "));
        String notNull = key.columns().stream().map(c -> SqlNames.quote(c) + " IS NOT NULL")
                .collect(Collectors.joining(" AND "));
        String sql = "SELECT 1 FROM " + SqlNames.quote(table.name()) + " WHERE " + notNull + " GROUP BY " + cols
                + " HAVING COUNT(*) > 1";
        return !ctx.gateway().query(sql, List.of(), new AutocommitReads(ctx.partitions())).rows().isEmpty();
    }

    private long createView(String sql, String name) throws SQLException {
        if (ctx.catalog().exists(name)) {
            throw new DistDataException(ErrorCode.SQL_SEMANTIC,
                    "Table/View '" + name + "' already exists in Schema 'APP'.");
        }
        ctx.gateway().createView(name, sql);
        try {
            ctx.catalog().registerView(name, sql);
        } catch (RuntimeException e) {
            ctx.gateway().dropView(name);
            throw e;
        }
        return 0;
    }

    private long dropView(String name) throws SQLException {
        if (ctx.catalog().view(name).isEmpty()) {
            throw new DistDataException(ErrorCode.SQL_SEMANTIC,
                    "'DROP VIEW' cannot be performed on '" + name + "' because it does not exist.");
        }
        ctx.gateway().dropView(name);
        ctx.catalog().unregister(name);
        return 0;
    }

    /** Runs one DDL statement on all partitions atomically; optionally re-reads every table's shape. */
    private long onEveryPartition(String sql, boolean refreshAll) throws SQLException {
        try (WriteTransaction tx = ctx.partitions().begin()) {
            for (int p = 0; p < ctx.partitions().partitionCount(); p++) {
                tx.update(p, sql, List.of());
            }
            tx.commit();
        }
        if (refreshAll) {
            for (TableDef t : ctx.catalog().allTables()) {
                ctx.catalog().refresh(t.name());
            }
        }
        return 0;
    }

    private static String name(ObjectName name) {
        if (name.schema() != null && !SqlNames.normalize(name.schema()).equals("APP")) {
            throw DistDataException.notSupported("schemas other than APP");
        }
        return SqlNames.normalize(name.name());
    }
}
