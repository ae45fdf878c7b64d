package org.distdata.meta;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.raft.ProposalRejectedException;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The meta log of a cluster node: proposes each command to the meta Raft group (group 0)
 * and waits until this node's {@link MetaStateMachine} has applied it, so the proposer
 * reads its own write. A proposal the group refuses, or one not committed in time, is
 * NO_QUORUM; a committed one this node has not applied in time is NODE_UNAVAILABLE. After a
 * timeout the command may still be committed and take effect: the error says so.
 */
public final class ReplicatedMetaLog implements MetaLog {
    private final Proposer proposer;
    private final MetaStateMachine stateMachine;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    public ReplicatedMetaLog(Proposer proposer, MetaStateMachine stateMachine, Duration timeout) {
        this.proposer = proposer;
        this.stateMachine = stateMachine;
        this.timeout = timeout;
    }

    @Override
    public void submit(MetaCommand command) {
        long id = random.nextLong();
        byte[] bytes = MetaCodec.encode(new MetaProposal(id, command));
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<MetaOutcome> outcome = stateMachine.expect(id);
        try {
            long index = commit(bytes);
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!stateMachine.awaitApplied(index, left)) {
                throw new DistDataException(ErrorCode.NODE_UNAVAILABLE, "the metadata change was committed at index "
                        + index + " but this node has not applied it within " + timeout + "; it will take effect");
            }
            MetaOutcome result = outcome.getNow(null);
            if (result == null) {
                throw new DistDataException(ErrorCode.INTERNAL,
                        "meta log index " + index + " was applied without this node's proposal " + id);
            }
            result.throwIfRefused();
        } finally {
            stateMachine.forget(id);
        }
    }

    @Override
    public boolean awaitLatest() {
        try {
            long index = proposer.readIndex(MetaStateMachine.GROUP).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return index > 0 && stateMachine.awaitApplied(index, timeout);
        } catch (ExecutionException | TimeoutException e) {
            return false; // no confirmed index: the caller goes on with what this node has applied
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private long commit(byte[] bytes) {
        try {
            return proposer.propose(MetaStateMachine.GROUP, bytes).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProposalRejectedException r) {
                throw new DistDataException(ErrorCode.NO_QUORUM, "the meta group refused the metadata change ("
                        + r.reason() + "): " + r.getMessage(), r);
            }
            if (cause instanceof DistDataException d) {
                throw d;
            }
            throw new DistDataException(ErrorCode.NO_QUORUM,
                    "the metadata change could not be proposed to the meta group: " + cause, cause);
        } catch (TimeoutException e) {
            throw new DistDataException(ErrorCode.NO_QUORUM, "the metadata change was not committed within "
                    + timeout + " (no meta leader with a quorum?); it may still take effect", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistDataException(ErrorCode.NODE_UNAVAILABLE,
                    "interrupted while proposing a metadata change; it may still take effect", e);
        }
    }
}
