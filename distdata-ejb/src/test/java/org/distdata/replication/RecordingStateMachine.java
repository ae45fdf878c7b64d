package org.distdata.replication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.distdata.raft.Entry;
import org.distdata.raft.Role;
import org.distdata.raft.SnapshotMeta;
import org.distdata.raft.SnapshotSource;

/**
 * A state machine for host tests: per group, the list of commands it applied and the index
 * it reached, kept in memory but treated as durable (a test restarts a host over the same
 * instance, as a node restarts over its Derby databases). Its snapshot is that list as a
 * byte array. It records every role change and every violation of the host's contract:
 * an entry handed over twice or out of order.
 */
final class RecordingStateMachine implements StateMachine {

    /** One call of {@link #roleChanged}. */
    record RoleChange(long group, Role role, long term, long leader) {
    }

    /** Every command applied, "group:command", in order; read by tests from any thread. */
    final List<String> applied = new CopyOnWriteArrayList<>();
    final List<RoleChange> roleChanges = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<Long, List<String>> commands = new TreeMap<>();
    private final Map<Long, Long> appliedIndex = new TreeMap<>();
    private int installs;

    @Override
    public synchronized long appliedIndex(long group) {
        return appliedIndex.getOrDefault(group, 0L);
    }

    @Override
    public synchronized void apply(long group, List<Entry> committed) {
        for (Entry entry : committed) {
            long expected = appliedIndex(group) + 1;
            if (entry.index() != expected) {
                violations.add("group " + group + " got " + entry + " where " + expected + " was next");
            }
            appliedIndex.put(group, entry.index());
            if (entry.kind() == Entry.Kind.COMMAND) {
                String command = new String(entry.data(), StandardCharsets.UTF_8);
                commands.computeIfAbsent(group, g -> new ArrayList<>()).add(command);
                applied.add(group + ":" + command);
            }
        }
    }

    @Override
    public void roleChanged(long group, Role role, long term, long leader) {
        roleChanges.add(new RoleChange(group, role, term, leader));
    }

    @Override
    public synchronized Snapshot snapshot(long group) {
        return new Snapshot(appliedIndex(group), SnapshotSource.of(encode(commands(group))));
    }

    @Override
    public synchronized void installSnapshot(long group, SnapshotMeta meta, SnapshotSource data) {
        byte[] bytes = data.read(0, (int) data.size());
        commands.put(group, decode(bytes));
        appliedIndex.put(group, meta.index());
        installs++;
    }

    /** The commands group {@code group} holds now. */
    synchronized List<String> commands(long group) {
        return List.copyOf(commands.getOrDefault(group, List.of()));
    }

    synchronized int installs() {
        return installs;
    }

    private static byte[] encode(List<String> list) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(list.size());
            for (String s : list) {
                out.writeUTF(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<String> decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            List<String> list = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                list.add(in.readUTF());
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
