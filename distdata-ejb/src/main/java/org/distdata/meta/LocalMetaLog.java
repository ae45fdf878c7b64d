package org.distdata.meta;

import org.distdata.raft.Entry;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The meta log of a single node without Raft: a command becomes the next entry of a log that
 * exists only as this node's applied index, and is applied at once on the caller's thread
 * through the same {@link MetaStateMachine} path as replicated entries (encoded, decoded,
 * one transaction with the index). Submissions are serialized, so a check and the change it
 * guards (the last admin) cannot interleave.
 *
 * <p>A node that has run with this log has applied indexes no Raft log shares; it cannot
 * later join a meta group with its database as it is.
 */
public final class LocalMetaLog implements MetaLog {
    private final MetaStateMachine stateMachine;

    public LocalMetaLog(MetaStateMachine stateMachine) {
        this.stateMachine = stateMachine;
    }

    @Override
    public synchronized void submit(MetaCommand command) {
        long id = ThreadLocalRandom.current().nextLong();
        byte[] bytes = MetaCodec.encode(new MetaProposal(id, command));
        long index = stateMachine.appliedIndex(MetaStateMachine.GROUP) + 1;
        CompletableFuture<MetaOutcome> outcome = stateMachine.expect(id);
        try {
            stateMachine.applyInOrder(List.of(new Entry(1, index, Entry.Kind.COMMAND, bytes)));
            outcome.join().throwIfRefused();
        } finally {
            stateMachine.forget(id);
        }
    }
}
