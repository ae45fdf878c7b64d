package org.distdata.partition.remote;

import java.math.BigDecimal;
import java.util.List;

/**
 * Cheap upper estimates of the bytes SQL values take on the wire (a tag, a length, UTF-8 at
 * its widest), so that row batches and statement batches can be cut well below the frame
 * limit without encoding anything twice.
 */
final class WireSizes {

    private WireSizes() {
    }

    static long of(Object value) {
        if (value instanceof String s) {
            return 6 + 3L * s.length();
        } else if (value instanceof byte[] b) {
            return 6 + b.length;
        } else if (value instanceof BigDecimal d) {
            return 12 + d.unscaledValue().bitLength() / 8;
        }
        return 11; // the largest fixed-size value: a tag and a 10-byte varint
    }

    static long ofRow(List<Object> row) {
        long bytes = 5; // the row's value count
        for (Object value : row) {
            bytes += of(value);
        }
        return bytes;
    }
}
