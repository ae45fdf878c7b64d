package org.distdata.transport.net;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;

/**
 * A node-to-node exchange failed in the transport: the peer is unreachable, did not answer
 * in time, cannot take more bytes, answered with an error, or this transport is shutting
 * down. Part of the engine's one exception hierarchy, so a failure that reaches an API
 * client maps to an API error code (mostly the retryable {@code NODE_UNAVAILABLE} and
 * {@code TIMEOUT}).
 */
public class TransportException extends DistDataException {

    public TransportException(ErrorCode code, String detail) {
        super(code, detail);
    }

    public TransportException(ErrorCode code, String detail, Throwable cause) {
        super(code, detail, cause);
    }
}
