package org.distdata.partition;

import java.util.Map;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;

/**
 * A partition request reached a node that does not lead the partition (any more). Nothing was
 * done; the gateway retries at {@link #leaderHint()} (0 when unknown) within the statement's
 * time limit. Reported to a client only when retries run out, as the retryable
 * {@code NODE_UNAVAILABLE}.
 */
public final class NotLeaderException extends DistDataException {

    private final int partition;
    private final long leaderHint;

    public NotLeaderException(int partition, long leaderHint) {
        super(ErrorCode.NODE_UNAVAILABLE, "this node does not lead partition " + partition
                + (leaderHint > 0 ? "; the leader is node " + leaderHint : "; no leader is known"),
                null, Map.of("partition", partition, "leaderHint", leaderHint));
        this.partition = partition;
        this.leaderHint = leaderHint;
    }

    public int partition() {
        return partition;
    }

    /** The node that leads the partition as far as the answering node knows, or 0. */
    public long leaderHint() {
        return leaderHint;
    }
}
