package org.distdata.transport.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

import org.distdata.transport.codec.Frame;
import org.distdata.transport.codec.FrameCodec;
import org.distdata.transport.codec.FrameDecodingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Property test: every message the generator makes survives encode → frame → bytes → frame →
 * decode unchanged, and its payload re-encodes to the same bytes (the encoding is canonical).
 */
class MessageRoundTripTest {

    private static final long SEED = Long.getLong("roundtrip.seed", 20240611L);
    private static final int CASES_PER_TYPE = Integer.getInteger("roundtrip.cases", 2000);

    private final MessageCodec messages = new MessageCodec();
    private final FrameCodec frames = new FrameCodec();

    static java.util.List<MessageType> cataloguedTypes() {
        return MessageType.cataloguedTypes();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("cataloguedTypes")
    void everyMessageOfTheTypeSurvivesTheWireUnchanged(MessageType type) throws FrameDecodingException {
        long seed = SEED * 31 + type.code();
        RandomMessages gen = new RandomMessages(seed);
        for (int i = 0; i < CASES_PER_TYPE; i++) {
            Object message = gen.of(type);
            long requestId = gen.anyLong();
            int flags = gen.anyInt();
            roundTrip(message, requestId, flags, seed, i);
        }
    }

    @Test
    void framesOfEveryTypeDecodeFromOneStreamInOrder() throws FrameDecodingException {
        RandomMessages gen = new RandomMessages(SEED);
        Map<MessageType, Integer> seen = new EnumMap<>(MessageType.class);
        Object[] sent = new Object[500];
        Frame[] sentFrames = new Frame[sent.length];
        int size = 0;
        for (int i = 0; i < sent.length; i++) {
            sent[i] = gen.of(MessageType.cataloguedTypes().get(i % MessageType.cataloguedTypes().size()));
            sentFrames[i] = messages.toFrame(sent[i], i, Frame.ONE_WAY);
            size += frames.encodedSize(sentFrames[i]);
        }
        ByteBuffer stream = ByteBuffer.allocate(size);
        for (Frame frame : sentFrames) {
            frames.encode(frame, stream);
        }
        stream.flip();
        for (Object expected : sent) {
            Frame frame = frames.decode(stream);
            Object actual = messages.decode(frame);
            assertThat(WireEquality.same(actual, expected)).as("%s", expected).isTrue();
            seen.merge(messages.typeOf(actual), 1, Integer::sum);
        }
        assertThat(stream.hasRemaining()).isFalse();
        assertThat(seen).hasSize(MessageType.cataloguedTypes().size());
    }

    private void roundTrip(Object message, long requestId, int flags, long seed, int i)
            throws FrameDecodingException {
        Frame frame = messages.toFrame(message, requestId, flags);
        byte[] wire = frames.encode(frame);
        assertThat(wire).hasSize(frames.encodedSize(frame));
        ByteBuffer in = ByteBuffer.wrap(wire);
        Frame decodedFrame = frames.decode(in);
        assertThat(in.remaining()).isZero();
        assertThat(decodedFrame).isEqualTo(frame);
        Object decoded = messages.decode(decodedFrame);
        if (!WireEquality.same(decoded, message)) {
            fail("seed %d case %d: %s%n decoded as %s%n wire %s", seed, i, message, decoded,
                    HexFormat.of().formatHex(wire, 0, Math.min(wire.length, 512)));
        }
        assertThat(messages.encode(decoded)).isEqualTo(frame.payload());
    }
}
