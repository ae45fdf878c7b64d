package org.distdata.raft.sim.lin;

import org.distdata.raft.sim.lin.EventList.Event;
import org.distdata.raft.sim.lin.LinearizabilityResult.Verdict;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Wing & Gong backtracking search for a linearization of one key's sub-history, with Lowe's
 * memoization, as in Porcupine's {@code checkSingle}. It walks the event list from the front,
 * trying each pending call in turn; the first return it meets belongs to an operation that must
 * be linearized before anything later, so meeting it means backtracking. A set of (linearized
 * operations, state) configurations already explored prunes the search: reaching one again from
 * a different order cannot succeed where the first visit failed.
 *
 * <p>Unknown outcomes return at +infinity, so nothing ever has to follow them and the search stops
 * as soon as every known operation is linearized: the unknown ones left over are the writes that
 * never took effect (or took effect after everything, which nobody could observe).
 */
final class KeyHistorySearch {

    /**
     * How the search ended: the verdict, the steps it took (one per event visited), and the
     * longest prefix it linearized, as operation ids in linearization order.
     */
    record Outcome(Verdict verdict, long steps, int[] longestPrefix) {
    }

    private record Configuration(BitSet linearized, String state) {
    }

    private final List<KvOperation> ops;
    private final EventList events;
    private final BitSet linearized;
    private final Set<Configuration> explored = new HashSet<>();
    // The backtracking stack: the call lifted at each depth and the state before it.
    private final Event[] lifted;
    private final String[] stateBefore;
    private final int[] order;
    private int depth;
    private int[] longestPrefix = new int[0];

    private KeyHistorySearch(List<KvOperation> ops) {
        this.ops = ops;
        this.events = new EventList(ops);
        this.linearized = new BitSet(ops.size());
        this.lifted = new Event[ops.size()];
        this.stateBefore = new String[ops.size()];
        this.order = new int[ops.size()];
    }

    /** Searches {@code ops} (one key, in call order) for at most {@code stepBudget} steps. */
    static Outcome run(List<KvOperation> ops, long stepBudget) {
        return new KeyHistorySearch(ops).search(stepBudget);
    }

    private Outcome search(long stepBudget) {
        int knownLeft = (int) ops.stream().filter(KvOperation::outcomeKnown).count();
        String state = null;
        long steps = 0;
        Event event = events.first();
        while (knownLeft > 0) {
            if (steps == stepBudget) {
                return new Outcome(Verdict.UNKNOWN, steps, longestPrefix);
            }
            steps++;
            if (event.isCall) {
                KvOperation op = ops.get(event.op);
                if (KvModel.fits(state, op)) {
                    String after = KvModel.next(state, op);
                    linearized.set(event.op);
                    if (explored.add(new Configuration((BitSet) linearized.clone(), after))) {
                        push(event, state);
                        if (op.outcomeKnown()) {
                            knownLeft--;
                        }
                        state = after;
                        event = events.first();
                        continue;
                    }
                    linearized.clear(event.op);
                }
                event = event.next;
            } else {
                if (depth == 0) {
                    return new Outcome(Verdict.NOT_LINEARIZABLE, steps, longestPrefix);
                }
                Event call = lifted[--depth];
                state = stateBefore[depth];
                linearized.clear(call.op);
                events.unlift(call);
                if (ops.get(call.op).outcomeKnown()) {
                    knownLeft++;
                }
                event = call.next;
            }
        }
        return new Outcome(Verdict.LINEARIZABLE, steps, Arrays.copyOf(order, depth));
    }

    private void push(Event call, String state) {
        lifted[depth] = call;
        stateBefore[depth] = state;
        order[depth] = call.op;
        depth++;
        events.lift(call);
        if (depth > longestPrefix.length) {
            longestPrefix = Arrays.copyOf(order, depth);
        }
    }
}
