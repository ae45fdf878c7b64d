package org.distdata.raft.sim.lin;

import java.util.Objects;

import static org.distdata.raft.sim.lin.KvOperation.quote;

/**
 * The sequential specification of one key of the store: the state is a string, or null when the
 * key is absent, and each operation either fits the state (and moves it on) or does not. The
 * checker asks this model whether an operation may be linearized at a given point. An operation
 * with an unknown outcome always fits, since any answer was acceptable; a CAS among them still
 * swaps only if the expected value matches.
 */
final class KvModel {
    private KvModel() {
    }

    static boolean fits(String state, KvOperation op) {
        if (!op.outcomeKnown()) {
            return true;
        }
        return switch (op.kind()) {
            case GET -> Objects.equals(op.output(), state);
            case PUT, APPEND -> true;
            case CAS -> op.output().equals(String.valueOf(Objects.equals(state, op.expected())));
        };
    }

    /** The state after {@code op}; only meaningful when {@link #fits} holds. */
    static String next(String state, KvOperation op) {
        return switch (op.kind()) {
            case GET -> state;
            case PUT -> op.value();
            case APPEND -> (state == null ? "" : state) + op.value();
            case CAS -> Objects.equals(state, op.expected()) ? op.value() : state;
        };
    }

    /** Why {@code op} does not fit {@code state}, in words for a failure report. */
    static String misfit(String state, KvOperation op) {
        return switch (op.kind()) {
            case GET -> "read " + quote(op.output()) + " but the value is " + quote(state);
            case CAS -> "true".equals(op.output())
                    ? "swapped but the value is " + quote(state) + ", not " + quote(op.expected())
                    : "failed but the value is the expected " + quote(state);
            case PUT, APPEND -> "always fits";
        };
    }
}
