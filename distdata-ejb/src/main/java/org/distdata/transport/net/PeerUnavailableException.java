package org.distdata.transport.net;

import org.distdata.error.ErrorCode;

/**
 * The peer cannot be reached: the connection attempt failed, the transport is waiting
 * out its reconnect backoff, or the connection was lost while the exchange was in flight
 * (then whether the peer acted on the request is unknown). Retryable.
 */
public class PeerUnavailableException extends TransportException {

    public PeerUnavailableException(String detail, Throwable cause) {
        super(ErrorCode.NODE_UNAVAILABLE, detail, cause);
    }
}
