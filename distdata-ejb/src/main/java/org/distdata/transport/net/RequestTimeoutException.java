package org.distdata.transport.net;

import org.distdata.error.ErrorCode;

/**
 * No answer (or, for a stream, no next part) within the exchange's timeout. The transport
 * has sent the peer a CANCEL for it; whether the peer acted on the request is unknown.
 */
public class RequestTimeoutException extends TransportException {

    public RequestTimeoutException(String detail) {
        super(ErrorCode.TIMEOUT, detail);
    }
}
