package org.distdata.node;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.distdata.cluster.ClusterConfig;
import org.distdata.cluster.ClusterMember;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.meta.Proposer;
import org.distdata.raft.ProposalRejectedException;
import org.distdata.raft.ReadMode;
import org.distdata.replication.GroupIds;
import org.distdata.replication.RaftHost;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.codec.PayloadReader;
import org.distdata.transport.codec.PayloadWriter;
import org.distdata.transport.message.MessageType;
import org.distdata.transport.net.NodeTransport;
import org.distdata.transport.net.Reply;

/**
 * Lets any node change metadata: a meta command proposed on a node that does not lead the
 * meta group goes to the leader over the transport, which proposes it and answers with the
 * entry's index; the proposing node then waits until it has applied that index itself. A
 * leadership change meanwhile is followed until the time limit.
 */
final class MetaForwarding implements Proposer {

    private final ClusterConfig cluster;
    private final RaftHost host;
    private final NodeTransport transport;
    private final Duration timeout;

    MetaForwarding(ClusterConfig cluster, RaftHost host, NodeTransport transport, Duration timeout) {
        this.cluster = cluster;
        this.host = host;
        this.transport = transport;
        this.timeout = timeout;
        transport.register(MessageType.META_PROPOSE.code(), frame -> Reply.later(host.propose(GroupIds.META,
                frame.payload()).thenApply(MetaForwarding::encodeIndex)));
        transport.register(MessageType.META_READ_INDEX.code(), frame -> Reply.later(
                host.read(GroupIds.META, ReadMode.LEASE).thenApply(MetaForwarding::encodeIndex)));
    }

    private static byte[] encodeIndex(long index) {
        return new PayloadWriter(10).writeVarLong(index).toByteArray();
    }

    /**
     * The meta group's commit index as its leader confirms it now, asked of the leader
     * wherever it is; -1 when no leader answered within the time limit.
     */
    @Override
    public CompletableFuture<Long> readIndex(long group) {
        return CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() - deadline < 0) {
                long leader = host.leader(GroupIds.META);
                try {
                    if (leader == cluster.self().id()) {
                        return host.read(GroupIds.META, ReadMode.LEASE).get(remaining(deadline), TimeUnit.NANOSECONDS);
                    }
                    String peer = leader == 0 ? null : cluster.members().byId(leader).map(ClusterMember::name).orElse(null);
                    if (peer != null) {
                        byte[] answer = transport.request(peer, MessageType.META_READ_INDEX.code(), GroupIds.META,
                                new byte[0], Duration.ofNanos(remaining(deadline))).get().payload();
                        return new PayloadReader(answer).readVarLong("index");
                    }
                } catch (ExecutionException | TimeoutException | FrameDecodingException e) {
                    // the leadership moved or the leader did not answer: look again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return -1L;
        });
    }

    @Override
    public CompletableFuture<Long> propose(long group, byte[] command) {
        if (group != GroupIds.META) {
            return host.propose(group, command);
        }
        return CompletableFuture.supplyAsync(() -> forward(command));
    }

    private long forward(byte[] command) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() - deadline < 0) {
            long leader = host.leader(GroupIds.META);
            try {
                if (leader == 0 || leader == cluster.self().id()) {
                    return host.propose(GroupIds.META, command).get(remaining(deadline), TimeUnit.NANOSECONDS);
                }
                String peer = cluster.members().byId(leader).map(ClusterMember::name).orElseThrow();
                byte[] answer = transport.request(peer, MessageType.META_PROPOSE.code(), GroupIds.META, command,
                        Duration.ofNanos(remaining(deadline))).get().payload();
                return new PayloadReader(answer).readVarLong("index");
            } catch (ExecutionException e) {
                // refused (not the leader any more), or the leader did not answer: ask again,
                // wherever the leadership is now; a command appended twice is applied as the
                // state machine decides for its proposal id, so repeating it is safe
                last = e.getCause();
            } catch (TimeoutException e) {
                last = e;
            } catch (FrameDecodingException e) {
                throw new DistDataException(ErrorCode.INTERNAL, "the meta leader answered an unreadable index", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DistDataException(ErrorCode.NODE_UNAVAILABLE, "interrupted while proposing metadata");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DistDataException(ErrorCode.NODE_UNAVAILABLE, "interrupted while proposing metadata");
            }
        }
        throw new DistDataException(ErrorCode.NO_QUORUM, "no meta leader took the metadata change within "
                + timeout.toMillis() + " ms" + (last == null ? "" : ": " + last.getMessage()), last);
    }

    private static long remaining(long deadline) {
        return Math.max(1_000_000, deadline - System.nanoTime());
    }
}
