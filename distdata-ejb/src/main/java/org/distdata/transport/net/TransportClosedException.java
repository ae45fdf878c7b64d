package org.distdata.transport.net;

import org.distdata.error.ErrorCode;

/** This node's transport is shutting down or shut down: nothing more is sent or answered. */
public class TransportClosedException extends TransportException {

    public TransportClosedException(String detail) {
        super(ErrorCode.NODE_UNAVAILABLE, detail);
    }
}
