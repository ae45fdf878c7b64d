package org.distdata.transport.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.distdata.transport.codec.Frame;
import org.distdata.transport.codec.FrameCodec;
import org.distdata.transport.codec.FrameDecodingException;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated frames to {@link FrameCodec#decode} and {@link MessageCodec#decode}
 * and checks that a malformed frame can only ever end in {@link FrameDecodingException}: no
 * other exception, no error, no allocation driven by a length field. Inputs are valid frames
 * of every message type put through bit flips, byte changes, truncation, extension,
 * length-field changes, payload edits with a corrected length, inserted oversized varints,
 * swapped types and spliced payloads, plus plain random bytes. Whatever does decode must
 * re-encode to the very bytes it came from (the encodings are canonical).
 *
 * <p>Seeded and reproducible: {@code -Dfuzz.seed=S} and {@code -Dfuzz.frames=N} override the
 * defaults; a failure prints the seed, the input's number and its bytes in hex.
 */
class WireFuzzTest {

    private static final int FRAMES = Integer.getInteger("fuzz.frames", 1_000_000);
    private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_DD01L);
    private static final int MAX_FRAME = 64 << 10;
    private static final int CORPUS = 6000;
    /** Slack for exception objects and messages on top of the largest legal payload. */
    private static final long FRAME_DECODE_ALLOCATION_LIMIT = MAX_FRAME + (16 << 10);
    /**
     * Decoding a message builds objects, so it allocates more than its payload, but only a
     * bounded multiple of it (40 to 120 seen, depending on the JIT: a one-byte node id becomes
     * a boxed Long in two tree sets); never an amount a length field asks for.
     */
    private static final double MESSAGE_DECODE_ALLOCATION_PER_BYTE = 256;

    private final FrameCodec frames = new FrameCodec(MAX_FRAME);
    private final MessageCodec messages = new MessageCodec();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final List<Frame> corpus = new ArrayList<>();
    private final List<byte[]> corpusBytes = new ArrayList<>();
    private long decoded;
    private long rejected;
    private long incomplete;
    private long maxFrameDecodeAllocation;
    private double maxMessageAllocationPerByte;

    @Test
    void onlyFrameDecodingExceptionEverEscapesTheDecoders() {
        long start = System.nanoTime();
        buildCorpus();
        warmUp();
        Random random = new Random(SEED);
        for (int i = 0; i < FRAMES; i++) {
            byte[] input = mutate(random);
            feed(input, i, true);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Fuzz: %d frames, %d decoded, %d rejected cleanly, 0 crashes, %.1f s"
                        + " (%d incomplete, awaiting more bytes; seed %d; frame decode allocated at most %d bytes;"
                        + " message decode at most %.0f bytes per payload byte)%n",
                FRAMES, decoded, rejected, seconds, incomplete, SEED, maxFrameDecodeAllocation,
                maxMessageAllocationPerByte);
        assertThat(decoded + rejected + incomplete).isEqualTo(FRAMES);
        assertThat(decoded).as("valid frames still decode").isPositive();
        assertThat(rejected).as("mutations are mostly caught").isGreaterThan(FRAMES / 2);
    }

    private void buildCorpus() {
        RandomMessages gen = new RandomMessages(SEED);
        java.util.List<MessageType> types = MessageType.cataloguedTypes();
        for (int i = 0; corpus.size() < CORPUS; i++) {
            Object message = gen.of(types.get(i % types.size()));
            Frame frame = messages.toFrame(message, gen.anyLong(), gen.anyInt() & 63);
            if (frames.encodedSize(frame) <= MAX_FRAME) {
                corpus.add(frame);
                corpusBytes.add(frames.encode(frame));
            }
        }
    }

    /**
     * Runs every decoding path a few times with another seed and discards the counts: class
     * loading and first-use initialisation allocate on the calling thread and would otherwise
     * be charged to the first inputs.
     */
    private void warmUp() {
        Random random = new Random(~SEED);
        for (int i = 0; i < 20_000; i++) {
            feed(mutate(random), -1, false);
        }
        decoded = 0;
        rejected = 0;
        incomplete = 0;
        maxFrameDecodeAllocation = 0;
        maxMessageAllocationPerByte = 0;
    }

    private void feed(byte[] input, int i, boolean checkAllocation) {
        ByteBuffer in = ByteBuffer.wrap(input);
        try {
            while (true) {
                int start = in.position();
                long before = threads.getCurrentThreadAllocatedBytes();
                Frame frame;
                try {
                    frame = frames.decode(in);
                } finally {
                    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                    maxFrameDecodeAllocation = Math.max(maxFrameDecodeAllocation, allocated);
                    if (checkAllocation && allocated > FRAME_DECODE_ALLOCATION_LIMIT) {
                        throw new FuzzFailure(report("frame decode allocated " + allocated + " bytes", i, input, null), null);
                    }
                }
                if (frame == null) {
                    incomplete++;
                    return;
                }
                before = threads.getCurrentThreadAllocatedBytes();
                Object message;
                try {
                    message = messages.decode(frame);
                } finally {
                    double perByte = (double) (threads.getCurrentThreadAllocatedBytes() - before)
                            / (frame.payload().length + 16);
                    maxMessageAllocationPerByte = Math.max(maxMessageAllocationPerByte, perByte);
                    if (checkAllocation && perByte > MESSAGE_DECODE_ALLOCATION_PER_BYTE) {
                        throw new FuzzFailure(report("message decode allocated " + perByte
                                + " bytes per payload byte", i, input, null), null);
                    }
                }
                checkCanonical(input, start, in.position(), frame, message, i);
                if (!in.hasRemaining()) {
                    decoded++;
                    return;
                }
            }
        } catch (FrameDecodingException e) {
            rejected++;
        } catch (FuzzFailure f) {
            throw f;
        } catch (Throwable t) {
            throw new FuzzFailure(report("decoding threw " + t, i, input, t), t);
        }
    }

    private void checkCanonical(byte[] input, int from, int to, Frame frame, Object message, int i) {
        if (!Arrays.equals(frames.encode(frame), Arrays.copyOfRange(input, from, to))) {
            throw new FuzzFailure(report("decoded frame re-encodes differently", i, input, null), null);
        }
        byte[] payload = messages.encode(message);
        if (!Arrays.equals(payload, frame.payload())) {
            throw new FuzzFailure(report("decoded " + message + " re-encodes to " + HexFormat.of().formatHex(payload), i,
                    input, null), null);
        }
    }

    /** A broken property, reported with what it takes to reproduce it. */
    private static final class FuzzFailure extends AssertionError {
        FuzzFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String report(String what, int i, byte[] input, Throwable t) {
        int shown = Math.min(input.length, 2048);
        return String.format("%s%n  reproduce with -Dfuzz.seed=%d (input #%d of %d bytes%s): %s%s", what, SEED, i,
                input.length, shown < input.length ? ", first " + shown + " shown" : "",
                HexFormat.of().formatHex(input, 0, shown), t == null ? "" : "\n  " + t);
    }

    private byte[] mutate(Random r) {
        int pick = r.nextInt(corpus.size());
        Frame frame = corpus.get(pick);
        byte[] wire = corpusBytes.get(pick);
        int strategy = r.nextInt(100);
        if (strategy < 5) {
            return wire;
        } else if (strategy < 18) {
            return flipBits(r, wire.clone(), 1 + r.nextInt(8));
        } else if (strategy < 28) {
            return setBytes(r, wire.clone(), 1 + r.nextInt(4));
        } else if (strategy < 36) {
            return Arrays.copyOf(wire, r.nextInt(wire.length));
        } else if (strategy < 56) {
            return reframe(frame, mutatePayload(r, frame.payload()));
        } else if (strategy < 64) {
            return reframe(frame, Arrays.copyOf(frame.payload(), r.nextInt(frame.payload().length + 1)));
        } else if (strategy < 69) {
            return extend(r, wire);
        } else if (strategy < 75) {
            return changeLength(r, wire.clone());
        } else if (strategy < 80) {
            return randomBytes(r);
        } else if (strategy < 88) {
            return hugeVarint(r, frame, wire);
        } else if (strategy < 94) {
            MessageType other = MessageType.values()[r.nextInt(MessageType.values().length)];
            int type = r.nextInt(10) == 0 ? r.nextInt() : other.code();
            return encodeFitting(new Frame(type, frame.requestId(), frame.groupId(), frame.flags(), frame.payload()));
        }
        Frame donor = corpus.get(r.nextInt(corpus.size()));
        return reframe(frame, donor.payload());
    }

    private byte[] reframe(Frame frame, byte[] payload) {
        return encodeFitting(new Frame(frame.type(), frame.requestId(), frame.groupId(), frame.flags(), payload));
    }

    /** Encodes {@code frame}, its payload cut short if a mutation made it outgrow the frame limit. */
    private byte[] encodeFitting(Frame frame) {
        int over = frames.encodedSize(frame) - MAX_FRAME;
        if (over > 0) {
            byte[] payload = frame.payload();
            frame = new Frame(frame.type(), frame.requestId(), frame.groupId(), frame.flags(),
                    Arrays.copyOf(payload, payload.length - over));
        }
        return frames.encode(frame);
    }

    private static byte[] flipBits(Random r, byte[] bytes, int n) {
        if (bytes.length > 0) {
            for (int k = 0; k < n; k++) {
                int bit = r.nextInt(bytes.length * 8);
                bytes[bit >>> 3] ^= (byte) (1 << (bit & 7));
            }
        }
        return bytes;
    }

    private static final byte[] INTERESTING = {0, (byte) 0xFF, (byte) 0x80, 0x7F, 1, 2, (byte) 0xC0, (byte) 0xED};

    private static byte[] setBytes(Random r, byte[] bytes, int n) {
        if (bytes.length > 0) {
            for (int k = 0; k < n; k++) {
                bytes[r.nextInt(bytes.length)] = r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)]
                        : (byte) r.nextInt();
            }
        }
        return bytes;
    }

    private static byte[] mutatePayload(Random r, byte[] payload) {
        switch (r.nextInt(4)) {
            case 0:
                return flipBits(r, payload.clone(), 1 + r.nextInt(4));
            case 1:
                return setBytes(r, payload.clone(), 1 + r.nextInt(3));
            case 2: {
                int at = r.nextInt(payload.length + 1);
                byte[] inserted = new byte[1 + r.nextInt(8)];
                r.nextBytes(inserted);
                byte[] out = new byte[payload.length + inserted.length];
                System.arraycopy(payload, 0, out, 0, at);
                System.arraycopy(inserted, 0, out, at, inserted.length);
                System.arraycopy(payload, at, out, at + inserted.length, payload.length - at);
                return out;
            }
            default: {
                if (payload.length == 0) {
                    return payload;
                }
                int at = r.nextInt(payload.length);
                int n = Math.min(payload.length - at, 1 + r.nextInt(8));
                byte[] out = new byte[payload.length - n];
                System.arraycopy(payload, 0, out, 0, at);
                System.arraycopy(payload, at + n, out, at, payload.length - at - n);
                return out;
            }
        }
    }

    /** Appends bytes: garbage after the frame, or a second frame, with the length field kept or grown to cover them. */
    private byte[] extend(Random r, byte[] wire) {
        byte[] tail;
        if (r.nextBoolean()) {
            tail = corpusBytes.get(r.nextInt(corpus.size()));
        } else {
            tail = new byte[1 + r.nextInt(64)];
            r.nextBytes(tail);
        }
        byte[] out = Arrays.copyOf(wire, wire.length + tail.length);
        System.arraycopy(tail, 0, out, wire.length, tail.length);
        if (r.nextBoolean()) {
            putLength(out, (long) out.length - 4);
        }
        return out;
    }

    private static byte[] changeLength(Random r, byte[] wire) {
        long length = readLength(wire);
        long[] choices = {0xFFFF_FFFFL, 0x8000_0000L, 0x7FFF_FFFFL, MAX_FRAME - 4, MAX_FRAME - 3, 0, 6, 7,
                length + 1, length - 1, length + 1 + r.nextInt(100), Math.max(0, length - 1 - r.nextInt(100)),
                r.nextInt() & 0xFFFF_FFFFL, r.nextInt(MAX_FRAME)};
        putLength(wire, choices[r.nextInt(choices.length)]);
        return wire;
    }

    private static byte[] randomBytes(Random r) {
        byte[] bytes = new byte[r.nextInt(300)];
        r.nextBytes(bytes);
        if (bytes.length >= 7 && r.nextBoolean()) {
            putLength(bytes, bytes.length - 4);
            bytes[4] = (byte) (FrameCodec.MAGIC >>> 8);
            bytes[5] = (byte) FrameCodec.MAGIC;
            bytes[6] = (byte) FrameCodec.VERSION;
        }
        return bytes;
    }

    /** Overwrites or inserts a run of continuation bytes, 9 to 12 long, in the header or payload. */
    private byte[] hugeVarint(Random r, Frame frame, byte[] wire) {
        byte[] run = new byte[9 + r.nextInt(4)];
        Arrays.fill(run, (byte) (0x80 | r.nextInt(0x80)));
        byte[] last = {0x00, 0x01, 0x02, 0x7F, (byte) 0xFF};
        run[run.length - 1] = last[r.nextInt(last.length)];
        if (r.nextBoolean()) {
            byte[] payload = frame.payload();
            int at = r.nextInt(payload.length + 1);
            byte[] out = new byte[payload.length + run.length];
            System.arraycopy(payload, 0, out, 0, at);
            System.arraycopy(run, 0, out, at, run.length);
            System.arraycopy(payload, at, out, at + run.length, payload.length - at);
            return reframe(frame, r.nextBoolean() ? out : Arrays.copyOf(out, Math.min(out.length, at + run.length)));
        }
        byte[] out = wire.clone();
        int at = 7 + r.nextInt(Math.max(1, Math.min(out.length - 7, 24)));
        int n = Math.min(run.length, out.length - at);
        if (n > 0) {
            System.arraycopy(run, 0, out, at, n);
        }
        return out;
    }

    private static long readLength(byte[] wire) {
        return (wire[0] & 0xFFL) << 24 | (wire[1] & 0xFFL) << 16 | (wire[2] & 0xFFL) << 8 | (wire[3] & 0xFFL);
    }

    private static void putLength(byte[] wire, long length) {
        wire[0] = (byte) (length >>> 24);
        wire[1] = (byte) (length >>> 16);
        wire[2] = (byte) (length >>> 8);
        wire[3] = (byte) length;
    }
}
