package org.distdata.raft.sim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The replicated state machine of the simulation: a map from keys to string values. */
final class KvStore {

    private final TreeMap<String, String> data = new TreeMap<>();

    /** Applies a command and returns its output: the value for GET, "true"/"false" for CAS. */
    String apply(KvCommand c) {
        String current = data.get(c.key());
        return switch (c.kind()) {
            case GET -> current;
            case PUT -> {
                data.put(c.key(), c.value());
                yield null;
            }
            case APPEND -> {
                data.put(c.key(), (current == null ? "" : current) + c.value());
                yield null;
            }
            case CAS -> {
                if (Objects.equals(current, c.expected())) {
                    data.put(c.key(), c.value());
                    yield "true";
                }
                yield "false";
            }
        };
    }

    String get(String key) {
        return data.get(key);
    }

    byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(data.size());
            for (Map.Entry<String, String> e : data.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static KvStore restore(byte[] snapshot) {
        KvStore store = new KvStore();
        if (snapshot == null || snapshot.length == 0) {
            return store;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                store.data.put(in.readUTF(), in.readUTF());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }
}
