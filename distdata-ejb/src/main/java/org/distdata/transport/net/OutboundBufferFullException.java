package org.distdata.transport.net;

import org.distdata.error.ErrorCode;

/**
 * The bytes queued for a peer reached the outbound limit and did not drain within the send
 * timeout: the peer (or the network) is slower than this node's senders. The message was
 * not queued. Retryable, later; the bound keeps a slow peer from filling this node's memory.
 */
public class OutboundBufferFullException extends TransportException {

    public OutboundBufferFullException(String detail) {
        super(ErrorCode.NODE_UNAVAILABLE, detail);
    }
}
