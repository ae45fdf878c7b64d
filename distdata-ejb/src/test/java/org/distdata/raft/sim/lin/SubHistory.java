package org.distdata.raft.sim.lin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The operations of a history on one key, in call order, each remembering its position in the
 * full history so that reports can point back to it. The key-value model is P-compositional: a
 * history is linearizable exactly when each key's sub-history is, which is what lets the checker
 * search small sub-histories instead of one large one.
 */
final class SubHistory {
    private final String key;
    private final List<KvOperation> ops;
    private final int[] historyIndex;

    private SubHistory(String key, List<Integer> positions, List<KvOperation> history) {
        this.key = key;
        this.ops = positions.stream().map(history::get).toList();
        this.historyIndex = positions.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Splits {@code history} by key, in key order so that results do not depend on hashing.
     * GETs with an unknown outcome are left out: they neither constrain nor change the state.
     */
    static List<SubHistory> byKey(List<KvOperation> history) {
        TreeMap<String, List<Integer>> positions = new TreeMap<>();
        for (int i = 0; i < history.size(); i++) {
            KvOperation op = history.get(i);
            if (op.kind() == KvOperation.Kind.GET && !op.outcomeKnown()) {
                continue;
            }
            positions.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(i);
        }
        List<SubHistory> result = new ArrayList<>();
        positions.forEach((key, list) -> {
            list.sort(Comparator.<Integer>comparingLong(i -> history.get(i).call()).thenComparing(i -> i));
            result.add(new SubHistory(key, list, history));
        });
        return result;
    }

    String key() {
        return key;
    }

    /** The operations in call order; an operation's index in this list is its id in the search. */
    List<KvOperation> ops() {
        return ops;
    }

    int size() {
        return ops.size();
    }

    KvOperation op(int id) {
        return ops.get(id);
    }

    /** Where the operation sits in the full history, as reports cite it: {@code #17}. */
    String ref(int id) {
        return "#" + historyIndex[id];
    }

    /** The operation as a report line: {@code #17 c3 [120, 135] GET -> "a"}. */
    String label(int id) {
        return ref(id) + " " + ops.get(id).describe();
    }
}
