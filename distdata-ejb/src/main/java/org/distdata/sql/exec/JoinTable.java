package org.distdata.sql.exec;

import java.util.Arrays;
import java.util.List;

/**
 * The build side of a hash join: its rows chained by key hash in flat primitive arrays, so that
 * building over a million rows allocates a few arrays and no object per row, and a probe
 * touches as few cache lines as possible. Rows with a NULL key are counted but not chained,
 * since they match nothing. Immutable once built, so one table may be probed from several
 * threads.
 */
final class JoinTable {
    private static final long EMPTY = -1L;

    private final Object[][] rows;
    private final int[] keys;
    /** Slot -> the key hash (high half) and row index (low half) of its first row; EMPTY when none. */
    private final long[] heads;
    /** Row index -> next row index in its slot's chain, or -1. */
    private final int[] next;
    /** Row index -> key hash. */
    private final int[] hashes;
    /**
     * Row index -> key value, when the key is one column holding only integral numbers (ids,
     * most often): a probe with an integral key then compares longs without reading the row.
     */
    private final long[] integralKeys;
    private final int shift;
    private final int nullKeyRows;

    private JoinTable(List<Object[]> rows, int[] keys) {
        this.rows = rows.toArray(new Object[0][]);
        this.keys = keys.clone();
        int n = this.rows.length;
        int slots = Integer.highestOneBit(Math.max(1, n) * 2 - 1) << 1; // a power of two >= 2n
        this.shift = 32 - Integer.numberOfTrailingZeros(slots);
        this.heads = new long[slots];
        Arrays.fill(heads, EMPTY);
        this.next = new int[n];
        this.hashes = new int[n];
        long[] integral = keys.length == 1 ? new long[n] : null;
        int nulls = 0;
        // Backwards, so that each chain lists its rows in input order.
        for (int i = n - 1; i >= 0; i--) {
            Object[] row = this.rows[i];
            if (JoinKey.hasNull(row, keys)) {
                nulls++;
                continue;
            }
            if (integral != null) {
                Object v = row[keys[0]];
                if (isIntegral(v)) {
                    integral[i] = ((Number) v).longValue();
                } else {
                    integral = null;
                }
            }
            int h = JoinKey.hash(row, keys);
            int s = slot(h);
            hashes[i] = h;
            next[i] = (int) heads[s];
            heads[s] = ((long) h << 32) | (i & 0xFFFFFFFFL);
        }
        this.integralKeys = integral;
        this.nullKeyRows = nulls;
    }

    static JoinTable build(List<Object[]> rows, int[] keys) {
        return new JoinTable(rows, keys);
    }

    /** All build rows, NULL keys included. */
    int size() {
        return rows.length;
    }

    int nullKeyRows() {
        return nullKeyRows;
    }

    Object[] row(int index) {
        return rows[index];
    }

    /**
     * The first build row matching {@code probe}'s key, whose hash is {@code hash}, or -1.
     * The probe key must not hold a NULL.
     */
    int first(Object[] probe, int[] probeKeys, int hash) {
        long head = heads[slot(hash)];
        int i = (int) head;
        if (i < 0) {
            return -1;
        }
        if ((int) (head >>> 32) == hash && keyMatches(i, probe, probeKeys)) {
            return i;
        }
        return find(next[i], probe, probeKeys, hash);
    }

    /** The next build row after {@code index} matching the same probe key, or -1. */
    int next(int index, Object[] probe, int[] probeKeys, int hash) {
        return find(next[index], probe, probeKeys, hash);
    }

    private int find(int from, Object[] probe, int[] probeKeys, int hash) {
        for (int i = from; i >= 0; i = next[i]) {
            if (hashes[i] == hash && keyMatches(i, probe, probeKeys)) {
                return i;
            }
        }
        return -1;
    }

    private boolean keyMatches(int index, Object[] probe, int[] probeKeys) {
        if (integralKeys != null) {
            Object v = probe[probeKeys[0]];
            if (isIntegral(v)) {
                return integralKeys[index] == ((Number) v).longValue();
            }
        }
        return JoinKey.matches(probe, probeKeys, rows[index], keys);
    }

    private static boolean isIntegral(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
    }

    /**
     * Fibonacci hashing: the slot comes from the high bits of the product, so it does not reuse
     * the low bits that an exchange already spent choosing this table's bucket.
     */
    private int slot(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }
}
