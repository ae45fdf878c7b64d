package org.distdata.web.json;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a request body through, failing with PAYLOAD_TOO_LARGE as soon as more than
 * {@code limit} bytes have been read, so an oversized body is refused without buffering it.
 */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(long n) {
        count += n;
        if (count > limit) {
            throw tooLarge(limit);
        }
    }

    static DistDataException tooLarge(long limit) {
        return new DistDataException(ErrorCode.PAYLOAD_TOO_LARGE,
                "request body larger than " + limit + " bytes", null, java.util.Map.of("limitBytes", limit));
    }
}
