package org.distdata.transport.message;

import org.distdata.raft.Message;
import org.distdata.raft.PeerMessage;

/**
 * The message catalogue: every kind of message nodes exchange, with the numeric code that
 * names it in a frame's {@code type} field. Codes are stable: a released code keeps its
 * meaning and payload layout forever, a retired code is never given to another message, and
 * a change to a message's fields is a new message with a new code. Codes are grouped by
 * area (1–9 generic, 10–29 Raft, 30–39 cluster, 40–49 query fragments, 50–59 partition
 * snapshots, 60–79 the partition service: 60–69 calls and answers, 70–79 their failures, 80–89
 * two-phase commit across partitions) so
 * a code under 128 stays a one-byte varint. docs/protocol.md lists each
 * payload's fields.
 */
public enum MessageType {
    ERROR_RESPONSE(1),

    RAFT_VOTE_REQUEST(10),
    RAFT_VOTE_RESPONSE(11),
    RAFT_APPEND_REQUEST(12),
    RAFT_APPEND_RESPONSE(13),
    RAFT_HEARTBEAT(14),
    RAFT_HEARTBEAT_RESPONSE(15),
    RAFT_SNAPSHOT_CHUNK(16),
    RAFT_SNAPSHOT_RESPONSE(17),
    RAFT_TIMEOUT_NOW(18),
    /** {@link PeerMessage.Heartbeats}: the heartbeats of many groups; the frame's group id is 0. */
    RAFT_HEARTBEATS(19),

    NODE_HEARTBEAT(30),
    JOIN_REQUEST(31),
    JOIN_RESPONSE(32),

    FRAGMENT_REQUEST(40),
    RESULT_BATCH(41),
    FRAGMENT_ERROR(42),
    CANCEL_FRAGMENT(43),

    PARTITION_SNAPSHOT_CHUNK(50),
    PARTITION_SNAPSHOT_ACK(51),
    /**
     * A replica's checksum of one partition at one log index, for the consistency check; the
     * payload is read by {@code org.distdata.replication.partition.ReplicaChecksums}.
     */
    REPLICA_CHECKSUM(55, false),
    /**
     * A meta-group command forwarded to the meta leader, which proposes it and answers with
     * the entry's index (a varint); see {@code org.distdata.node.MetaForwarding}.
     */
    META_PROPOSE(56, false),
    /** Asks the meta leader for a linearizable read index of the meta group (a varint answer). */
    META_READ_INDEX(57, false),

    BRANCH_UPDATE(60),
    BRANCH_UPDATE_BATCH(61),
    UPDATE_COUNT(62),
    BRANCH_QUERY(63),
    PARTITION_READ(64),
    ROW_BATCH(65),
    BRANCH_COMMIT(66),
    BRANCH_ROLLBACK(67),
    BRANCH_ENDED(68),

    SQL_FAILURE(70),
    ENGINE_FAILURE(71),
    NOT_LEADER(72),

    TXN_PREPARE(80),
    TXN_VOTE(81),
    TXN_DECIDE(82),
    TXN_DECISION(83),
    TXN_FINISH(84);

    private static final MessageType[] BY_CODE = new MessageType[128];

    static {
        for (MessageType t : values()) {
            if (BY_CODE[t.code] != null) {
                throw new IllegalStateException("message code " + t.code + " used twice");
            }
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final boolean catalogued;

    MessageType(int code) {
        this(code, true);
    }

    /**
     * {@code catalogued} false: a code reserved for a service that reads and writes its own
     * payload (documented where the service is), so {@link MessageCodec} has no record for it.
     */
    MessageType(int code, boolean catalogued) {
        this.code = code;
        this.catalogued = catalogued;
    }

    /** Whether {@link MessageCodec} encodes and decodes this type's payload as a record of this package. */
    public boolean catalogued() {
        return catalogued;
    }

    /** The types {@link MessageCodec} handles, in declaration order. */
    public static java.util.List<MessageType> cataloguedTypes() {
        return java.util.Arrays.stream(values()).filter(MessageType::catalogued).toList();
    }

    /** The number in a frame's {@code type} field. */
    public int code() {
        return code;
    }

    /** The type with {@code code}, or null if this node does not know it. */
    public static MessageType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * The type of a catalogue message: a {@link PeerMessage} (a single Raft message of one
     * group, or coalesced heartbeats) or one of this package's records.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static MessageType of(Object message) {
        if (message instanceof PeerMessage.Single single) {
            return ofRaft(single.message());
        } else if (message instanceof PeerMessage.Heartbeats) {
            return RAFT_HEARTBEATS;
        } else if (message instanceof ErrorResponse) {
            return ERROR_RESPONSE;
        } else if (message instanceof NodeHeartbeat) {
            return NODE_HEARTBEAT;
        } else if (message instanceof JoinRequest) {
            return JOIN_REQUEST;
        } else if (message instanceof JoinResponse) {
            return JOIN_RESPONSE;
        } else if (message instanceof FragmentRequest) {
            return FRAGMENT_REQUEST;
        } else if (message instanceof ResultBatch) {
            return RESULT_BATCH;
        } else if (message instanceof FragmentError) {
            return FRAGMENT_ERROR;
        } else if (message instanceof CancelFragment) {
            return CANCEL_FRAGMENT;
        } else if (message instanceof PartitionSnapshotChunk) {
            return PARTITION_SNAPSHOT_CHUNK;
        } else if (message instanceof PartitionSnapshotAck) {
            return PARTITION_SNAPSHOT_ACK;
        }
        return ofPartitionService(message);
    }

    private static MessageType ofPartitionService(Object message) {
        if (message instanceof BranchUpdate) {
            return BRANCH_UPDATE;
        } else if (message instanceof BranchUpdateBatch) {
            return BRANCH_UPDATE_BATCH;
        } else if (message instanceof UpdateCount) {
            return UPDATE_COUNT;
        } else if (message instanceof BranchQuery) {
            return BRANCH_QUERY;
        } else if (message instanceof PartitionRead) {
            return PARTITION_READ;
        } else if (message instanceof RowBatch) {
            return ROW_BATCH;
        } else if (message instanceof BranchCommit) {
            return BRANCH_COMMIT;
        } else if (message instanceof BranchRollback) {
            return BRANCH_ROLLBACK;
        } else if (message instanceof BranchEnded) {
            return BRANCH_ENDED;
        } else if (message instanceof SqlFailure) {
            return SQL_FAILURE;
        } else if (message instanceof EngineFailure) {
            return ENGINE_FAILURE;
        } else if (message instanceof NotLeader) {
            return NOT_LEADER;
        } else if (message instanceof TxnPrepare) {
            return TXN_PREPARE;
        } else if (message instanceof TxnVote) {
            return TXN_VOTE;
        } else if (message instanceof TxnDecide) {
            return TXN_DECIDE;
        } else if (message instanceof TxnDecision) {
            return TXN_DECISION;
        } else if (message instanceof TxnFinish) {
            return TXN_FINISH;
        }
        throw new IllegalArgumentException("not a catalogue message: "
                + (message == null ? "null" : message.getClass().getName()));
    }

    static MessageType ofRaft(Message message) {
        if (message instanceof Message.VoteRequest) {
            return RAFT_VOTE_REQUEST;
        } else if (message instanceof Message.VoteResponse) {
            return RAFT_VOTE_RESPONSE;
        } else if (message instanceof Message.AppendRequest) {
            return RAFT_APPEND_REQUEST;
        } else if (message instanceof Message.AppendResponse) {
            return RAFT_APPEND_RESPONSE;
        } else if (message instanceof Message.Heartbeat) {
            return RAFT_HEARTBEAT;
        } else if (message instanceof Message.HeartbeatResponse) {
            return RAFT_HEARTBEAT_RESPONSE;
        } else if (message instanceof Message.SnapshotChunk) {
            return RAFT_SNAPSHOT_CHUNK;
        } else if (message instanceof Message.SnapshotResponse) {
            return RAFT_SNAPSHOT_RESPONSE;
        } else if (message instanceof Message.TimeoutNow) {
            return RAFT_TIMEOUT_NOW;
        }
        throw new IllegalArgumentException("not a Raft message: "
                + (message == null ? "null" : message.getClass().getName()));
    }
}
