package org.distdata.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.distdata.transport.codec.FrameDecodingException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadTest {

    @Test
    void roundTripsEveryFieldKind() throws FrameDecodingException {
        byte[] bytes = new PayloadWriter(1).writeBoolean(true).writeBoolean(false).writeUnsignedByte(255)
                .writeFixed32(0xCAFEBABE).writeFixed64(Long.MIN_VALUE).writeDouble(-0.0).writeFloat(Float.NaN)
                .writeBytes(null).writeBytes(new byte[0]).writeBytes(new byte[] {1, 2}).writeString(null)
                .writeString("").writeString("aé€😀").writeCount(2).writeUnsignedByte(7).writeUnsignedByte(8)
                .toByteArray();
        PayloadReader in = new PayloadReader(bytes);
        assertThat(in.readBoolean("a")).isTrue();
        assertThat(in.readBoolean("b")).isFalse();
        assertThat(in.readUnsignedByte("c")).isEqualTo(255);
        assertThat(in.readFixed32("d")).isEqualTo(0xCAFEBABE);
        assertThat(in.readFixed64("e")).isEqualTo(Long.MIN_VALUE);
        assertThat(Double.doubleToRawLongBits(in.readDouble("f"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(in.readFloat("g")).isNaN();
        assertThat(in.readBytes("h")).isNull();
        assertThat(in.readBytes("i")).isEmpty();
        assertThat(in.readBytes("j")).containsExactly(1, 2);
        assertThat(in.readString("k")).isNull();
        assertThat(in.readString("l")).isEmpty();
        assertThat(in.readString("m")).isEqualTo("aé€😀");
        assertThat(in.readCount("n", 1)).isEqualTo(2);
        assertThat(in.readUnsignedByte("o")).isEqualTo(7);
        assertThat(in.readUnsignedByte("p")).isEqualTo(8);
        in.expectEnd("all");
    }

    @Test
    void writesStringsAsStandardUtf8() {
        String s = "aé€😀\u0000\uFFFF";
        byte[] bytes = new PayloadWriter().writeString(s).toByteArray();
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes[0]).isEqualTo((byte) (utf8.length + 1));
        assertThat(java.util.Arrays.copyOfRange(bytes, 1, bytes.length)).isEqualTo(utf8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00b", "\uD83D", "x\uDE00\uD83D"})
    void refusesToWriteAStringWithAnUnpairedSurrogate(String s) {
        assertThatThrownBy(() -> new PayloadWriter().writeString(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "80",               // continuation byte alone
            "c0af",             // overlong '/'
            "c1bf",             // overlong
            "e080af",           // overlong three-byte
            "eda080",           // UTF-16 surrogate D800 (CESU-8)
            "f08080af",         // overlong four-byte
            "f4908080",         // above U+10FFFF
            "f5808080",         // invalid lead byte
            "ff",               // invalid byte
            "e282",             // truncated sequence
            "61e228a1",         // bad continuation
    })
    void rejectsMalformedUtf8(String hex) {
        byte[] utf8 = HexFormat.of().parseHex(hex);
        byte[] bytes = new PayloadWriter().writeBytes(utf8).toByteArray();
        assertRejected(() -> new PayloadReader(bytes).readString("name"), Reason.BAD_UTF8, "name at offset 0");
    }

    @Test
    void acceptsTheLargestAndSmallestCodePointsOfEachLength() throws FrameDecodingException {
        String s = "\u0000\u007F\u0080\u07FF\u0800\uD7FF\uE000\uFFFF" + new String(Character.toChars(0x10000))
                + new String(Character.toChars(0x10FFFF));
        byte[] bytes = new PayloadWriter().writeBytes(s.getBytes(StandardCharsets.UTF_8)).toByteArray();
        assertThat(new PayloadReader(bytes).readString("s")).isEqualTo(s);
    }

    @Test
    void rejectsALengthLongerThanWhatIsLeftBeforeAllocating() {
        byte[] bytes = new PayloadWriter().writeVarLong(Integer.MAX_VALUE).writeUnsignedByte(1).toByteArray();
        assertRejected(() -> new PayloadReader(bytes).readBytes("data"), Reason.BAD_LENGTH,
                "data at offset 0: length 2147483646 exceeds the remaining 1 byte(s)");
        byte[] huge = new PayloadWriter().writeVarLong(-1L).toByteArray();
        assertRejected(() -> new PayloadReader(huge).readString("s"), Reason.BAD_LENGTH, "exceeds the remaining");
    }

    @Test
    void rejectsACountTheRestCannotHold() throws FrameDecodingException {
        byte[] bytes = new PayloadWriter().writeCount(5).writeFixed64(0).toByteArray();
        assertRejected(() -> new PayloadReader(bytes).readCount("entries", 2), Reason.BAD_LENGTH,
                "count 5 exceeds what the remaining 8 byte(s) can hold");
        assertThat(new PayloadReader(bytes).readCount("entries", 1)).isEqualTo(5);
        byte[] negative = new PayloadWriter().writeVarLong(Long.MIN_VALUE).toByteArray();
        assertRejected(() -> new PayloadReader(negative).readCount("n", 1), Reason.BAD_LENGTH, "count 9223372036854775808");
    }

    @Test
    void rejectsABooleanOtherThanZeroOrOne() {
        assertRejected(() -> new PayloadReader(new byte[] {2}).readBoolean("last"), Reason.BAD_VALUE,
                "boolean byte must be 0 or 1, was 2");
    }

    @Test
    void rejectsACodeOutOfRange() {
        assertRejected(() -> new PayloadReader(new byte[] {3}).readCode("kind", 3), Reason.BAD_VALUE,
                "code 3 is not one of 0..2");
    }

    @Test
    void rejectsNonCanonicalNaN() {
        byte[] d = new PayloadWriter().writeFixed64(0x7FF0_0000_0000_0001L).toByteArray();
        assertRejected(() -> new PayloadReader(d).readDouble("x"), Reason.BAD_VALUE, "non-canonical NaN");
        byte[] f = new PayloadWriter().writeFixed32(0xFFC0_0000).toByteArray();
        assertRejected(() -> new PayloadReader(f).readFloat("y"), Reason.BAD_VALUE, "non-canonical NaN");
    }

    @Test
    void rejectsFixedWidthFieldsThatRunPastTheEnd() {
        assertRejected(() -> new PayloadReader(new byte[7]).readFixed64("x"), Reason.TRUNCATED, "needs 8 byte(s), 7 left");
        assertRejected(() -> new PayloadReader(new byte[0]).readBoolean("b"), Reason.TRUNCATED, "needs 1 byte(s)");
    }

    @Test
    void rejectsNullWhereAValueIsRequired() {
        byte[] nul = {0};
        assertRejected(() -> new PayloadReader(nul).readRequiredString("s"), Reason.BAD_VALUE, "must not be null");
        assertRejected(() -> new PayloadReader(nul).readRequiredBytes("b"), Reason.BAD_VALUE, "must not be null");
    }

    @Test
    void rejectsTrailingBytes() {
        assertRejected(() -> new PayloadReader(new byte[] {1, 2}).expectEnd("payload"), Reason.TRAILING_BYTES,
                "2 unexpected trailing byte(s) after payload at offset 0");
    }

    @Test
    void readsARegionOfADirectBuffer() throws FrameDecodingException {
        ByteBuffer buf = ByteBuffer.allocateDirect(16);
        buf.put(new byte[] {9, 9, 3, 'a', 'b', 9});
        PayloadReader in = new PayloadReader(buf, 2, 5);
        assertThat(in.readString("s")).isEqualTo("ab");
        in.expectEnd("region");
        assertThat(in.position()).isEqualTo(5);
    }

    private static void assertRejected(ThrowingCallable call, Reason reason, String messagePart) {
        assertThatThrownBy(call).isInstanceOf(FrameDecodingException.class).hasMessageContaining(messagePart)
                .extracting(e -> ((FrameDecodingException) e).reason()).isEqualTo(reason);
    }
}
