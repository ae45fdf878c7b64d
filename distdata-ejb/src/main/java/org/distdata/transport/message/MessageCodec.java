package org.distdata.transport.message;

import org.distdata.raft.Entry;
import org.distdata.raft.Message;
import org.distdata.raft.PeerMessage;
import org.distdata.transport.codec.Frame;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.codec.PayloadReader;
import org.distdata.transport.codec.PayloadWriter;

/**
 * Encodes catalogue messages (see {@link MessageType}) to frame payloads and decodes them
 * back. A single Raft message ({@link PeerMessage.Single}) carries its group in the frame's
 * group id; every other message uses group id 0, and decoding ignores the group id for them.
 *
 * <p>Decoding is strict: an unknown type ({@link UnknownMessageTypeException}), a truncated
 * payload, leftover bytes, an impossible length or count, an out-of-range code or value and
 * malformed UTF-8 all raise {@link FrameDecodingException}; nothing else escapes, and every
 * length is checked against the payload before anything is allocated. Encoding is canonical:
 * a decoded payload re-encodes to the same bytes. Stateless and thread-safe.
 */
public final class MessageCodec {

    /** The type code for {@code message}'s frame. */
    public MessageType typeOf(Object message) {
        return MessageType.of(message);
    }

    /** The frame group id for {@code message}: its Raft group for a single Raft message, else 0. */
    public long groupOf(Object message) {
        return message instanceof PeerMessage.Single single ? single.group() : 0;
    }

    /**
     * The payload of {@code message}.
     *
     * @throws IllegalArgumentException if it is not a catalogue message or holds something
     *         with no wire form (an unsupported SQL value, an unpaired surrogate, a bundled
     *         beat that is not between the bundle's two nodes)
     */
    public byte[] encode(Object message) {
        MessageType type = MessageType.of(message);
        PayloadWriter out = new PayloadWriter(initialCapacity(message));
        switch (type) {
            case RAFT_HEARTBEATS -> RaftCodec.writeHeartbeats(out, (PeerMessage.Heartbeats) message);
            case ERROR_RESPONSE -> ClusterCodec.write(out, (ErrorResponse) message);
            case NODE_HEARTBEAT -> ClusterCodec.write(out, (NodeHeartbeat) message);
            case JOIN_REQUEST -> ClusterCodec.write(out, (JoinRequest) message);
            case JOIN_RESPONSE -> ClusterCodec.write(out, (JoinResponse) message);
            case FRAGMENT_REQUEST -> FragmentCodec.write(out, (FragmentRequest) message);
            case RESULT_BATCH -> FragmentCodec.write(out, (ResultBatch) message);
            case FRAGMENT_ERROR -> FragmentCodec.write(out, (FragmentError) message);
            case CANCEL_FRAGMENT -> FragmentCodec.write(out, (CancelFragment) message);
            case PARTITION_SNAPSHOT_CHUNK -> ClusterCodec.write(out, (PartitionSnapshotChunk) message);
            case PARTITION_SNAPSHOT_ACK -> ClusterCodec.write(out, (PartitionSnapshotAck) message);
            case BRANCH_UPDATE -> PartitionCodec.write(out, (BranchUpdate) message);
            case BRANCH_UPDATE_BATCH -> PartitionCodec.write(out, (BranchUpdateBatch) message);
            case UPDATE_COUNT -> PartitionCodec.write(out, (UpdateCount) message);
            case BRANCH_QUERY -> PartitionCodec.write(out, (BranchQuery) message);
            case PARTITION_READ -> PartitionCodec.write(out, (PartitionRead) message);
            case ROW_BATCH -> PartitionCodec.write(out, (RowBatch) message);
            case BRANCH_COMMIT -> PartitionCodec.write(out, (BranchCommit) message);
            case BRANCH_ROLLBACK -> PartitionCodec.write(out, (BranchRollback) message);
            case BRANCH_ENDED -> { } // no fields
            case SQL_FAILURE -> PartitionCodec.write(out, (SqlFailure) message);
            case ENGINE_FAILURE -> PartitionCodec.write(out, (EngineFailure) message);
            case NOT_LEADER -> PartitionCodec.write(out, (NotLeader) message);
            case TXN_PREPARE -> PartitionCodec.write(out, (TxnPrepare) message);
            case TXN_VOTE -> out.writeBoolean(((TxnVote) message).prepared());
            case TXN_DECIDE -> PartitionCodec.write(out, (TxnDecide) message);
            case TXN_DECISION -> out.writeBoolean(((TxnDecision) message).commit());
            case TXN_FINISH -> PartitionCodec.write(out, (TxnFinish) message);
            default -> RaftCodec.write(out, ((PeerMessage.Single) message).message());
        }
        return out.toByteArray();
    }

    /**
     * The message a payload of type {@code type} holds; {@code groupId} is the frame's, used
     * only by single Raft messages.
     */
    public Object decode(int type, long groupId, byte[] payload) throws FrameDecodingException {
        MessageType t = MessageType.ofCode(type);
        if (t == null || !t.catalogued()) {
            throw new UnknownMessageTypeException(type); // a service's own payload is not this codec's to read
        }
        PayloadReader in = new PayloadReader(payload);
        Object message = switch (t) {
            case RAFT_HEARTBEATS -> RaftCodec.readHeartbeats(in);
            case ERROR_RESPONSE -> ClusterCodec.readError(in);
            case NODE_HEARTBEAT -> ClusterCodec.readNodeHeartbeat(in);
            case JOIN_REQUEST -> ClusterCodec.readJoinRequest(in);
            case JOIN_RESPONSE -> ClusterCodec.readJoinResponse(in);
            case FRAGMENT_REQUEST -> FragmentCodec.readRequest(in);
            case RESULT_BATCH -> FragmentCodec.readBatch(in);
            case FRAGMENT_ERROR -> FragmentCodec.readError(in);
            case CANCEL_FRAGMENT -> FragmentCodec.readCancel(in);
            case PARTITION_SNAPSHOT_CHUNK -> ClusterCodec.readChunk(in);
            case PARTITION_SNAPSHOT_ACK -> ClusterCodec.readAck(in);
            case BRANCH_UPDATE -> PartitionCodec.readUpdate(in);
            case BRANCH_UPDATE_BATCH -> PartitionCodec.readUpdateBatch(in);
            case UPDATE_COUNT -> PartitionCodec.readUpdateCount(in);
            case BRANCH_QUERY -> PartitionCodec.readQuery(in);
            case PARTITION_READ -> PartitionCodec.readRead(in);
            case ROW_BATCH -> PartitionCodec.readRowBatch(in);
            case BRANCH_COMMIT -> PartitionCodec.readCommit(in);
            case BRANCH_ROLLBACK -> PartitionCodec.readRollback(in);
            case BRANCH_ENDED -> new BranchEnded();
            case SQL_FAILURE -> PartitionCodec.readSqlFailure(in);
            case ENGINE_FAILURE -> PartitionCodec.readEngineFailure(in);
            case NOT_LEADER -> PartitionCodec.readNotLeader(in);
            case TXN_PREPARE -> PartitionCodec.readPrepare(in);
            case TXN_VOTE -> new TxnVote(in.readBoolean("prepared"));
            case TXN_DECIDE -> PartitionCodec.readDecide(in);
            case TXN_DECISION -> new TxnDecision(in.readBoolean("commit"));
            case TXN_FINISH -> PartitionCodec.readFinish(in);
            default -> RaftCodec.read(t, groupId, in);
        };
        in.expectEnd(t.name() + " payload");
        return message;
    }

    /** A frame holding {@code message}, with the given request id and flags. */
    public Frame toFrame(Object message, long requestId, int flags) {
        return new Frame(typeOf(message).code(), requestId, groupOf(message), flags, encode(message));
    }

    /** The message {@code frame} holds. */
    public Object decode(Frame frame) throws FrameDecodingException {
        return decode(frame.type(), frame.groupId(), frame.payload());
    }

    /** Room for the bulk of a message up front, so that large chunks are not copied while growing. */
    private static int initialCapacity(Object message) {
        if (message instanceof PartitionSnapshotChunk c && c.data() != null) {
            return c.data().length + 64;
        }
        if (message instanceof PeerMessage.Single s && s.message() instanceof Message.SnapshotChunk c
                && c.data() != null) {
            return c.data().length + 64;
        }
        if (message instanceof PeerMessage.Single s && s.message() instanceof Message.AppendRequest a) {
            long size = 64;
            for (Entry e : a.entries()) {
                size += e.data().length + 8;
            }
            return (int) Math.min(size, Integer.MAX_VALUE - 8);
        }
        return 64;
    }
}
