package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import org.distdata.catalog.entity.TableDef;
import org.distdata.sql.stats.ColumnStatistics;
import org.distdata.sql.stats.StatisticsSource;
import org.distdata.sql.stats.TableStatistics;

/**
 * Estimates for the planner: rows a table holds, the fraction a predicate keeps, the rows a
 * join yields, and the cost of moving and processing rows. With statistics it uses ANALYZE's
 * row counts and distinct counts; without, fixed defaults (a table of {@value #DEFAULT_ROWS}
 * rows, one in ten rows per distinct value, a third kept by a range). Cost is
 * {@code rows moved between nodes × }{@value #NETWORK_ROW}{@code  + rows processed on the
 * busiest partition × }{@value #CPU_ROW}: moving a row costs ten times processing it.
 */
final class CostModel {
    static final double DEFAULT_ROWS = 1000;
    static final double NETWORK_ROW = 1.0;
    static final double CPU_ROW = 0.1;
    private static final double DEFAULT_EQUALITY = 0.1;
    private static final double DEFAULT_RANGE = 1.0 / 3;
    private static final double DEFAULT_OTHER = 1.0 / 3;

    private final StatisticsSource statistics;
    private final int partitions;

    CostModel(StatisticsSource statistics, int partitions) {
        this.statistics = statistics;
        this.partitions = partitions;
    }

    int partitions() {
        return partitions;
    }

    /** Rows the table holds (a reference table: its full copy). */
    double rows(TableDef table) {
        long n = statistics.estimatedRows(table.name());
        return n < 0 ? DEFAULT_ROWS : Math.max(1, n);
    }

    /** Distinct non-null values of a column, never more than the table's rows. */
    double distinct(TableDef table, String column) {
        double rows = rows(table);
        TableStatistics s = statistics.statistics(table.name());
        ColumnStatistics c = s == null ? null : s.columns().get(column);
        if (c == null) {
            if (table.primaryKey().size() == 1 && table.primaryKey().get(0).equals(column)) {
                return rows;
            }
            return Math.max(1, rows * DEFAULT_EQUALITY);
        }
        return Math.max(1, Math.min(rows, c.distinct()));
    }

    /** The fraction of rows of the query's tables that {@code predicate} keeps. */
    double selectivity(Expression predicate, BoundQuery q) {
        if (predicate instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            return selectivity((Expression) p.get(0), q);
        }
        if (predicate instanceof AndExpression and) {
            return selectivity(and.getLeftExpression(), q) * selectivity(and.getRightExpression(), q);
        }
        if (predicate instanceof OrExpression or) {
            double a = selectivity(or.getLeftExpression(), q);
            double b = selectivity(or.getRightExpression(), q);
            return Math.min(1, a + b - a * b);
        }
        if (predicate instanceof NotExpression not) {
            return 1 - selectivity(not.getExpression(), q);
        }
        if (predicate instanceof EqualsTo eq) {
            ColumnBinding l = binding(eq.getLeftExpression(), q);
            ColumnBinding r = binding(eq.getRightExpression(), q);
            if (l != null && r != null) {
                return 1 / Math.max(distinct(q, l), distinct(q, r));
            }
            ColumnBinding c = l != null ? l : r;
            return c == null ? DEFAULT_EQUALITY : 1 / distinct(q, c) * (1 - nullFraction(q, c));
        }
        if (predicate instanceof NotEqualsTo) {
            return 1 - DEFAULT_EQUALITY;
        }
        if (predicate instanceof InExpression in) {
            double s;
            ColumnBinding c = binding(in.getLeftExpression(), q);
            if (in.getRightExpression() instanceof ExpressionList<?> list && c != null) {
                s = Math.min(1, list.size() / distinct(q, c));
            } else {
                s = 0.5;
            }
            return in.isNot() ? 1 - s : s;
        }
        if (predicate instanceof IsNullExpression isNull) {
            ColumnBinding c = binding(isNull.getLeftExpression(), q);
            double s = c == null ? 0.05 : nullFraction(q, c);
            return isNull.isNot() ? 1 - s : s;
        }
        if (predicate instanceof Between between) {
            return between.isNot() ? 1 - DEFAULT_RANGE / 2 : DEFAULT_RANGE / 2;
        }
        if (predicate instanceof ComparisonOperator) {
            return DEFAULT_RANGE;
        }
        if (predicate instanceof LikeExpression like) {
            return like.isNot() ? 0.75 : 0.25;
        }
        if (predicate instanceof ExistsExpression exists) {
            return exists.isNot() ? 0.5 : 0.5;
        }
        return DEFAULT_OTHER;
    }

    /** Cost of moving {@code rows} between nodes. */
    double network(double rows) {
        return rows * NETWORK_ROW;
    }

    /** Cost of processing {@code rows} spread over {@code spread} partitions. */
    double work(double rows, int spread) {
        return rows / Math.max(1, spread) * CPU_ROW;
    }

    private double distinct(BoundQuery q, ColumnBinding c) {
        return distinct(q.tables().get(c.table()).table(), c.column().name());
    }

    private double nullFraction(BoundQuery q, ColumnBinding c) {
        TableStatistics s = statistics.statistics(q.tables().get(c.table()).table().name());
        ColumnStatistics cs = s == null ? null : s.columns().get(c.column().name());
        return cs == null ? (c.column().nullable() ? 0.05 : 0) : cs.nullFraction();
    }

    private static ColumnBinding binding(Expression e, BoundQuery q) {
        return e instanceof Column c ? q.binding(c) : null;
    }
}
