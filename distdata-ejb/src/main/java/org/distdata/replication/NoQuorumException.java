package org.distdata.replication;

import java.util.Map;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;

/**
 * A leader could not confirm a linearizable read in time: no quorum answered its heartbeat
 * round (it may be on the minority side of a partition and not yet know it). Nothing was
 * read; the client may retry, so it maps to the retryable {@code NO_QUORUM}.
 */
public final class NoQuorumException extends DistDataException {

    private static final long serialVersionUID = 1L;

    public NoQuorumException(long group, long waitedMillis) {
        super(ErrorCode.NO_QUORUM, "group " + group + " could not confirm its leadership with a quorum within "
                + waitedMillis + " ms", null, Map.of("group", group));
    }
}
