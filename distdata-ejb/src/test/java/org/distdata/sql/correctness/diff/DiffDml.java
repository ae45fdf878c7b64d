package org.distdata.sql.correctness.diff;

import org.distdata.sql.correctness.diff.DiffTable.Column;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates the INSERT, UPDATE and DELETE statements mixed into the differential stream:
 * single-row and multi-row inserts with fresh keys, updates of non-key columns (on one key,
 * or on a predicate that spans partitions, or on the reference table) and deletes by key or
 * by predicate. Distribution keys are never updated, so no row has to move.
 */
final class DiffDml {
    private final DiffValues v;
    private final DiffExpressions x;
    private final DiffData data;

    DiffDml(DiffValues values, DiffExpressions expressions, DiffData data) {
        this.v = values;
        this.x = expressions;
        this.data = data;
    }

    DiffOperation next(int index) {
        return switch (v.between(0, 9)) {
            case 0, 1, 2 -> insert(index);
            case 3, 4, 5, 6 -> update(index);
            default -> delete(index);
        };
    }

    private DiffOperation insert(int index) {
        int kind = v.between(0, 3);
        if (kind == 3) {
            // a multi-row VALUES list whose rows land in different partitions
            List<Object> params = new ArrayList<>();
            List<String> rows = new ArrayList<>();
            int n = v.between(2, 4);
            for (int i = 0; i < n; i++) {
                params.addAll(data.order().params());
                rows.add("(?, ?, ?, ?, ?, ?)");
            }
            return DiffOperation.dml(index, DiffCategory.INSERT, "INSERT INTO orders ("
                    + String.join(", ", DiffSchema.ORDER_COLUMNS) + ") VALUES " + String.join(", ", rows), params);
        }
        var statement = switch (kind) {
            case 0 -> data.customer();
            case 1 -> data.order();
            default -> data.payment();
        };
        return DiffOperation.dml(index, DiffCategory.INSERT, statement.sql(), statement.params());
    }

    private DiffOperation update(int index) {
        return switch (v.between(0, 4)) {
            case 0 -> DiffOperation.dml(index, DiffCategory.UPDATE, "UPDATE customers SET score = score + 0.25, "
                    + "city = ? WHERE id = ?", List.of(v.pick(DiffValues.CITIES), data.someCustomerId()));
            case 1 -> DiffOperation.dml(index, DiffCategory.UPDATE, "UPDATE orders SET status = '"
                    + v.pick(DiffValues.STATUSES) + "', amount = amount + 1.25 WHERE "
                    + predicate(DiffTable.ORDERS, "orders"), List.of());
            case 2 -> DiffOperation.dml(index, DiffCategory.UPDATE, "UPDATE orders SET qty = COALESCE(qty, 0) + 1 "
                    + "WHERE cust_id = " + data.someCustomerId(), List.of());
            case 3 -> DiffOperation.dml(index, DiffCategory.UPDATE, "UPDATE regions SET tax = tax + 0.50 WHERE "
                    + "region_id = " + v.between(1, DiffValues.REGIONS), List.of());
            default -> DiffOperation.dml(index, DiffCategory.UPDATE, "UPDATE payments SET paid = paid * 2, method = "
                    + "NULL WHERE " + predicate(DiffTable.PAYMENTS, "payments"), List.of());
        };
    }

    private DiffOperation delete(int index) {
        return switch (v.between(0, 3)) {
            case 0 -> DiffOperation.dml(index, DiffCategory.DELETE, "DELETE FROM customers WHERE id = ?",
                    List.of(data.someCustomerId()));
            case 1 -> DiffOperation.dml(index, DiffCategory.DELETE, "DELETE FROM orders WHERE "
                    + predicate(DiffTable.ORDERS, "orders"), List.of());
            case 2 -> DiffOperation.dml(index, DiffCategory.DELETE, "DELETE FROM payments WHERE "
                    + predicate(DiffTable.PAYMENTS, "payments"), List.of());
            default -> DiffOperation.dml(index, DiffCategory.DELETE, "DELETE FROM orders WHERE cust_id = "
                    + data.someCustomerId() + " AND oid > " + v.between(1, 700), List.of());
        };
    }

    /**
     * A narrow predicate (so DML does not wipe tables) on the unaliased table; column names
     * are qualified with the table name one time in four, plain otherwise.
     */
    private String predicate(DiffTable t, String tableName) {
        String qualifier = v.chance(0.25) ? tableName + "." : "";
        List<Column> unaliased = t.columns().stream().map(c -> new Column(tableName, c.name(), c.kind())).toList();
        String p = x.comparison(v.pick(unaliased));
        if (qualifier.isEmpty()) {
            p = p.replace(tableName + ".", "");
        }
        int lo = v.between(1, 650);
        return "(" + p + ") AND " + qualifier + t.uniqueColumn() + " BETWEEN " + lo + " AND " + (lo + v.between(0, 120));
    }
}
