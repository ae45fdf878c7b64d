package org.distdata.sql.gateway;

import org.apache.derby.vti.Restriction;
import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.partition.ColumnDef;
import org.distdata.partition.HashPartitioner;
import org.distdata.partition.KeyEncoder;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The query one partition runs for a gateway scan: the referenced columns, the pushed-down
 * restrictions (values as parameters) and, for a table without a primary key, the hidden
 * row id to merge on; plus the partitions that can hold matching rows (an equality, or an OR
 * of equalities, on the distribution column prunes the rest).
 */
final class ScanFragment {
    /** SQL spelling of {@link Restriction.ColumnQualifier}'s ORDER_OP_* codes, indexed by code. */
    private static final String[] OPERATORS = {"<", "=", "<=", ">", ">=", "IS NULL", "IS NOT NULL", "<>"};

    private final TableDef table;
    private final int partitionCount;
    private final HashPartitioner partitioner;
    private final int[] positions; // per table column: its position in the fragment, or -1
    private final List<Object> params = new ArrayList<>();
    private String sql;
    private BitSet partitions;
    private int rowIdIndex = -1;
    private int width;

    private ScanFragment(TableDef table, int partitionCount, HashPartitioner partitioner) {
        this.table = table;
        this.partitionCount = partitionCount;
        this.partitioner = partitioner;
        this.positions = new int[table.columns().size()];
    }

    /** The fragment for {@code columnNames} (null entries are not needed; null = all) and {@code restriction}. */
    static ScanFragment of(TableDef table, String[] columnNames, Restriction restriction, int partitionCount,
                           HashPartitioner partitioner) {
        ScanFragment f = new ScanFragment(table, partitionCount, partitioner);
        f.build(columnNames, restriction);
        return f;
    }

    String sql() {
        return sql;
    }

    List<Object> params() {
        return params;
    }

    BitSet partitions() {
        return partitions;
    }

    /** Position of the hidden row id in a fragment row, or -1 when rows need no merge order. */
    int rowIdIndex() {
        return rowIdIndex;
    }

    /** Number of values in a fragment row. */
    int width() {
        return width;
    }

    /** Position of table column {@code column} (0-based) in a fragment row, or -1 if not fetched. */
    int position(int column) {
        return positions[column];
    }

    /** Identifies equal fragments within one statement, whose complete results can be replayed. */
    String cacheKey() {
        return table.name() + "|" + sql + "|" + params + "|" + partitions;
    }

    private void build(String[] columnNames, Restriction restriction) {
        List<String> selected = new ArrayList<>();
        for (int i = 0; i < positions.length; i++) {
            boolean wanted = columnNames == null || (i < columnNames.length && columnNames[i] != null);
            positions[i] = wanted ? selected.size() : -1;
            if (wanted) {
                selected.add(SqlNames.quote(table.columns().get(i).name()));
            }
        }
        if (table.hiddenRowId()) {
            // Rows come back in insertion order, as from one Derby table, so that ties and
            // unordered results look the same as on a single database.
            rowIdIndex = selected.size();
            selected.add(SqlNames.quote(TableDef.HIDDEN_ROW_ID));
        }
        StringBuilder text = new StringBuilder("SELECT ");
        text.append(selected.isEmpty() ? "1" : String.join(", ", selected));
        text.append(" FROM ").append(SqlNames.quote(table.name()));
        partitions = allPartitions();
        String where = restriction == null ? null : render(restriction);
        if (where != null) {
            text.append(" WHERE ").append(where);
        }
        if (restriction != null && table.isDistributed()) {
            prune(restriction).ifPresent(p -> partitions = p);
        }
        if (rowIdIndex >= 0) {
            text.append(" ORDER BY ").append(SqlNames.quote(TableDef.HIDDEN_ROW_ID));
        }
        sql = text.toString();
        width = Math.max(1, selected.size());
    }

    private BitSet allPartitions() {
        BitSet all = new BitSet();
        if (table.isDistributed()) {
            all.set(0, partitionCount);
        } else {
            all.set(0); // every partition holds a full copy of a reference table
        }
        return all;
    }

    /**
     * The restriction as fragment SQL with parameters, or null for the parts that are not
     * safe to push down. Derby applies the full restriction to the rows a table function
     * returns anyway, so pushing less only costs rows on the wire, never correctness; a
     * constant is pushed only when binding it to a parameter of the column's type cannot
     * change its value (an INTEGER column compared with 5.5, a CHAR(2) with 'abc').
     */
    private String render(Restriction r) {
        if (r instanceof Restriction.AND and) {
            String left = render(and.getLeftChild());
            String right = render(and.getRightChild());
            if (left == null || right == null) {
                return left == null ? right : left;
            }
            return "(" + left + " AND " + right + ")";
        }
        if (r instanceof Restriction.OR or) {
            String left = render(or.getLeftChild());
            String right = render(or.getRightChild());
            return left == null || right == null ? null : "(" + left + " OR " + right + ")";
        }
        Restriction.ColumnQualifier q = (Restriction.ColumnQualifier) r;
        Optional<ColumnDef> column = table.column(q.getColumnName());
        if (column.isEmpty()) {
            return null;
        }
        String name = SqlNames.quote(q.getColumnName());
        int op = q.getComparisonOperator();
        if (op == Restriction.ColumnQualifier.ORDER_OP_ISNULL) {
            return name + " IS NULL";
        }
        if (op == Restriction.ColumnQualifier.ORDER_OP_ISNOTNULL) {
            return name + " IS NOT NULL";
        }
        Object value = neutral(q.getConstantOperand());
        if (op < 0 || op >= OPERATORS.length || !bindsExactly(value, column.get())) {
            return null;
        }
        params.add(value);
        return name + " " + OPERATORS[op] + " ?";
    }

    private static boolean bindsExactly(Object value, ColumnDef column) {
        return switch (KeyEncoder.family(column.jdbcType())) {
            case INTEGER -> value instanceof Integer || value instanceof Long || value instanceof Short;
            case DECIMAL -> value instanceof BigDecimal d && d.scale() <= column.scale()
                    && d.precision() - d.scale() <= column.size() - column.scale()
                    || value instanceof Integer || value instanceof Short;
            case FLOAT -> value instanceof Double || value instanceof Float || value instanceof Integer;
            case TEXT, FIXED_TEXT -> value instanceof String str && str.length() <= column.size();
            case DATE -> value instanceof LocalDate;
            case TIME -> value instanceof LocalTime;
            case TIMESTAMP -> value instanceof LocalDateTime;
            case BOOLEAN -> value instanceof Boolean;
            case UNSUPPORTED -> false;
        };
    }

    /** The partitions an equality (or OR of equalities) on the distribution column allows. */
    private Optional<BitSet> prune(Restriction r) {
        if (r instanceof Restriction.AND and) {
            Optional<BitSet> left = prune(and.getLeftChild());
            Optional<BitSet> right = prune(and.getRightChild());
            if (left.isPresent() && right.isPresent()) {
                BitSet b = (BitSet) left.get().clone();
                b.and(right.get());
                return Optional.of(b);
            }
            return left.isPresent() ? left : right;
        }
        if (r instanceof Restriction.OR or) {
            Optional<BitSet> left = prune(or.getLeftChild());
            Optional<BitSet> right = prune(or.getRightChild());
            if (left.isPresent() && right.isPresent()) {
                BitSet b = (BitSet) left.get().clone();
                b.or(right.get());
                return Optional.of(b);
            }
            return Optional.empty();
        }
        Restriction.ColumnQualifier q = (Restriction.ColumnQualifier) r;
        ColumnDef key = table.distributionColumnDef();
        if (!q.getColumnName().equals(key.name()) || q.getComparisonOperator() != Restriction.ColumnQualifier.ORDER_OP_EQUALS
                || q.getConstantOperand() == null) {
            return Optional.empty();
        }
        return KeyEncoder.encode(neutral(q.getConstantOperand()), KeyEncoder.family(key.jdbcType()))
                .map(bytes -> {
                    BitSet b = new BitSet();
                    b.set(partitioner.partitionOf(bytes));
                    return b;
                });
    }

    private static Object neutral(Object v) {
        if (v instanceof Date d) {
            return d.toLocalDate();
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof Time t) {
            return t.toLocalTime();
        }
        return v;
    }
}
