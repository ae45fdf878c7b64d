package org.distdata.sql;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.util.TablesNamesFinder;
import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.error.DistDataException;
import org.distdata.partition.PartitionWork;
import org.distdata.sql.classify.ClassifiedStatement;
import org.distdata.sql.route.SqlText;
import org.distdata.sql.route.TableOccurrence;
import org.distdata.sql.stats.StatisticsStore;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Runs UPDATE and DELETE: on the one partition an equality on the distribution key pins,
 * otherwise on every partition, all within the caller's transaction so that a failure on
 * any partition changes nothing. Each partition runs the client's own statement text with
 * the client's parameters. Changed rows are counted towards the table's statistics
 * staleness once every partition has run the statement, before the caller commits (see
 * {@link StatisticsStore}).
 */
final class ModificationExecutor {
    private final EngineContext ctx;
    private final StatisticsStore statistics;

    ModificationExecutor(EngineContext ctx, StatisticsStore statistics) {
        this.ctx = ctx;
        this.statistics = statistics;
    }

    long update(Update update, ClassifiedStatement statement, List<Object> params, PartitionWork work) throws SQLException {
        if (update.getFromItem() != null || (update.getJoins() != null && !update.getJoins().isEmpty())
                || (update.getStartJoins() != null && !update.getStartJoins().isEmpty())) {
            throw DistDataException.notSupported("UPDATE with FROM or JOIN");
        }
        TableDef table = WriteTargets.resolve(ctx.catalog(), update.getTable());
        List<Expression> expressions = new ArrayList<>();
        for (UpdateSet set : update.getUpdateSets()) {
            for (Column c : set.getColumns()) {
                String name = SqlNames.normalize(c.getColumnName());
                if (table.isDistributed() && !table.hiddenRowId() && name.equals(table.distributionColumn())) {
                    throw DistDataException.notSupported("updating the distribution column " + name
                            + " (delete the row and insert it again)");
                }
                if (table.globalUniqueKeys().stream().anyMatch(k -> k.columns().contains(name))) {
                    throw DistDataException.notSupported("updating column " + name + " of a unique index that "
                            + "does not include the distribution column");
                }
            }
            set.getValues().forEach(expressions::add);
        }
        expressions.add(update.getWhere());
        long updated = run(table, update.getTable(), update.getWhere(), expressions, statement, params, work);
        statistics.recordUpdated(table.name(), updated);
        return updated;
    }

    long delete(Delete delete, ClassifiedStatement statement, List<Object> params, PartitionWork work) throws SQLException {
        if (delete.getJoins() != null && !delete.getJoins().isEmpty()
                || delete.getTables() != null && !delete.getTables().isEmpty()) {
            throw DistDataException.notSupported("DELETE with JOIN or several tables");
        }
        TableDef table = WriteTargets.resolve(ctx.catalog(), delete.getTable());
        List<Expression> expressions = new ArrayList<>();
        expressions.add(delete.getWhere());
        long deleted = run(table, delete.getTable(), delete.getWhere(), expressions, statement, params, work);
        statistics.recordDeleted(table.name(), deleted);
        return deleted;
    }

    private long run(TableDef table, Table written, Expression where, List<Expression> expressions,
                     ClassifiedStatement statement, List<Object> params, PartitionWork work) throws SQLException {
        rejectDistributedSubqueries(expressions);
        List<Integer> partitions = new ArrayList<>();
        if (table.isDistributed()) {
            String reference = written.getAlias() != null ? SqlNames.normalize(written.getAlias().getName()) : table.name();
            OptionalInt p = where == null ? OptionalInt.empty() : ctx.pruner().singlePartition(
                    List.of(new TableOccurrence(reference, table)), List.of(where), params);
            if (p.isPresent()) {
                partitions.add(p.getAsInt());
            }
        }
        if (partitions.isEmpty()) {
            for (int i = 0; i < ctx.partitions().partitionCount(); i++) {
                partitions.add(i);
            }
        }
        long total = 0;
        long first = -1;
        for (int p : partitions) {
            long n = work.update(p, statement.sql(), params);
            total += n;
            if (first < 0) {
                first = n;
            }
        }
        return table.isDistributed() ? total : first; // every partition holds the same reference rows
    }

    /** A subquery runs on each partition alone, so it may only read tables every partition holds whole. */
    private void rejectDistributedSubqueries(List<Expression> expressions) {
        for (Expression e : expressions) {
            if (e == null || SqlText.selectKeywords(e.toString()) == 0) {
                continue; // TablesNamesFinder also reports the qualifiers of plain columns
            }
            Set<String> names;
            try {
                names = new TablesNamesFinder().getTables(e);
            } catch (RuntimeException unsupported) {
                throw DistDataException.notSupported("this subquery in UPDATE or DELETE");
            }
            for (String n : names) {
                String stored = SqlNames.normalize(n.contains(".") ? n.substring(n.lastIndexOf('.') + 1) : n);
                boolean reference = ctx.catalog().find(stored).map(t -> !t.isDistributed()).orElse(false);
                if (!reference) {
                    throw DistDataException.notSupported("a subquery over distributed table or view " + stored
                            + " in UPDATE or DELETE");
                }
            }
        }
    }
}
