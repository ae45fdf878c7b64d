package org.distdata.raft.sim.lin;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes up why one key's sub-history is not linearizable, from the longest prefix the search
 * managed to linearize. At the end of that prefix no pending operation fits the state (any one
 * that did would have made a longer prefix), and the pending operation that returns first had
 * to come next; the report shows that operation, its concurrent rivals and why each misfits.
 * Long sub-histories are cut down to the operations around the failure.
 */
final class ViolationReport {
    private static final int FULL_LISTING_LIMIT = 40;
    private static final int PREFIX_TAIL = 10;

    private final SubHistory sub;
    private final int[] prefix;
    private final String[] stateAfter;
    private final BitSet placed = new BitSet();

    private ViolationReport(SubHistory sub, int[] prefix) {
        this.sub = sub;
        this.prefix = prefix;
        this.stateAfter = new String[prefix.length];
        String state = null;
        for (int i = 0; i < prefix.length; i++) {
            state = KvModel.next(state, sub.op(prefix[i]));
            stateAfter[i] = state;
            placed.set(prefix[i]);
        }
    }

    static String write(SubHistory sub, int[] longestPrefix) {
        return new ViolationReport(sub, longestPrefix).text();
    }

    private String text() {
        String state = prefix.length == 0 ? null : stateAfter[prefix.length - 1];
        int due = firstDue();
        List<Integer> rivals = pendingCalledBy(sub.op(due).ret());

        StringBuilder out = new StringBuilder();
        out.append("Not linearizable: key ").append(KvOperation.quote(sub.key()))
                .append(" (").append(sub.size()).append(" operations; #n is the position in the checked history)\n");
        appendOperations(out, rivals);
        out.append("Longest linearizable prefix found (").append(prefix.length).append(" of ")
                .append(sub.size()).append(" operations), with the value after each:\n");
        int from = Math.max(0, prefix.length - PREFIX_TAIL);
        if (from > 0) {
            out.append("  ... ").append(from).append(" earlier operations\n");
        }
        for (int i = from; i < prefix.length; i++) {
            out.append("  ").append(sub.label(prefix[i])).append("  => ").append(KvOperation.quote(stateAfter[i])).append('\n');
        }
        out.append("Nothing can be linearized next from value ").append(KvOperation.quote(state))
                .append("; ").append(sub.ref(due))
                .append(" returned first, so it had to be placed before any later call:\n");
        for (int id : rivals) {
            KvOperation op = sub.op(id);
            String why = KvModel.fits(state, op) ? "fits, but no order after it works" : KvModel.misfit(state, op);
            out.append("  ").append(sub.label(id)).append(": ").append(why).append('\n');
        }
        return out.toString();
    }

    /** The pending known operation with the earliest return: the search's first return event. */
    private int firstDue() {
        int due = -1;
        for (int id = 0; id < sub.size(); id++) {
            KvOperation op = sub.op(id);
            if (!placed.get(id) && op.outcomeKnown() && (due < 0 || op.ret() < sub.op(due).ret())) {
                due = id;
            }
        }
        return due;
    }

    /** Pending operations called no later than {@code time}: the candidates for the next place. */
    private List<Integer> pendingCalledBy(long time) {
        List<Integer> result = new ArrayList<>();
        for (int id = 0; id < sub.size() && sub.op(id).call() <= time; id++) {
            if (!placed.get(id)) {
                result.add(id);
            }
        }
        return result;
    }

    private void appendOperations(StringBuilder out, List<Integer> rivals) {
        TreeSet<Integer> shown = new TreeSet<>();
        if (sub.size() <= FULL_LISTING_LIMIT) {
            for (int id = 0; id < sub.size(); id++) {
                shown.add(id);
            }
            out.append("Operations on ").append(KvOperation.quote(sub.key())).append(" by call time:\n");
        } else {
            for (int i = Math.max(0, prefix.length - PREFIX_TAIL); i < prefix.length; i++) {
                shown.add(prefix[i]);
            }
            shown.addAll(rivals);
            out.append("Operations on ").append(KvOperation.quote(sub.key())).append(" around the failure by call time (")
                    .append(shown.size()).append(" of ").append(sub.size()).append("):\n");
        }
        // Ids are in call order, so the sorted set lists by call time.
        for (int id : shown) {
            out.append("  ").append(sub.label(id)).append('\n');
        }
    }
}
