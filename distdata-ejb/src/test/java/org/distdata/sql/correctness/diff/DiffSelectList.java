package org.distdata.sql.correctness.diff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The output list of a generated SELECT: items named {@code e1, e2, ...} in order, remembering
 * which positions are approximate (computed in DOUBLE) and compared with a tolerance.
 */
final class DiffSelectList {
    final List<String> items = new ArrayList<>();
    final Set<Integer> approx = new HashSet<>();

    void add(String sql, boolean approximate) {
        if (approximate) {
            approx.add(items.size());
        }
        items.add(sql + " AS e" + (items.size() + 1));
    }

    int size() {
        return items.size();
    }

    String sql() {
        return String.join(", ", items);
    }
}
