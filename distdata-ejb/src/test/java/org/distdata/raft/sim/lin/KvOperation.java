package org.distdata.raft.sim.lin;

import java.util.Objects;

/**
 * One client operation on the replicated key-value store, as the client saw it: who issued it,
 * on which key, what it asked for, what came back, and when it was called and returned on the
 * simulated clock. An operation whose client timed out has an unknown outcome: it returns at
 * "+infinity" ({@code ret == Long.MAX_VALUE}), any output is acceptable, and it may have taken
 * effect at any time after its call or not at all. Build instances with the static factories and
 * {@link #withUnknownOutcome()}; the canonical constructor checks that the fields fit the kind.
 *
 * @param clientId     the client that issued the operation
 * @param key          the key it touches; the checker verifies each key on its own
 * @param kind         what the operation does
 * @param value        PUT and APPEND: the value written; CAS: the new value
 * @param expected     CAS only: the value the key must hold for the swap (null: absent)
 * @param output       GET: the value read (null: absent); CAS: "true" or "false"; otherwise null
 * @param call         when the client issued the operation
 * @param ret          when the client got the answer; {@code Long.MAX_VALUE} if it never did
 * @param outcomeKnown false when the client timed out, so output and effect are unknown
 */
public record KvOperation(int clientId, String key, Kind kind, String value, String expected,
                          String output, long call, long ret, boolean outcomeKnown) {

    /** The operations of the key-value model; see {@link KvModel} for their semantics. */
    public enum Kind { GET, PUT, APPEND, CAS }

    public KvOperation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        if (!outcomeKnown) {
            ret = Long.MAX_VALUE;
            output = null;
        }
        if (ret < call) {
            throw new IllegalArgumentException("returns (" + ret + ") before its call (" + call + ")");
        }
        // A known outcome at +infinity would sort among the unknown ones and could be wrongly
        // required to precede them.
        if (outcomeKnown && ret == Long.MAX_VALUE) {
            throw new IllegalArgumentException("a known outcome needs a finite return time; use withUnknownOutcome()");
        }
        if (kind != Kind.GET && value == null) {
            throw new IllegalArgumentException(kind + " needs a value");
        }
        if (outcomeKnown && kind == Kind.CAS && !"true".equals(output) && !"false".equals(output)) {
            throw new IllegalArgumentException("a CAS outputs \"true\" or \"false\", not " + output);
        }
    }

    public static KvOperation get(int clientId, String key, String output, long call, long ret) {
        return new KvOperation(clientId, key, Kind.GET, null, null, output, call, ret, true);
    }

    public static KvOperation put(int clientId, String key, String value, long call, long ret) {
        return new KvOperation(clientId, key, Kind.PUT, value, null, null, call, ret, true);
    }

    public static KvOperation append(int clientId, String key, String value, long call, long ret) {
        return new KvOperation(clientId, key, Kind.APPEND, value, null, null, call, ret, true);
    }

    public static KvOperation cas(int clientId, String key, String expected, String newValue,
                                  boolean swapped, long call, long ret) {
        return new KvOperation(clientId, key, Kind.CAS, newValue, expected, String.valueOf(swapped), call, ret, true);
    }

    /** The same request as seen by a client that timed out waiting for the answer. */
    public KvOperation withUnknownOutcome() {
        return new KvOperation(clientId, key, kind, value, expected, null, call, Long.MAX_VALUE, false);
    }

    /** Reads like {@code c3 [120, 135] GET -> "a"}; the key is left out because reports group by key. */
    public String describe() {
        String interval = "[" + call + ", " + (outcomeKnown ? String.valueOf(ret) : "...") + "]";
        String request = switch (kind) {
            case GET -> "GET";
            case PUT -> "PUT " + quote(value);
            case APPEND -> "APPEND " + quote(value);
            case CAS -> "CAS " + quote(expected) + " -> " + quote(value);
        };
        String answer;
        if (!outcomeKnown) {
            answer = " (outcome unknown)";
        } else if (kind == Kind.GET) {
            answer = " -> " + quote(output);
        } else if (kind == Kind.CAS) {
            answer = " : " + output;
        } else {
            answer = "";
        }
        return "c" + clientId + " " + interval + " " + request + answer;
    }

    @Override
    public String toString() {
        return "key " + quote(key) + " " + describe();
    }

    static String quote(String s) {
        return s == null ? "absent" : '"' + s + '"';
    }
}
