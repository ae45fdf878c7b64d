package org.distdata.replication.partition;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.distdata.partition.NotLeaderException;
import org.distdata.raft.ProposalRejectedException;
import org.distdata.replication.GroupIds;
import org.distdata.replication.RaftGroups;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.codec.PayloadReader;
import org.distdata.transport.codec.PayloadWriter;
import org.distdata.transport.message.MessageType;
import org.distdata.transport.net.NodeTransport;
import org.distdata.transport.net.Reply;

/**
 * Checksums of partition replicas for the consistency check. Asked with no index, the
 * partition's leader appends a checksum entry to the group and answers with its own checksum
 * at that entry's index; asked with an index, any replica answers once it has applied that
 * far. So every replica checksums the same log position while writes go on. Served to other
 * nodes as {@link MessageType#REPLICA_CHECKSUM}.
 */
public final class ReplicaChecksums {

    /** One replica's answer: its checksum, or why it has none. */
    public record Answer(PartitionChecksum checksum, String error) {
        static Answer failed(String error) {
            return new Answer(null, error);
        }
    }

    private final RaftGroups groups;
    private final PartitionStateMachine replicas;

    public ReplicaChecksums(RaftGroups groups, PartitionStateMachine replicas) {
        this.groups = groups;
        this.replicas = replicas;
    }

    /**
     * This node's checksum of {@code partition} for round {@code checkId}: at a new entry it
     * appends as the leader when {@code index} is negative, else at {@code index}.
     */
    public Answer local(int partition, long checkId, long index, Duration wait) {
        if (replicas.appliedIndexOf(partition) < 0) {
            return Answer.failed("node " + groups.self() + " holds no replica of partition " + partition);
        }
        long at = index;
        try {
            if (at < 0) {
                at = groups.propose(GroupIds.ofPartition(partition),
                        PartitionCommandCodec.encode(new PartitionCommand.Checksum(checkId)))
                        .get(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (!replicas.awaitApplied(partition, at, wait)) {
                return Answer.failed(replicas.divergence(partition).map(d -> "stopped applying: " + d)
                        .orElse("did not apply index " + at + " within " + wait.toMillis() + " ms"));
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProposalRejectedException r) {
                throw new NotLeaderException(partition, r.leaderHint());
            }
            return Answer.failed(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            return Answer.failed("no quorum to append the checksum entry within " + wait.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed("interrupted");
        }
        PartitionChecksum sum = replicas.checksum(partition, checkId).orElse(null);
        if (sum != null) {
            return new Answer(sum, null);
        }
        return Answer.failed(replicas.checksumError(partition, checkId)
                .orElse("no checksum for round " + checkId + " at index " + at));
    }

    /** Answers other nodes' checksum requests on {@code transport}, working on {@code executor}. */
    public void serveOn(NodeTransport transport, Executor executor) {
        transport.register(MessageType.REPLICA_CHECKSUM.code(), frame -> {
            PayloadReader in = new PayloadReader(frame.payload());
            int partition = in.readVarInt("partition");
            long checkId = in.readVarLong("checkId");
            long index = in.readZigZagLong("index");
            Duration wait = Duration.ofMillis(in.readVarLong("waitMillis"));
            return Reply.later(CompletableFuture.supplyAsync(() -> {
                try {
                    return encode(local(partition, checkId, index, wait), 0);
                } catch (NotLeaderException e) {
                    return encode(Answer.failed(e.getMessage()), e.leaderHint());
                }
            }, executor));
        });
    }

    /** Asks {@code peer} (a node name) for its answer; a transport failure is an answer too. */
    public static Answer remote(NodeTransport transport, String peer, int partition, long checkId, long index,
                                Duration wait) {
        byte[] request = new PayloadWriter(32).writeVarInt(partition).writeVarLong(checkId).writeZigZagLong(index)
                .writeVarLong(wait.toMillis()).toByteArray();
        try {
            byte[] payload = transport.request(peer, MessageType.REPLICA_CHECKSUM.code(), 0, request,
                    wait.plusSeconds(5)).get().payload();
            return decode(payload);
        } catch (ExecutionException e) {
            return Answer.failed(peer + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed("interrupted");
        } catch (FrameDecodingException e) {
            return Answer.failed(peer + " answered an unreadable checksum: " + e.getMessage());
        }
    }

    private static byte[] encode(Answer a, long leaderHint) {
        PayloadWriter out = new PayloadWriter(64);
        if (a.checksum() != null) {
            out.writeUnsignedByte(1).writeVarLong(a.checksum().index()).writeVarLong(a.checksum().rows())
                    .writeFixed64(a.checksum().checksum());
        } else {
            out.writeUnsignedByte(0).writeString(a.error()).writeVarLong(leaderHint);
        }
        return out.toByteArray();
    }

    private static Answer decode(byte[] payload) throws FrameDecodingException {
        PayloadReader in = new PayloadReader(payload);
        if (in.readUnsignedByte("found") == 1) {
            return new Answer(new PartitionChecksum(in.readVarLong("index"), in.readVarLong("rows"),
                    in.readFixed64("checksum")), null);
        }
        return Answer.failed(in.readRequiredString("error"));
    }
}
