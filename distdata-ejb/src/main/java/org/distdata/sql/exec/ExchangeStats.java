package org.distdata.sql.exec;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the exchanges of one statement did, for EXPLAIN ANALYZE: rows routed through an
 * exchange, and of those the rows that changed place. In a repartition, input i and bucket i
 * stand for the same partition, so a row that stays in its input's bucket does not move; a
 * gather moves every row to the gateway. Safe to update from parallel operators.
 */
public final class ExchangeStats {
    private final LongAdder rowsRouted = new LongAdder();
    private final LongAdder rowsMoved = new LongAdder();

    /** Records {@code routed} rows through an exchange, {@code moved} of which changed place. */
    public void record(long routed, long moved) {
        rowsRouted.add(routed);
        rowsMoved.add(moved);
    }

    public long rowsRouted() {
        return rowsRouted.sum();
    }

    public long rowsMoved() {
        return rowsMoved.sum();
    }

    @Override
    public String toString() {
        return "rows routed " + rowsRouted() + ", moved " + rowsMoved();
    }
}
