package org.distdata.raft.sim.lin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The call and return events of a sub-history in time order, as the doubly linked list of the
 * Wing & Gong search. Linearizing an operation lifts its call and return out of the list, and
 * backtracking puts them back in place in constant time, which is why it is a hand-made list.
 *
 * <p>Ordering rule: an operation that returns at time t precedes one called at t+1 or later; at
 * equal times calls sort before returns, so an operation returning at t and one called at t are
 * concurrent. That is the permissive choice: it never reports a violation that a finer clock
 * could explain away. An unknown outcome returns at {@code Long.MAX_VALUE}, after everything.
 */
final class EventList {

    /** A call or a return of operation {@code op}; a call knows its return as {@code match}. */
    static final class Event {
        final int op;
        final boolean isCall;
        final long time;
        Event match;
        Event prev;
        Event next;

        private Event(int op, boolean isCall, long time) {
            this.op = op;
            this.isCall = isCall;
            this.time = time;
        }
    }

    private final Event head = new Event(-1, false, Long.MIN_VALUE);

    EventList(List<KvOperation> ops) {
        List<Event> events = new ArrayList<>(2 * ops.size());
        for (int id = 0; id < ops.size(); id++) {
            Event call = new Event(id, true, ops.get(id).call());
            call.match = new Event(id, false, ops.get(id).ret());
            events.add(call);
            events.add(call.match);
        }
        events.sort(Comparator.<Event>comparingLong(e -> e.time)
                .thenComparing(e -> !e.isCall)
                .thenComparingInt(e -> e.op));
        Event last = head;
        for (Event e : events) {
            last.next = e;
            e.prev = last;
            last = e;
        }
    }

    /** The earliest event still in the list, or null when every operation is lifted. */
    Event first() {
        return head.next;
    }

    /** Takes a call and its return out of the list. */
    void lift(Event call) {
        unlink(call);
        unlink(call.match);
    }

    /** Undoes the latest {@link #lift}; lifts must be undone in reverse order. */
    void unlift(Event call) {
        relink(call.match);
        relink(call);
    }

    private static void unlink(Event e) {
        e.prev.next = e.next;
        if (e.next != null) {
            e.next.prev = e.prev;
        }
    }

    private static void relink(Event e) {
        e.prev.next = e;
        if (e.next != null) {
            e.next.prev = e;
        }
    }
}
