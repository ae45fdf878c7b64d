package org.distdata.replication;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.distdata.raft.Entry;
import org.distdata.raft.ProposalRejectedException;

/**
 * The proposals of this node's leaders still waiting for their entries to be handed to the
 * state machine, by group and index. An entry applied at a proposal's index with the
 * proposal's term is that proposal; any other entry there means a newer leader overwrote it.
 * Used only on the host's loop thread.
 */
final class Proposals {

    private record Pending(long term, CompletableFuture<Long> result) {
    }

    private final Map<Long, TreeMap<Long, Pending>> byGroup = new TreeMap<>();

    void add(long group, long index, long term, CompletableFuture<Long> result) {
        byGroup.computeIfAbsent(group, g -> new TreeMap<>()).put(index, new Pending(term, result));
    }

    /** {@code entries} of {@code group} were handed to the state machine. */
    void applied(long group, List<Entry> entries, long leaderHint) {
        TreeMap<Long, Pending> waiting = byGroup.get(group);
        if (waiting == null || waiting.isEmpty()) {
            return;
        }
        for (Entry entry : entries) {
            Iterator<Map.Entry<Long, Pending>> it = waiting.headMap(entry.index(), true).entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, Pending> p = it.next();
                if (p.getKey() == entry.index() && p.getValue().term() == entry.term()) {
                    p.getValue().result().complete(entry.index());
                } else {
                    p.getValue().result().completeExceptionally(new ProposalRejectedException(
                            ProposalRejectedException.Reason.NOT_LEADER, leaderHint,
                            "the entry at index " + p.getKey() + " was overwritten by a newer leader"));
                }
                it.remove();
            }
        }
    }

    /** A snapshot replaced the log of {@code group} up to {@code index}: what those proposals became is unknown. */
    void coveredBySnapshot(long group, long index) {
        TreeMap<Long, Pending> waiting = byGroup.get(group);
        if (waiting == null) {
            return;
        }
        Map<Long, Pending> covered = waiting.headMap(index, true);
        covered.forEach((i, p) -> p.result().completeExceptionally(new ProposalOutcomeUnknownException(
                "group " + group + " installed a snapshot covering index " + i + " before seeing its entry")));
        covered.clear();
    }

    /** Fails every proposal of {@code group} (removed), or of every group when {@code group} is null. */
    void failAll(Long group, Throwable cause) {
        for (Map.Entry<Long, TreeMap<Long, Pending>> g : byGroup.entrySet()) {
            if (group == null || group.equals(g.getKey())) {
                g.getValue().values().forEach(p -> p.result().completeExceptionally(cause));
                g.getValue().clear();
            }
        }
    }
}
