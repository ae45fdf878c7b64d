package org.distdata.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.distdata.transport.codec.FrameDecodingException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {

    private final FrameCodec codec = new FrameCodec(64 << 10);

    @Test
    void writesTheDocumentedLayout() {
        Frame frame = new Frame(19, 300, 2, Frame.RESPONSE | Frame.STREAM_END, new byte[] {1, 2, 3});
        // length 11 | magic DD01 | version 01 | type 13 | requestId AC02 | groupId 02 | flags 09 | payload
        assertThat(HexFormat.of().formatHex(codec.encode(frame))).isEqualTo("0000000b" + "dd01" + "01" + "13"
                + "ac02" + "02" + "09" + "010203");
    }

    @Test
    void roundTripsExtremeHeaderValues() throws FrameDecodingException {
        int[] ints = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
        long[] longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE};
        for (int type : ints) {
            for (long requestId : longs) {
                for (long groupId : longs) {
                    Frame frame = new Frame(type, requestId, groupId, ~type, new byte[type & 7]);
                    ByteBuffer in = ByteBuffer.wrap(codec.encode(frame));
                    assertThat(codec.decode(in)).isEqualTo(frame);
                    assertThat(in.hasRemaining()).isFalse();
                }
            }
        }
    }

    @Test
    void encodesIntoABufferAtItsPositionWhateverItsByteOrder() throws FrameDecodingException {
        Frame frame = new Frame(12, 7, 9, Frame.ONE_WAY, new byte[] {9, 8, 7});
        ByteBuffer out = ByteBuffer.allocateDirect(100).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 42);
        codec.encode(frame, out);
        assertThat(out.position()).isEqualTo(1 + codec.encodedSize(frame));
        out.flip().get();
        assertThat(codec.decode(out)).isEqualTo(frame);
    }

    @Test
    void refusesToEncodeIntoABufferWithoutRoomAndWritesNothing() {
        Frame frame = new Frame(12, 7, 9, 0, new byte[10]);
        ByteBuffer out = ByteBuffer.allocate(codec.encodedSize(frame) - 1);
        assertThatThrownBy(() -> codec.encode(frame, out)).isInstanceOf(BufferOverflowException.class);
        assertThat(out.position()).isZero();
    }

    @Test
    void refusesToEncodeAFrameOverTheLimit() {
        Frame fits = new Frame(1, 1, 1, 0, new byte[(64 << 10) - 11]);
        assertThat(codec.encode(fits)).hasSize(64 << 10);
        Frame tooBig = new Frame(1, 1, 1, 0, new byte[(64 << 10) - 10]);
        assertThatThrownBy(() -> codec.encode(tooBig)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds the limit of 65536 bytes");
    }

    @Test
    void waitsForTheRestOfAFrameWithoutMovingThePosition() throws FrameDecodingException {
        byte[] wire = codec.encode(new Frame(5, 6, 7, 8, new byte[100]));
        for (int available = 0; available < wire.length; available++) {
            ByteBuffer in = ByteBuffer.wrap(wire, 0, available);
            assertThat(codec.decode(in)).as("%d of %d bytes", available, wire.length).isNull();
            assertThat(in.position()).isZero();
        }
    }

    @Test
    void decodesAStreamCutAtArbitraryPoints() throws FrameDecodingException {
        Random random = new Random(7);
        List<Frame> sent = new ArrayList<>();
        ByteBuffer stream = ByteBuffer.allocate(1 << 20);
        for (int i = 0; i < 200; i++) {
            byte[] payload = new byte[random.nextInt(2000)];
            random.nextBytes(payload);
            Frame frame = new Frame(random.nextInt(60), random.nextLong(), random.nextInt(5), random.nextInt(64),
                    payload);
            sent.add(frame);
            codec.encode(frame, stream);
        }
        byte[] wire = new byte[stream.position()];
        stream.flip().get(wire);
        // A receive buffer filled in random-sized reads, compacted after each decoding pass.
        ByteBuffer receive = ByteBuffer.allocate(codec.maxFrameBytes() * 2);
        List<Frame> received = new ArrayList<>();
        int offset = 0;
        while (offset < wire.length) {
            int n = Math.min(wire.length - offset, 1 + random.nextInt(3000));
            receive.put(wire, offset, n);
            offset += n;
            receive.flip();
            Frame f;
            while ((f = codec.decode(receive)) != null) {
                received.add(f);
            }
            receive.compact();
        }
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void rejectsABadMagicAsSoonAsItArrives() {
        byte[] wire = HexFormat.of().parseHex("00000010" + "4745");
        assertRejected(wire, Reason.BAD_MAGIC, "bad magic 0x4745 (expected 0xDD01)");
    }

    @Test
    void rejectsAnHttpRequestByItsLength() {
        byte[] wire = "GET / HTTP/1.1\r\n".getBytes();
        assertRejected(wire, Reason.FRAME_TOO_LARGE, "frame length field says 1195725856 bytes");
    }

    @Test
    void rejectsAnotherProtocolVersion() {
        byte[] wire = HexFormat.of().parseHex("00000010" + "dd01" + "02");
        assertRejected(wire, Reason.UNSUPPORTED_VERSION, "peer speaks protocol version 2; this node speaks version 1");
    }

    @ParameterizedTest
    @ValueSource(longs = {0xFFFF_FFFFL, 0x8000_0000L, 0x7FFF_FFFFL, (64 << 10) - 3})
    void rejectsALengthOverTheLimitBeforeTheFrameArrivesAndWithoutAllocating(long length) {
        byte[] wire = {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        decodeExpectingFailure(ByteBuffer.wrap(wire)); // loads the classes involved
        ByteBuffer in = ByteBuffer.wrap(wire);
        long before = threads.getCurrentThreadAllocatedBytes();
        FrameDecodingException e = decodeExpectingFailure(in);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(e.reason()).isEqualTo(Reason.FRAME_TOO_LARGE);
        assertThat(allocated).as("bytes allocated while rejecting").isLessThan(16 << 10);
        assertThat(in.position()).isZero();
    }

    private FrameDecodingException decodeExpectingFailure(ByteBuffer in) {
        try {
            Frame f = codec.decode(in);
            throw new AssertionError("decoded " + f);
        } catch (FrameDecodingException e) {
            return e;
        }
    }

    @Test
    void acceptsALengthExactlyAtTheLimit() throws FrameDecodingException {
        Frame frame = new Frame(1, 1, 1, 0, new byte[(64 << 10) - 11]);
        ByteBuffer in = ByteBuffer.wrap(codec.encode(frame));
        assertThat(codec.decode(in)).isEqualTo(frame);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 6})
    void rejectsALengthTooSmallForAHeader(int length) {
        byte[] wire = new byte[20];
        wire[3] = (byte) length;
        assertRejected(wire, Reason.FRAME_TOO_SMALL, "a frame header takes at least 7");
    }

    @Test
    void rejectsAHeaderVarintThatRunsPastTheFrame() {
        // length 7: magic, version, type 5, then a requestId whose bytes all say "more follows".
        byte[] wire = HexFormat.of().parseHex("00000007" + "dd01" + "01" + "05" + "808080" + "ffff");
        assertRejected(wire, Reason.TRUNCATED, "frame requestId at offset 1: varint runs past the end");
    }

    @Test
    void rejectsAnOverlongHeaderVarint() {
        byte[] wire = HexFormat.of().parseHex("00000012" + "dd01" + "01" + "05" + "ffffffffffffffffffff01" + "000000");
        assertRejected(wire, Reason.MALFORMED_VARINT, "frame requestId");
    }

    @Test
    void rejectsATypeOverThirtyTwoBits() {
        byte[] wire = HexFormat.of().parseHex("0000000b" + "dd01" + "01" + "8080808010" + "00" + "00" + "00");
        assertRejected(wire, Reason.MALFORMED_VARINT, "frame type");
    }

    @Test
    void rejectsANonMinimalHeaderVarint() {
        byte[] wire = HexFormat.of().parseHex("00000008" + "dd01" + "01" + "8500" + "00" + "00" + "00");
        assertRejected(wire, Reason.MALFORMED_VARINT, "not minimally encoded");
    }

    @Test
    void refusesALimitThatCannotHoldAHeader() {
        assertThatThrownBy(() -> new FrameCodec(10)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new FrameCodec(11).maxFrameBytes()).isEqualTo(11);
        assertThat(new FrameCodec().maxFrameBytes()).isEqualTo(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    }

    @Test
    void flagsCombine() {
        Frame f = new Frame(1, 2, 0, Frame.RESPONSE | Frame.STREAM_MORE, null);
        assertThat(f.has(Frame.RESPONSE)).isTrue();
        assertThat(f.has(Frame.STREAM_MORE)).isTrue();
        assertThat(f.has(Frame.STREAM_END)).isFalse();
        assertThat(f.has(Frame.RESPONSE | Frame.ERROR)).isFalse();
        assertThat(f.payload()).isEmpty();
    }

    private void assertRejected(byte[] wire, Reason reason, String messagePart) {
        ByteBuffer in = ByteBuffer.wrap(wire);
        ThrowingCallable decode = () -> codec.decode(in);
        assertThatThrownBy(decode).isInstanceOf(FrameDecodingException.class).hasMessageContaining(messagePart)
                .extracting(e -> ((FrameDecodingException) e).reason()).isEqualTo(reason);
        assertThat(in.position()).isZero();
    }
}
