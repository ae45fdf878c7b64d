package org.distdata.transport.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.distdata.raft.Entry;
import org.distdata.raft.GroupMessage;
import org.distdata.raft.Membership;
import org.distdata.raft.Message;
import org.distdata.raft.PeerMessage;
import org.distdata.raft.SnapshotMeta;
import org.distdata.transport.codec.Frame;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.codec.FrameDecodingException.Reason;
import org.distdata.transport.codec.PayloadWriter;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void codesAreUniqueAndStable() {
        // The wire contract: these numbers never change. Add new types; never renumber.
        assertThat(MessageType.RAFT_VOTE_REQUEST.code()).isEqualTo(10);
        assertThat(MessageType.RAFT_HEARTBEATS.code()).isEqualTo(19);
        assertThat(MessageType.NODE_HEARTBEAT.code()).isEqualTo(30);
        assertThat(MessageType.FRAGMENT_REQUEST.code()).isEqualTo(40);
        assertThat(MessageType.PARTITION_SNAPSHOT_CHUNK.code()).isEqualTo(50);
        assertThat(MessageType.BRANCH_UPDATE.code()).isEqualTo(60);
        assertThat(MessageType.ROW_BATCH.code()).isEqualTo(65);
        assertThat(MessageType.BRANCH_ENDED.code()).isEqualTo(68);
        assertThat(MessageType.SQL_FAILURE.code()).isEqualTo(70);
        assertThat(MessageType.NOT_LEADER.code()).isEqualTo(72);
        assertThat(Arrays.stream(MessageType.values()).mapToInt(MessageType::code).distinct().count())
                .isEqualTo(MessageType.values().length);
        for (MessageType t : MessageType.values()) {
            assertThat(MessageType.ofCode(t.code())).isSameAs(t);
        }
        assertThat(MessageType.ofCode(0)).isNull();
        assertThat(MessageType.ofCode(-1)).isNull();
        assertThat(MessageType.ofCode(1000)).isNull();
    }

    @Test
    void aSingleRaftMessageTravelsWithItsGroupInTheFrame() throws FrameDecodingException {
        PeerMessage.Single single = new PeerMessage.Single(42, new Message.TimeoutNow(1, 2, 3));
        Frame frame = codec.toFrame(single, 9, Frame.ONE_WAY);
        assertThat(frame.type()).isEqualTo(MessageType.RAFT_TIMEOUT_NOW.code());
        assertThat(frame.groupId()).isEqualTo(42);
        assertThat(frame.payload()).containsExactly(1, 2, 3);
        assertThat(codec.decode(frame)).isEqualTo(single);
    }

    @Test
    void appendEntriesAreDeltaCodedToOneByteEach() {
        List<Entry> entries = List.of(new Entry(7, 101, Entry.Kind.COMMAND, new byte[0]),
                new Entry(7, 102, Entry.Kind.NOOP, new byte[0]), new Entry(8, 103, Entry.Kind.MEMBERSHIP, new byte[0]));
        Message.AppendRequest append = new Message.AppendRequest(1, 2, 8, 100, 7, entries, 99);
        byte[] payload = codec.encode(new PeerMessage.Single(5, append));
        // from to term | prevIndex prevTerm(zig-zag) commit | count | (Δindex Δterm kind len+1) × 3
        assertThat(HexFormat.of().formatHex(payload)).isEqualTo("010208" + "640e63" + "03"
                + "00000001" + "00000101" + "00020201");
    }

    @Test
    void coalescedHeartbeatsNameTheirNodesOnce() throws FrameDecodingException {
        PeerMessage.Heartbeats beats = new PeerMessage.Heartbeats(1, 2, List.of(
                new GroupMessage(10, new Message.Heartbeat(1, 2, 5, 40, 7)),
                new GroupMessage(11, new Message.HeartbeatResponse(1, 2, 5, 7))));
        Frame frame = codec.toFrame(beats, 0, Frame.ONE_WAY);
        assertThat(frame.groupId()).isZero();
        assertThat(HexFormat.of().formatHex(frame.payload())).isEqualTo("0102" + "02" + "0a0005" + "2807" + "0b0105" + "07");
        assertThat(codec.decode(frame)).isEqualTo(beats);
    }

    @Test
    void refusesToBundleABeatBetweenOtherNodes() {
        PeerMessage.Heartbeats beats = new PeerMessage.Heartbeats(1, 2,
                List.of(new GroupMessage(10, new Message.Heartbeat(3, 2, 5, 40, 7))));
        assertThatThrownBy(() -> codec.encode(beats)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not from 1 to 2");
    }

    @Test
    void refusesToEncodeWhatIsNotInTheCatalogue() {
        assertThatThrownBy(() -> codec.encode("hello")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a catalogue message: java.lang.String");
        assertThatThrownBy(() -> codec.encode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sqlValuesOfEveryTypeRoundTrip() throws FrameDecodingException {
        List<Object> values = Arrays.asList(null, true, false, 1, -1L, (short) -300, 2.5, 1.5f,
                new BigDecimal("-12345678901234567890.000100"), new BigDecimal("1E+5"), "text", new byte[] {1, 2},
                LocalDate.of(2024, 2, 29), LocalTime.of(23, 59, 59, 999_999_999),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 1));
        FragmentRequest request = new FragmentRequest(1, 2, 3, "SELECT ?", values, 100, 0);
        Object decoded = codec.decode(MessageType.FRAGMENT_REQUEST.code(), 0, codec.encode(request));
        assertThat(decoded).isEqualTo(request);
        assertThat(((FragmentRequest) decoded).parameters().get(8)).isInstanceOf(BigDecimal.class)
                .hasToString("-12345678901234567890.000100");
    }

    @Test
    void refusesToEncodeSqlValuesWithNoWireForm() {
        FragmentRequest request = new FragmentRequest(1, 2, 3, "SELECT ?", List.of(new Timestamp(0)), 100, 0);
        assertThatThrownBy(() -> codec.encode(request)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no wire encoding for SQL value of type java.sql.Timestamp");
    }

    @Test
    void rejectsAnUnknownTypeWithItsOwnException() {
        assertThatThrownBy(() -> codec.decode(99, 0, new byte[0])).isInstanceOf(UnknownMessageTypeException.class)
                .hasMessage("unknown message type 99")
                .satisfies(e -> assertThat(((UnknownMessageTypeException) e).type()).isEqualTo(99))
                .extracting(e -> ((FrameDecodingException) e).reason()).isEqualTo(Reason.UNKNOWN_TYPE);
        assertThatThrownBy(() -> codec.decode(-1, 0, new byte[0])).hasMessage("unknown message type 4294967295");
    }

    @Test
    void rejectsATruncatedPayload() {
        byte[] payload = codec.encode(new NodeHeartbeat(1, 2, 3, 0.5, 4, 5, 6, 7, 8, 9));
        for (int n = 0; n < payload.length; n++) {
            byte[] cut = Arrays.copyOf(payload, n);
            assertRejected(() -> codec.decode(MessageType.NODE_HEARTBEAT.code(), 0, cut), Reason.TRUNCATED, "");
        }
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] payload = Arrays.copyOf(codec.encode(new CancelFragment(1, 2)), 3);
        assertRejected(() -> codec.decode(MessageType.CANCEL_FRAGMENT.code(), 0, payload), Reason.TRAILING_BYTES,
                "1 unexpected trailing byte(s) after CANCEL_FRAGMENT payload at offset 2");
    }

    @Test
    void rejectsACollectionLongerThanThePayloadBeforeAllocatingIt() {
        byte[] payload = new PayloadWriter().writeBoolean(true).writeString("c").writeString(null)
                .writeVarLong(Integer.MAX_VALUE).toByteArray();
        assertRejected(() -> codec.decode(MessageType.JOIN_RESPONSE.code(), 0, payload), Reason.BAD_LENGTH,
                "member count at offset 4: count 2147483647 exceeds what the remaining 0 byte(s) can hold");
    }

    @Test
    void rejectsAnUnknownEntryKind() {
        byte[] payload = new PayloadWriter().writeVarLong(1).writeVarLong(2).writeVarLong(3).writeVarLong(0)
                .writeZigZagLong(0).writeVarLong(0).writeCount(1).writeZigZagLong(0).writeZigZagLong(0).writeCount(3)
                .writeBytes(new byte[0]).toByteArray();
        assertRejected(() -> codec.decode(MessageType.RAFT_APPEND_REQUEST.code(), 7, payload), Reason.BAD_VALUE,
                "entry kind at offset 9: code 3 is not one of 0..2");
    }

    @Test
    void rejectsAnUnknownValueTag() {
        byte[] payload = new PayloadWriter().writeVarLong(1).writeVarInt(2).writeVarInt(3).writeString("s")
                .writeCount(1).writeUnsignedByte(14).toByteArray();
        assertRejected(() -> codec.decode(MessageType.FRAGMENT_REQUEST.code(), 0, payload), Reason.BAD_VALUE,
                "parameter type tag at offset 6: code 14 is not one of 0..13");
    }

    @Test
    void rejectsInvalidUtf8InAString() {
        byte[] payload = new PayloadWriter().writeBytes(new byte[] {(byte) 0xC0, (byte) 0x80}).writeString(null)
                .toByteArray();
        assertRejected(() -> codec.decode(MessageType.ERROR_RESPONSE.code(), 0, payload), Reason.BAD_UTF8,
                "code at offset 0: not well-formed UTF-8");
    }

    @Test
    void rejectsAMembershipWithANodeThatIsBothVoterAndLearner() {
        byte[] payload = snapshotChunkWithNodes(new long[] {1, 2}, new long[] {2});
        assertRejected(() -> codec.decode(MessageType.RAFT_SNAPSHOT_CHUNK.code(), 1, payload), Reason.BAD_VALUE,
                "node 2 is both voter and learner");
    }

    @Test
    void rejectsNodeIdsOutOfOrderOrRepeated() {
        assertRejected(() -> codec.decode(MessageType.RAFT_SNAPSHOT_CHUNK.code(), 1,
                snapshotChunkWithNodes(new long[] {2, 1}, new long[0])), Reason.BAD_VALUE, "strictly ascending");
        assertRejected(() -> codec.decode(MessageType.RAFT_SNAPSHOT_CHUNK.code(), 1,
                snapshotChunkWithNodes(new long[] {1, 1}, new long[0])), Reason.BAD_VALUE, "strictly ascending");
    }

    @Test
    void rejectsRepeatedRoles() {
        byte[] payload = new PayloadWriter().writeVarLong(1).writeString("n").writeString("h").writeVarInt(1)
                .writeCount(2).writeString("data").writeString("data").writeVarInt(1).toByteArray();
        assertRejected(() -> codec.decode(MessageType.JOIN_REQUEST.code(), 0, payload), Reason.BAD_VALUE,
                "roles must be distinct and in ascending order");
    }

    @Test
    void rejectsAnSqlFailureWithNoException() {
        byte[] payload = new PayloadWriter().writeCount(0).toByteArray();
        assertRejected(() -> codec.decode(MessageType.SQL_FAILURE.code(), 0, payload), Reason.BAD_VALUE,
                "at least one exception");
    }

    @Test
    void rejectsAnEngineFailureThatNamesAnExtensionTwice() {
        byte[] payload = new PayloadWriter().writeString("NOT_FOUND").writeString("gone").writeCount(2)
                .writeString("table").writeUnsignedByte(ValueCodec.NULL)
                .writeString("table").writeUnsignedByte(ValueCodec.NULL).toByteArray();
        assertRejected(() -> codec.decode(MessageType.ENGINE_FAILURE.code(), 0, payload), Reason.BAD_VALUE,
                "table appears twice");
    }

    @Test
    void rejectsABranchStatementWithoutSql() {
        byte[] payload = new PayloadWriter().writeString("t1").writeVarInt(3).writeString(null).writeCount(0)
                .writeVarLong(0).toByteArray();
        assertRejected(() -> codec.decode(MessageType.BRANCH_UPDATE.code(), 0, payload), Reason.BAD_VALUE,
                "must not be null");
    }

    @Test
    void anSqlFailureKeepsItsChainInOrder() throws FrameDecodingException {
        SqlFailure failure = new SqlFailure(List.of(new SqlFailure.Link("38000", 20000, "wrapper"),
                new SqlFailure.Link("23505", -1, "duplicate key"), new SqlFailure.Link(null, 0, null)));
        assertThat(codec.decode(MessageType.SQL_FAILURE.code(), 0, codec.encode(failure))).isEqualTo(failure);
    }

    @Test
    void rejectsOutOfRangeSqlValues() {
        assertRejected(() -> decodeValue(new PayloadWriter().writeUnsignedByte(ValueCodec.SHORT).writeZigZagInt(40000)),
                Reason.BAD_VALUE, "SMALLINT value 40000 out of range");
        assertRejected(() -> decodeValue(new PayloadWriter().writeUnsignedByte(ValueCodec.TIME)
                .writeVarLong(86_400_000_000_000L)), Reason.BAD_VALUE, "nano of day 86400000000000 out of range");
        assertRejected(() -> decodeValue(new PayloadWriter().writeUnsignedByte(ValueCodec.DATE)
                .writeZigZagLong(Long.MAX_VALUE)), Reason.BAD_VALUE, "out of range");
        assertRejected(() -> decodeValue(new PayloadWriter().writeUnsignedByte(ValueCodec.DECIMAL).writeZigZagInt(0)
                .writeBytes(new byte[] {0, 1})), Reason.BAD_VALUE, "not minimally encoded");
        assertRejected(() -> decodeValue(new PayloadWriter().writeUnsignedByte(ValueCodec.DECIMAL).writeZigZagInt(0)
                .writeBytes(new byte[0])), Reason.BAD_VALUE, "empty unscaled value");
        assertRejected(() -> decodeValue(new PayloadWriter().writeUnsignedByte(ValueCodec.STRING).writeString(null)),
                Reason.BAD_VALUE, "must not be null");
    }

    @Test
    void membershipsAndRolesKeepTheirSortedOrderOnTheWire() throws FrameDecodingException {
        JoinRequest join = new JoinRequest(1, "n1", "10.0.0.1", 7400, Set.of("data", "coordinator"), 1);
        JoinRequest decoded = (JoinRequest) codec.decode(MessageType.JOIN_REQUEST.code(), 0, codec.encode(join));
        assertThat(decoded.roles()).containsExactly("coordinator", "data");
        Message.SnapshotChunk chunk = new Message.SnapshotChunk(1, 2, 3,
                new SnapshotMeta(10, 2, new Membership(Set.of(3L, 1L, 2L), Set.of(9L))), 0, new byte[] {1}, true);
        PeerMessage.Single back = (PeerMessage.Single) codec.decode(codec.toFrame(new PeerMessage.Single(4, chunk), 0, 0));
        assertThat(WireEquality.same(back, new PeerMessage.Single(4, chunk))).isTrue();
    }

    private Object decodeValue(PayloadWriter value) throws FrameDecodingException {
        byte[] v = value.toByteArray();
        PayloadWriter w = new PayloadWriter().writeVarLong(1).writeVarInt(2).writeVarInt(3).writeString("s")
                .writeCount(1);
        byte[] head = w.toByteArray();
        byte[] payload = Arrays.copyOf(head, head.length + v.length + 2);
        System.arraycopy(v, 0, payload, head.length, v.length);
        return codec.decode(MessageType.FRAGMENT_REQUEST.code(), 0, payload);
    }

    private static byte[] snapshotChunkWithNodes(long[] voters, long[] learners) {
        PayloadWriter w = new PayloadWriter().writeVarLong(1).writeVarLong(2).writeVarLong(3).writeVarLong(10)
                .writeZigZagLong(2).writeCount(voters.length);
        for (long v : voters) {
            w.writeVarLong(v);
        }
        w.writeCount(learners.length);
        for (long l : learners) {
            w.writeVarLong(l);
        }
        return w.writeVarLong(0).writeBytes(new byte[0]).writeBoolean(true).toByteArray();
    }

    private static void assertRejected(ThrowingCallable call, Reason reason, String messagePart) {
        assertThatThrownBy(call).isInstanceOf(FrameDecodingException.class).hasMessageContaining(messagePart)
                .extracting(e -> ((FrameDecodingException) e).reason()).isEqualTo(reason);
    }
}
