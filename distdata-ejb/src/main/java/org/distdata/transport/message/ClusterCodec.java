package org.distdata.transport.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.codec.FrameDecodingException.Reason;
import org.distdata.transport.codec.PayloadReader;
import org.distdata.transport.codec.PayloadWriter;

/** Payloads of the cluster messages: node heartbeats, join, partition snapshots, errors. */
final class ClusterCodec {

    private ClusterCodec() {
    }

    static void write(PayloadWriter out, NodeHeartbeat h) {
        out.writeVarLong(h.nodeId()).writeVarLong(h.sentAtMillis()).writeVarLong(h.incarnation())
                .writeDouble(h.cpuLoad()).writeVarLong(h.heapUsedBytes()).writeZigZagLong(h.heapMaxBytes())
                .writeVarLong(h.diskFreeBytes()).writeVarInt(h.partitionsLed()).writeVarInt(h.partitionsHeld())
                .writeVarInt(h.activeQueries());
    }

    static NodeHeartbeat readNodeHeartbeat(PayloadReader in) throws FrameDecodingException {
        return new NodeHeartbeat(in.readVarLong("nodeId"), in.readVarLong("sentAtMillis"),
                in.readVarLong("incarnation"), in.readDouble("cpuLoad"), in.readVarLong("heapUsedBytes"),
                in.readZigZagLong("heapMaxBytes"), in.readVarLong("diskFreeBytes"), in.readVarInt("partitionsLed"),
                in.readVarInt("partitionsHeld"), in.readVarInt("activeQueries"));
    }

    /** Roles go in ascending order, the order {@link JoinRequest} keeps them in. */
    static void write(PayloadWriter out, JoinRequest r) {
        out.writeVarLong(r.nodeId()).writeString(r.nodeName()).writeString(r.rpcAddress()).writeVarInt(r.rpcPort());
        out.writeCount(r.roles().size());
        for (String role : r.roles()) {
            out.writeString(role);
        }
        out.writeVarInt(r.protocolVersion());
    }

    static JoinRequest readJoinRequest(PayloadReader in) throws FrameDecodingException {
        long nodeId = in.readVarLong("nodeId");
        String nodeName = in.readString("nodeName");
        String rpcAddress = in.readString("rpcAddress");
        int rpcPort = in.readVarInt("rpcPort");
        int n = in.readCount("role count", 1);
        Set<String> roles = new TreeSet<>();
        String previous = null;
        for (int i = 0; i < n; i++) {
            int at = in.offset();
            String role = in.readRequiredString("role");
            if (previous != null && role.compareTo(previous) <= 0) {
                throw new FrameDecodingException(Reason.BAD_VALUE,
                        "role at offset " + at + ": roles must be distinct and in ascending order");
            }
            roles.add(role);
            previous = role;
        }
        return new JoinRequest(nodeId, nodeName, rpcAddress, rpcPort, roles, in.readVarInt("protocolVersion"));
    }

    static void write(PayloadWriter out, JoinResponse r) {
        out.writeBoolean(r.accepted()).writeString(r.clusterId()).writeString(r.reason());
        out.writeCount(r.members().size());
        for (JoinResponse.Member m : r.members()) {
            out.writeVarLong(m.nodeId()).writeString(m.name()).writeString(m.address()).writeVarInt(m.port());
        }
    }

    static JoinResponse readJoinResponse(PayloadReader in) throws FrameDecodingException {
        boolean accepted = in.readBoolean("accepted");
        String clusterId = in.readString("clusterId");
        String reason = in.readString("reason");
        int n = in.readCount("member count", 4);
        List<JoinResponse.Member> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            members.add(new JoinResponse.Member(in.readVarLong("member nodeId"), in.readString("member name"),
                    in.readString("member address"), in.readVarInt("member port")));
        }
        return new JoinResponse(accepted, clusterId, reason, members);
    }

    static void write(PayloadWriter out, PartitionSnapshotChunk c) {
        out.writeVarInt(c.partition()).writeVarLong(c.snapshotIndex()).writeVarLong(c.offset()).writeBytes(c.data())
                .writeBoolean(c.last()).writeVarLong(c.crc32c());
    }

    static PartitionSnapshotChunk readChunk(PayloadReader in) throws FrameDecodingException {
        return new PartitionSnapshotChunk(in.readVarInt("partition"), in.readVarLong("snapshotIndex"),
                in.readVarLong("offset"), in.readBytes("data"), in.readBoolean("last"), in.readVarLong("crc32c"));
    }

    static void write(PayloadWriter out, PartitionSnapshotAck a) {
        out.writeVarInt(a.partition()).writeVarLong(a.snapshotIndex()).writeVarLong(a.nextOffset());
    }

    static PartitionSnapshotAck readAck(PayloadReader in) throws FrameDecodingException {
        return new PartitionSnapshotAck(in.readVarInt("partition"), in.readVarLong("snapshotIndex"),
                in.readVarLong("nextOffset"));
    }

    static void write(PayloadWriter out, ErrorResponse e) {
        out.writeString(e.code()).writeString(e.message());
    }

    static ErrorResponse readError(PayloadReader in) throws FrameDecodingException {
        return new ErrorResponse(in.readString("code"), in.readString("message"));
    }
}
