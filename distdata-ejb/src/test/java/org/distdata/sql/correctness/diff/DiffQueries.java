package org.distdata.sql.correctness.diff;

import org.distdata.sql.correctness.diff.DiffTable.Column;
import org.distdata.sql.correctness.diff.DiffTable.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Generates the random SELECTs of the differential stream: picks a shape by weight and
 * hands it to the generator for that family (single-table shapes are here; aggregates,
 * joins, multi-table joins and subqueries have their own classes). Every ORDER BY generated
 * is total (it ends with unique columns, or orders by every output column of a DISTINCT or
 * GROUP BY), so ordered results compare row by row and OFFSET/FETCH pick the same rows on any
 * correct engine.
 */
final class DiffQueries {
    private final DiffClauses k;
    private final DiffValues v;
    private final DiffExpressions x;
    private final DiffAggregates aggregates;
    private final DiffJoins joins;
    private final DiffMultiJoins multiJoins;
    private final DiffSubqueries subqueries;

    /** A query shape and how often it comes up, out of the sum of all weights. */
    private record Shape(int weight, IntFunction<DiffOperation> generator) {
    }

    private final List<Shape> shapes;
    private final int totalWeight;

    DiffQueries(DiffValues values, DiffExpressions expressions, DiffData data) {
        this.k = new DiffClauses(values, expressions, data);
        this.v = values;
        this.x = expressions;
        this.aggregates = new DiffAggregates(k);
        this.joins = new DiffJoins(k, aggregates);
        this.multiJoins = new DiffMultiJoins(k, joins);
        this.subqueries = new DiffSubqueries(k);
        this.shapes = List.of(
                new Shape(4, i -> projection(i, false)),
                new Shape(7, i -> projection(i, true)),
                new Shape(8, this::pointLookup),
                new Shape(8, joins::pruned),
                new Shape(5, this::orderLimit),
                new Shape(4, joins::topN),
                new Shape(4, i -> aggregates.topGroups(i, groupedTable())),
                new Shape(4, this::distinct),
                new Shape(8, i -> aggregates.global(i, anyTable())),
                new Shape(8, i -> aggregates.groupBy(i, groupedTable())),
                new Shape(5, joins::colocated),
                new Shape(4, joins::reference),
                new Shape(4, joins::nonColocated),
                new Shape(7, multiJoins::multi),
                new Shape(4, multiJoins::manyToMany),
                new Shape(8, subqueries::in),
                new Shape(8, subqueries::exists));
        this.totalWeight = shapes.stream().mapToInt(Shape::weight).sum();
    }

    DiffOperation next(int index) {
        int r = v.between(0, totalWeight - 1);
        for (Shape s : shapes) {
            r -= s.weight();
            if (r < 0) {
                return s.generator().apply(index);
            }
        }
        throw new AssertionError("weights");
    }

    private DiffTable anyTable() {
        return v.pick(List.of(DiffTable.CUSTOMERS, DiffTable.ORDERS, DiffTable.ORDERS, DiffTable.PAYMENTS,
                DiffTable.REGIONS));
    }

    private DiffTable groupedTable() {
        return v.pick(List.of(DiffTable.CUSTOMERS, DiffTable.ORDERS, DiffTable.PAYMENTS));
    }

    DiffOperation projection(int index, boolean filtered) {
        DiffTable t = anyTable();
        DiffSelectList select = k.scalars(t.columns(), v.between(1, 4));
        String where = filtered || v.chance(0.5) ? " WHERE " + x.predicate(t.columns(), filtered ? 2 : 0) : "";
        return DiffClauses.op(index, filtered ? DiffCategory.FILTER : DiffCategory.PROJECTION,
                "SELECT " + select.sql() + " FROM " + t.from() + where, false, select.approx);
    }

    /**
     * The distribution key pinned by a literal, a parameter, a mixed IN list, or a list of
     * parameters ({@code IN (?, ?, ?)}, {@code = ? OR = ?}); some results aggregated.
     */
    DiffOperation pointLookup(int index) {
        DiffTable t = v.pick(DiffTable.DISTRIBUTED);
        Column key = t.column(t.distributionColumn());
        List<Object> params = new ArrayList<>();
        String pin = switch (v.between(0, 3)) {
            case 0 -> key.ref() + " = " + k.key(t);
            case 1 -> {
                params.add(k.key(t));
                yield key.ref() + " = ?";
            }
            case 2 -> {
                String literals = k.key(t) + ", " + k.key(t);
                params.add(k.key(t));
                yield key.ref() + " IN (" + literals + ", ?)";
            }
            default -> k.pinned(key.ref(), t, params);
        };
        String extra = v.chance(0.3) ? " AND " + x.predicate(t.columns(), 0) : "";
        String base = " FROM " + t.from() + " WHERE " + pin + extra;
        if (v.chance(0.2)) {
            DiffSelectList select = new DiffSelectList();
            aggregates.addAggregates(select, t.columns(), v.between(1, 3));
            return DiffClauses.op(index, DiffCategory.POINT_LOOKUP, "SELECT " + select.sql() + base, false,
                    select.approx, params);
        }
        DiffSelectList select = k.scalars(t.columns(), v.between(1, 3));
        boolean ordered = t == DiffTable.ORDERS || v.chance(0.3);
        if (ordered) {
            select.add(t.unique(), false);
        }
        String order = ordered ? " ORDER BY " + t.unique() + (v.chance(0.3) ? " DESC" : "") : "";
        return DiffClauses.op(index, DiffCategory.POINT_LOOKUP, "SELECT " + select.sql() + base + order, ordered,
                select.approx, params);
    }

    DiffOperation orderLimit(int index) {
        DiffTable t = anyTable();
        DiffSelectList select = k.scalars(t.columns(), v.between(1, 3));
        select.add(t.unique(), false);
        String where = k.where(t.columns(), 0.5, 1);
        List<String> keys = new ArrayList<>();
        int n = v.between(0, 2);
        for (int i = 0; i < n; i++) {
            Column c = v.pick(t.columns());
            keys.add(c.ref() + (v.chance(0.4) ? " DESC" : ""));
        }
        keys.add(t.unique() + (v.chance(0.3) ? " DESC" : ""));
        return DiffClauses.op(index, DiffCategory.ORDER_LIMIT, "SELECT " + select.sql() + " FROM " + t.from() + where
                + " ORDER BY " + String.join(", ", keys) + k.window(), true, select.approx);
    }

    DiffOperation distinct(int index) {
        DiffTable t = anyTable();
        List<Column> columns = t.columns().stream().filter(c -> !c.name().equals(t.uniqueColumn())).toList();
        DiffSelectList select = new DiffSelectList();
        int n = v.between(1, 2);
        for (int i = 0; i < n; i++) {
            Column c = v.pick(columns);
            select.add(c.kind() == Kind.DOUBLE || v.chance(0.6) ? c.ref() : x.scalar(c).sql(), c.approximate());
        }
        String where = k.where(t.columns(), 0.4, 1);
        boolean ordered = v.chance(0.5);
        String order = ordered ? " ORDER BY " + DiffClauses.positions(select.size()) + (v.chance(0.5) ? k.window() : "")
                : "";
        return DiffClauses.op(index, DiffCategory.DISTINCT, "SELECT DISTINCT " + select.sql() + " FROM " + t.from()
                + where + order, ordered, select.approx);
    }
}
