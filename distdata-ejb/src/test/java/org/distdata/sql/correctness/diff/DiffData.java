package org.distdata.sql.correctness.diff;

import org.distdata.sql.SqlStatement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generates the initial rows as parameterized INSERTs (one statement per row, loaded with a
 * non-atomic batch) and keeps the id counters that later INSERTs continue from, so that
 * generated keys stay unique. Customer ids are sparse; some orders and payments point at
 * customers or orders that do not exist, to give outer joins and IN-subqueries work.
 */
final class DiffData {
    static final int CUSTOMERS = 160;
    static final int ORDERS = 640;
    static final int PAYMENTS = 400;

    private final DiffValues values;
    final List<Long> customerIds = new ArrayList<>();
    long nextCustomerId = 1;
    long nextOrderId = 1;
    long nextPaymentId = 1;

    DiffData(DiffValues values) {
        this.values = values;
    }

    List<SqlStatement> initialRows() {
        List<SqlStatement> rows = new ArrayList<>();
        for (int r = 1; r <= DiffValues.REGIONS; r++) {
            rows.add(new SqlStatement(DiffSchema.insertSql("regions", DiffSchema.REGION_COLUMNS), Arrays.asList(
                    (long) r, values.orNull(values.pick(DiffValues.REGION_NAMES), 0.1), values.orNull(values.decimal(20), 0.1))));
        }
        for (int i = 0; i < CUSTOMERS; i++) {
            rows.add(customer());
        }
        for (int i = 0; i < ORDERS; i++) {
            rows.add(order());
        }
        for (int i = 0; i < PAYMENTS; i++) {
            rows.add(payment());
        }
        return rows;
    }

    SqlStatement customer() {
        long id = nextCustomerId;
        nextCustomerId += values.between(1, 3);
        customerIds.add(id);
        return new SqlStatement(DiffSchema.insertSql("customers", DiffSchema.CUSTOMER_COLUMNS), Arrays.asList(id,
                values.orNull(values.pick(DiffValues.NAMES), 0.08), values.orNull(values.pick(DiffValues.CITIES), 0.1),
                values.orNull(values.quarter(100), 0.1), values.orNull(values.date(), 0.1),
                values.orNull(values.regionId(), 0.1), values.orNull(values.decimal(5000), 0.1)));
    }

    SqlStatement order() {
        return new SqlStatement(DiffSchema.insertSql("orders", DiffSchema.ORDER_COLUMNS), Arrays.asList(nextOrderId++,
                someCustomerId(), values.orNull(values.decimal(900), 0.08), values.orNull((long) values.between(1, 20), 0.1),
                values.orNull(values.pick(DiffValues.STATUSES), 0.08), values.orNull(values.date(), 0.1)));
    }

    SqlStatement payment() {
        return new SqlStatement(DiffSchema.insertSql("payments", DiffSchema.PAYMENT_COLUMNS), Arrays.asList(
                nextPaymentId++, values.orNull(someOrderId(), 0.1), values.orNull(someCustomerId(), 0.1),
                values.orNull(values.pick(DiffValues.METHODS), 0.1), values.orNull(values.quarter(900), 0.1),
                values.orNull(values.date(), 0.1)));
    }

    /** An existing customer id mostly, sometimes one that has no customer row. */
    long someCustomerId() {
        if (customerIds.isEmpty() || values.chance(0.05)) {
            return nextCustomerId + 1000 + values.between(0, 50);
        }
        return values.pick(customerIds);
    }

    long someOrderId() {
        return values.between(1, (int) Math.max(1, nextOrderId + 20));
    }
}
