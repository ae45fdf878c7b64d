package org.distdata.sql;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Values;
import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.ColumnDef;
import org.distdata.partition.PartitionWork;
import org.distdata.relation.SqlResult;
import org.distdata.sql.classify.Placement;
import org.distdata.sql.classify.ClassifiedStatement;
import org.distdata.sql.route.Constants;
import org.distdata.sql.stats.StatisticsStore;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs INSERT: computes every row's values at the gateway (literals and parameters directly,
 * other expressions and INSERT ... SELECT through Derby), routes each row to the partition
 * its distribution key hashes to (every partition for a reference table) and inserts with a
 * parameterized fragment, so user values are never spliced into SQL text. Inserted rows are
 * counted towards the table's statistics staleness once they are written, before the
 * caller commits (see {@link StatisticsStore}).
 */
final class InsertExecutor {
    private final EngineContext ctx;
    private final StatisticsStore statistics;

    InsertExecutor(EngineContext ctx, StatisticsStore statistics) {
        this.ctx = ctx;
        this.statistics = statistics;
    }

    long execute(Insert insert, List<Object> params, PartitionWork work, QueryExecutor queries) throws SQLException {
        TableDef table = WriteTargets.resolve(ctx.catalog(), insert.getTable());
        List<ColumnDef> targets = targetColumns(insert, table);
        List<List<Object>> rows = insert.getSelect() instanceof Values values
                ? valueRows(values, params, work)
                : queryRows(insert, params, work, queries);
        for (List<Object> row : rows) {
            if (row.size() != targets.size()) {
                throw new DistDataException(ErrorCode.SQL_SEMANTIC, "The number of values assigned is not the same "
                        + "as the number of specified or implied columns.");
            }
        }
        return insertRows(table, targets, rows, work);
    }

    /** Inserts already evaluated rows; also the bulk importer's path. */
    long insertRows(TableDef table, List<ColumnDef> targets, List<List<Object>> rows, PartitionWork work)
            throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        List<String> columnNames = new ArrayList<>(targets.stream().map(ColumnDef::name).toList());
        List<List<Object>> bound = rows;
        int keyIndex = -1;
        if (table.isDistributed()) {
            if (table.hiddenRowId()) {
                long[] ids = ctx.rowIds().allocate(table, rows.size());
                bound = new ArrayList<>(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    List<Object> r = new ArrayList<>(rows.get(i));
                    r.add(ids[i]);
                    bound.add(r);
                }
                columnNames.add(TableDef.HIDDEN_ROW_ID);
            }
            keyIndex = columnNames.indexOf(table.distributionColumnDef().name());
        }
        String sql = "INSERT INTO " + SqlNames.quote(table.name()) + " ("
                + columnNames.stream().map(SqlNames::quote).collect(Collectors.joining(", ")) + ") VALUES ("
                + columnNames.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        Map<Integer, List<List<Object>>> byPartition = new TreeMap<>();
        if (!table.isDistributed()) {
            for (int p = 0; p < ctx.partitions().partitionCount(); p++) {
                byPartition.put(p, bound);
            }
        } else {
            ColumnDef key = table.distributionColumnDef();
            for (List<Object> row : bound) {
                Object value = keyIndex < 0 ? null : row.get(keyIndex);
                OptionalInt p = ctx.pruner().partitionOfValue(key, value == null ? Constants.NULL : value);
                if (p.isEmpty()) {
                    throw new DistDataException(ErrorCode.SQL_SEMANTIC, "Value '" + value
                            + "' cannot be stored in distribution column " + key.name() + " of type " + key.ddlType());
                }
                byPartition.computeIfAbsent(p.getAsInt(), k -> new ArrayList<>()).add(row);
            }
        }
        if (table.isDistributed() && !table.globalUniqueKeys().isEmpty()) {
            GlobalUniqueKeys.check(table, columnNames, byPartition, work, ctx.partitions().partitionCount());
        }
        long total = 0;
        for (var e : byPartition.entrySet()) {
            total += work.updateBatch(e.getKey(), sql, e.getValue());
        }
        long inserted = table.isDistributed() ? total : rows.size();
        statistics.recordInserted(table.name(), inserted);
        return inserted;
    }

    private static List<ColumnDef> targetColumns(Insert insert, TableDef table) {
        ExpressionList<Column> cols = insert.getColumns();
        if (cols == null || cols.isEmpty()) {
            return table.columns();
        }
        List<ColumnDef> out = new ArrayList<>();
        for (Column c : cols) {
            String name = SqlNames.normalize(c.getColumnName());
            out.add(table.column(name).orElseThrow(() -> new DistDataException(ErrorCode.SQL_SEMANTIC,
                    "'" + name + "' is not a column in table '" + table.name() + "'.")));
        }
        return out;
    }

    private List<List<Object>> valueRows(Values values, List<Object> params, PartitionWork work) throws SQLException {
        ExpressionList<?> list = values.getExpressions();
        List<List<Expression>> rows = new ArrayList<>();
        boolean multiRow = !list.isEmpty()
                && list.stream().allMatch(e -> e instanceof ExpressionList<?> || e instanceof RowConstructor<?>);
        if (multiRow) {
            for (Expression e : list) {
                List<Expression> row = new ArrayList<>();
                ExpressionList<?> inner = e instanceof RowConstructor<?> rc ? rc : (ExpressionList<?>) e;
                inner.forEach(row::add);
                rows.add(row);
            }
        } else {
            List<Expression> row = new ArrayList<>();
            list.forEach(row::add);
            rows.add(row);
        }
        List<List<Object>> out = new ArrayList<>(rows.size());
        int paramOffset = 0;
        for (List<Expression> row : rows) {
            String text = "VALUES (" + row.stream().map(Object::toString).collect(Collectors.joining(", ")) + ")";
            int markers = ParameterMarkers.count(text);
            List<Object> rowParams = params.subList(paramOffset, Math.min(params.size(), paramOffset + markers));
            paramOffset += markers;
            out.add(evaluate(row, text, params, rowParams, work));
        }
        return out;
    }

    /**
     * Values of one VALUES row: constants and parameters directly, anything else evaluated by
     * Derby at the gateway ({@code rowText} with the row's own parameters).
     */
    private List<Object> evaluate(List<Expression> row, String rowText, List<Object> params, List<Object> rowParams,
                                  PartitionWork work) throws SQLException {
        List<Object> values = new ArrayList<>(row.size());
        for (Expression e : row) {
            var v = Constants.value(e, params);
            if (v.isEmpty()) {
                SqlResult r = ctx.gateway().query(rowText, rowParams, work);
                return new ArrayList<>(r.rows().get(0));
            }
            values.add(v.get() == Constants.NULL ? null : v.get());
        }
        return values;
    }

    private List<List<Object>> queryRows(Insert insert, List<Object> params, PartitionWork work,
                                         QueryExecutor queries) throws SQLException {
        if (insert.getSelect() == null) {
            throw DistDataException.notSupported("this INSERT form");
        }
        // Nothing before the SELECT of an INSERT can hold a parameter marker, so all of them are its own.
        String sql = insert.getSelect().toString();
        return queries.run(ClassifiedStatement.query(sql, insert.getSelect()), params, work)
                .rows();
    }
}
