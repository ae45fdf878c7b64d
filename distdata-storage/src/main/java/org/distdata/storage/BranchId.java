package org.distdata.storage;

import javax.transaction.xa.Xid;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The XA identifier of one partition's branch of a cross-partition transaction: the global
 * transaction id shared by all branches plus the partition number as branch qualifier.
 */
record BranchId(String globalId, int partition) implements Xid {
    /** Marks our own branches, so recovery leaves foreign XA transactions alone. */
    static final int FORMAT = 0x44445831; // "DDX1"

    static BranchId from(Xid xid) {
        return new BranchId(new String(xid.getGlobalTransactionId(), StandardCharsets.US_ASCII),
                ByteBuffer.wrap(xid.getBranchQualifier()).getInt());
    }

    @Override
    public int getFormatId() {
        return FORMAT;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return globalId.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] getBranchQualifier() {
        return ByteBuffer.allocate(4).putInt(partition).array();
    }

    static boolean isOurs(Xid xid) {
        return xid.getFormatId() == FORMAT && xid.getBranchQualifier().length == 4
                && !Arrays.equals(xid.getGlobalTransactionId(), new byte[0]);
    }
}
