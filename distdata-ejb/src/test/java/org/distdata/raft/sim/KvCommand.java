package org.distdata.raft.sim;

import java.nio.charset.StandardCharsets;

import org.distdata.raft.sim.lin.KvOperation;

/**
 * A client operation as it travels through the log: the operation id makes every command
 * unique, so a node can tell whether the entry applied at an index is the one it proposed.
 */
record KvCommand(long opId, KvOperation.Kind kind, String key, String value, String expected) {

    private static final String NULL = "\u0000";

    byte[] encode() {
        return String.join("\t", Long.toString(opId), kind.name(), key, orNull(value), orNull(expected))
                .getBytes(StandardCharsets.UTF_8);
    }

    static KvCommand decode(byte[] data) {
        String[] f = new String(data, StandardCharsets.UTF_8).split("\t", -1);
        return new KvCommand(Long.parseLong(f[0]), KvOperation.Kind.valueOf(f[1]), f[2], fromNull(f[3]), fromNull(f[4]));
    }

    private static String orNull(String s) {
        return s == null ? NULL : s;
    }

    private static String fromNull(String s) {
        return NULL.equals(s) ? null : s;
    }
}
