package org.distdata.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import org.distdata.transport.codec.FrameDecodingException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VarintTest {

    @ParameterizedTest
    @CsvSource({
            "0, 00",
            "1, 01",
            "127, 7f",
            "128, 8001",
            "300, ac02",
            "16383, ff7f",
            "16384, 808001",
            "2147483647, ffffffff07",
            "4294967295, ffffffff0f",
            "9223372036854775807, ffffffffffffffff7f",
            "-1, ffffffffffffffffff01",
            "-9223372036854775808, 80808080808080808001",
    })
    void encodesAsLittleEndianBase128(long value, String hex) throws FrameDecodingException {
        byte[] expected = HexFormat.of().parseHex(hex);
        assertThat(new PayloadWriter().writeVarLong(value).toByteArray()).isEqualTo(expected);
        assertThat(Varint.size(value)).isEqualTo(expected.length);
        ByteBuffer buf = ByteBuffer.allocate(16);
        Varint.write(buf, value);
        assertThat(buf.position()).isEqualTo(expected.length);
        PayloadReader in = new PayloadReader(expected);
        assertThat(in.readVarLong("v")).isEqualTo(value);
        in.expectEnd("v");
    }

    @Test
    void sizesGrowBySevenBits() {
        for (int bits = 0; bits < 64; bits++) {
            long v = 1L << bits;
            assertThat(Varint.size(v)).as("2^%d", bits).isEqualTo(bits / 7 + 1);
            assertThat(Varint.size(v - 1)).as("2^%d-1", bits).isEqualTo(Math.max(1, (bits + 6) / 7));
        }
        assertThat(Varint.size(-1)).isEqualTo(5);
        assertThat(Varint.size(-1L)).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 63, -64, 64, -65, Long.MAX_VALUE, Long.MIN_VALUE})
    void zigZagKeepsSmallMagnitudesSmall(long v) throws FrameDecodingException {
        assertThat(Varint.unZigZag(Varint.zigZag(v))).isEqualTo(v);
        byte[] bytes = new PayloadWriter().writeZigZagLong(v).toByteArray();
        if (v >= -64 && v <= 63) {
            assertThat(bytes).hasSize(1);
        }
        assertThat(new PayloadReader(bytes).readZigZagLong("v")).isEqualTo(v);
    }

    @Test
    void zigZagMapsSignsAlternately() {
        assertThat(Varint.zigZag(0L)).isZero();
        assertThat(Varint.zigZag(-1L)).isEqualTo(1);
        assertThat(Varint.zigZag(1L)).isEqualTo(2);
        assertThat(Varint.zigZag(-2L)).isEqualTo(3);
        assertThat(Varint.zigZag(Integer.MIN_VALUE)).isEqualTo(-1);
        assertThat(Varint.unZigZag(-1)).isEqualTo(Integer.MIN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void intsTravelAsTheirThirtyTwoBits(int v) throws FrameDecodingException {
        byte[] bytes = new PayloadWriter().writeVarInt(v).toByteArray();
        assertThat(bytes.length).isLessThanOrEqualTo(5);
        assertThat(new PayloadReader(bytes).readVarInt("v")).isEqualTo(v);
        assertThat(new PayloadReader(new PayloadWriter().writeZigZagInt(v).toByteArray()).readZigZagInt("v"))
                .isEqualTo(v);
    }

    @Test
    void rejectsAnElevenByteVarint() {
        assertRejected("ffffffffffffffffffff01", Reason.MALFORMED_VARINT);
    }

    @Test
    void rejectsATenthByteThatOverflowsSixtyFourBits() {
        assertRejected("ffffffffffffffffff02", Reason.MALFORMED_VARINT);
        assertRejected("ffffffffffffffffff7f", Reason.MALFORMED_VARINT);
    }

    @Test
    void rejectsRedundantTrailingZeroGroups() {
        assertRejected("8000", Reason.MALFORMED_VARINT);
        assertRejected("ff00", Reason.MALFORMED_VARINT);
        assertRejected("80808080808080808000", Reason.MALFORMED_VARINT);
    }

    @Test
    void rejectsAVarintThatRunsPastTheEnd() {
        assertRejected("", Reason.TRUNCATED);
        assertRejected("80", Reason.TRUNCATED);
        assertRejected("ffffffff", Reason.TRUNCATED);
    }

    @Test
    void rejectsAThirtyTwoBitVarintOverThirtyTwoBits() {
        byte[] bytes = new PayloadWriter().writeVarLong(1L << 32).toByteArray();
        assertThatThrownBy(() -> new PayloadReader(bytes).readVarInt("n"))
                .isInstanceOf(FrameDecodingException.class)
                .hasMessageContaining("overflows 32 bits")
                .extracting(e -> ((FrameDecodingException) e).reason()).isEqualTo(Reason.MALFORMED_VARINT);
    }

    private static void assertRejected(String hex, Reason reason) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertThatThrownBy(() -> new PayloadReader(bytes).readVarLong("n"))
                .isInstanceOf(FrameDecodingException.class)
                .hasMessageStartingWith("n at offset 0")
                .extracting(e -> ((FrameDecodingException) e).reason()).isEqualTo(reason);
    }
}
