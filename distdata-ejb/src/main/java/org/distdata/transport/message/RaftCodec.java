package org.distdata.transport.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.distdata.raft.Entry;
import org.distdata.raft.GroupMessage;
import org.distdata.raft.Membership;
import org.distdata.raft.Message;
import org.distdata.raft.Message.AppendRequest;
import org.distdata.raft.Message.AppendResponse;
import org.distdata.raft.Message.Heartbeat;
import org.distdata.raft.Message.HeartbeatResponse;
import org.distdata.raft.Message.SnapshotChunk;
import org.distdata.raft.Message.SnapshotResponse;
import org.distdata.raft.Message.TimeoutNow;
import org.distdata.raft.Message.VoteRequest;
import org.distdata.raft.Message.VoteResponse;
import org.distdata.raft.PeerMessage;
import org.distdata.raft.SnapshotMeta;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.codec.FrameDecodingException.Reason;
import org.distdata.transport.codec.PayloadReader;
import org.distdata.transport.codec.PayloadWriter;

/**
 * Payloads of the Raft messages. A single message's group travels in the frame's group id;
 * every payload starts with {@code from, to, term}. Node ids, terms, indexes and counters are
 * unsigned varints; the fields that can be -1 (terms of log positions, the hint index) are
 * zig-zag. Coalesced heartbeats name the two nodes once and leave them out of each beat.
 */
final class RaftCodec {

    private static final int HEARTBEAT = 0, HEARTBEAT_RESPONSE = 1;
    /** Entry kinds by wire code, fixed here rather than taken from ordinals that a reorder would change. */
    private static final Entry.Kind[] KINDS = {Entry.Kind.COMMAND, Entry.Kind.NOOP, Entry.Kind.MEMBERSHIP};

    private RaftCodec() {
    }

    static void write(PayloadWriter out, Message m) {
        out.writeVarLong(m.from()).writeVarLong(m.to()).writeVarLong(m.term());
        if (m instanceof VoteRequest v) {
            out.writeVarLong(v.lastIndex()).writeZigZagLong(v.lastTerm()).writeBoolean(v.preVote())
                    .writeBoolean(v.transfer());
        } else if (m instanceof VoteResponse v) {
            out.writeBoolean(v.preVote()).writeBoolean(v.granted());
        } else if (m instanceof AppendRequest a) {
            writeAppend(out, a);
        } else if (m instanceof AppendResponse a) {
            out.writeBoolean(a.success()).writeVarLong(a.index()).writeZigZagLong(a.hintIndex())
                    .writeZigZagLong(a.hintTerm());
        } else if (m instanceof Heartbeat h) {
            out.writeVarLong(h.commit()).writeVarLong(h.round());
        } else if (m instanceof HeartbeatResponse h) {
            out.writeVarLong(h.round());
        } else if (m instanceof SnapshotChunk s) {
            writeMeta(out, s.meta());
            out.writeVarLong(s.offset()).writeBytes(s.data()).writeBoolean(s.last());
        } else if (m instanceof SnapshotResponse s) {
            out.writeVarLong(s.index()).writeVarLong(s.nextOffset()).writeBoolean(s.done());
        } else if (!(m instanceof TimeoutNow)) {
            throw new IllegalArgumentException("not a Raft message: " + m);
        }
    }

    static PeerMessage.Single read(MessageType type, long group, PayloadReader in) throws FrameDecodingException {
        long from = in.readVarLong("from");
        long to = in.readVarLong("to");
        long term = in.readVarLong("term");
        Message m = switch (type) {
            case RAFT_VOTE_REQUEST -> new VoteRequest(from, to, term, in.readVarLong("lastIndex"),
                    in.readZigZagLong("lastTerm"), in.readBoolean("preVote"), in.readBoolean("transfer"));
            case RAFT_VOTE_RESPONSE -> new VoteResponse(from, to, term, in.readBoolean("preVote"),
                    in.readBoolean("granted"));
            case RAFT_APPEND_REQUEST -> readAppend(from, to, term, in);
            case RAFT_APPEND_RESPONSE -> new AppendResponse(from, to, term, in.readBoolean("success"),
                    in.readVarLong("index"), in.readZigZagLong("hintIndex"), in.readZigZagLong("hintTerm"));
            case RAFT_HEARTBEAT -> new Heartbeat(from, to, term, in.readVarLong("commit"), in.readVarLong("round"));
            case RAFT_HEARTBEAT_RESPONSE -> new HeartbeatResponse(from, to, term, in.readVarLong("round"));
            case RAFT_SNAPSHOT_CHUNK -> new SnapshotChunk(from, to, term, readMeta(in), in.readVarLong("offset"),
                    in.readBytes("data"), in.readBoolean("last"));
            case RAFT_SNAPSHOT_RESPONSE -> new SnapshotResponse(from, to, term, in.readVarLong("index"),
                    in.readVarLong("nextOffset"), in.readBoolean("done"));
            case RAFT_TIMEOUT_NOW -> new TimeoutNow(from, to, term);
            default -> throw new IllegalArgumentException("not a single Raft message type: " + type);
        };
        return new PeerMessage.Single(group, m);
    }

    /**
     * Entries are delta-coded against their predecessor, the first one against
     * {@code prevIndex}/{@code prevTerm}: zig-zag(index − (previous index + 1)) and
     * zig-zag(term − previous term), which is 0 and 0, one byte each, in a well-formed batch.
     */
    private static void writeAppend(PayloadWriter out, AppendRequest a) {
        out.writeVarLong(a.prevIndex()).writeZigZagLong(a.prevTerm()).writeVarLong(a.commit());
        out.writeCount(a.entries().size());
        long prevIndex = a.prevIndex();
        long prevTerm = a.prevTerm();
        for (Entry e : a.entries()) {
            out.writeZigZagLong(e.index() - (prevIndex + 1)).writeZigZagLong(e.term() - prevTerm);
            out.writeCount(kindCode(e.kind()));
            out.writeBytes(e.data());
            prevIndex = e.index();
            prevTerm = e.term();
        }
    }

    private static AppendRequest readAppend(long from, long to, long term, PayloadReader in)
            throws FrameDecodingException {
        long prevIndex = in.readVarLong("prevIndex");
        long prevTerm = in.readZigZagLong("prevTerm");
        long commit = in.readVarLong("commit");
        int n = in.readCount("entry count", 4);
        List<Entry> entries = new ArrayList<>(n);
        long index = prevIndex;
        long entryTerm = prevTerm;
        for (int i = 0; i < n; i++) {
            index = index + 1 + in.readZigZagLong("entry index delta");
            entryTerm = entryTerm + in.readZigZagLong("entry term delta");
            Entry.Kind kind = KINDS[in.readCode("entry kind", KINDS.length)];
            entries.add(new Entry(entryTerm, index, kind, in.readRequiredBytes("entry data")));
        }
        return new AppendRequest(from, to, term, prevIndex, prevTerm, entries, commit);
    }

    private static int kindCode(Entry.Kind kind) {
        for (int code = 0; code < KINDS.length; code++) {
            if (KINDS[code] == kind) {
                return code;
            }
        }
        throw new IllegalArgumentException("no wire code for entry kind " + kind);
    }

    private static void writeMeta(PayloadWriter out, SnapshotMeta meta) {
        out.writeVarLong(meta.index()).writeZigZagLong(meta.term());
        writeNodes(out, meta.membership().voters());
        writeNodes(out, meta.membership().learners());
    }

    private static SnapshotMeta readMeta(PayloadReader in) throws FrameDecodingException {
        long index = in.readVarLong("snapshot index");
        long term = in.readZigZagLong("snapshot term");
        int at = in.offset();
        Set<Long> voters = readNodes(in, "voters");
        Set<Long> learners = readNodes(in, "learners");
        for (Long learner : learners) {
            if (voters.contains(learner)) {
                throw new FrameDecodingException(Reason.BAD_VALUE,
                        "membership at offset " + at + ": node " + learner + " is both voter and learner");
            }
        }
        return new SnapshotMeta(index, term, new Membership(voters, learners));
    }

    /** A node set in ascending order (Membership's order), so that every set has one encoding. */
    private static void writeNodes(PayloadWriter out, Set<Long> nodes) {
        out.writeCount(nodes.size());
        for (long node : nodes) {
            out.writeVarLong(node);
        }
    }

    private static Set<Long> readNodes(PayloadReader in, String field) throws FrameDecodingException {
        int n = in.readCount(field + " count", 1);
        Set<Long> nodes = new TreeSet<>();
        long previous = 0;
        for (int i = 0; i < n; i++) {
            int at = in.offset();
            long node = in.readVarLong(field);
            if (i > 0 && node <= previous) {
                throw new FrameDecodingException(Reason.BAD_VALUE,
                        field + " at offset " + at + ": node ids must be strictly ascending");
            }
            nodes.add(node);
            previous = node;
        }
        return nodes;
    }

    /**
     * Coalesced heartbeats: {@code from, to}, then per beat its group, a kind (0 heartbeat,
     * 1 response) and the message's fields after {@code from, to}.
     *
     * @throws IllegalArgumentException if a beat is not between the bundle's two nodes
     */
    static void writeHeartbeats(PayloadWriter out, PeerMessage.Heartbeats beats) {
        out.writeVarLong(beats.from()).writeVarLong(beats.to()).writeCount(beats.beats().size());
        for (GroupMessage beat : beats.beats()) {
            Message m = beat.message();
            if (m.from() != beats.from() || m.to() != beats.to()) {
                throw new IllegalArgumentException("beat " + m + " of group " + beat.group() + " is not from "
                        + beats.from() + " to " + beats.to());
            }
            out.writeVarLong(beat.group());
            if (m instanceof Heartbeat h) {
                out.writeCount(HEARTBEAT).writeVarLong(h.term()).writeVarLong(h.commit()).writeVarLong(h.round());
            } else if (m instanceof HeartbeatResponse h) {
                out.writeCount(HEARTBEAT_RESPONSE).writeVarLong(h.term()).writeVarLong(h.round());
            } else {
                throw new IllegalArgumentException("only heartbeats travel in a bundle, not " + m);
            }
        }
    }

    static PeerMessage.Heartbeats readHeartbeats(PayloadReader in) throws FrameDecodingException {
        long from = in.readVarLong("from");
        long to = in.readVarLong("to");
        int n = in.readCount("beat count", 4);
        List<GroupMessage> beats = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long group = in.readVarLong("beat group");
            int kind = in.readCode("beat kind", 2);
            long term = in.readVarLong("beat term");
            Message m = kind == HEARTBEAT
                    ? new Heartbeat(from, to, term, in.readVarLong("beat commit"), in.readVarLong("beat round"))
                    : new HeartbeatResponse(from, to, term, in.readVarLong("beat round"));
            beats.add(new GroupMessage(group, m));
        }
        return new PeerMessage.Heartbeats(from, to, beats);
    }
}
