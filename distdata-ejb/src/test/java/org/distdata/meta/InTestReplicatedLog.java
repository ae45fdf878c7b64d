package org.distdata.meta;

import org.distdata.raft.Entry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The smallest replicated log that is honest about ordering: one list of entries; proposing
 * appends to it and hands the new entry to every member's state machine, all under one lock,
 * so every member applies the same entries in the same order (each on its own apply thread).
 */
final class InTestReplicatedLog implements Proposer {
    private final List<Entry> entries = new ArrayList<>();
    private final List<MetaStateMachine> members = new ArrayList<>();

    synchronized void join(MetaStateMachine member) {
        members.add(member);
        if (!entries.isEmpty()) {
            member.apply(MetaStateMachine.GROUP, List.copyOf(entries));
        }
    }

    @Override
    public synchronized CompletableFuture<Long> propose(long group, byte[] command) {
        Entry entry = new Entry(1, entries.size() + 1, Entry.Kind.COMMAND, command);
        entries.add(entry);
        for (MetaStateMachine m : members) {
            m.apply(group, List.of(entry));
        }
        return CompletableFuture.completedFuture(entry.index());
    }

    synchronized int size() {
        return entries.size();
    }
}
