package org.distdata.transport.net;

import org.distdata.transport.codec.Frame;

/** A request of this node waiting for its answer: a single response or a stream of parts. */
interface PendingCall {

    /** Request type, for the CANCEL frame. */
    int type();

    /** An answer frame arrived (on an I/O thread); returns true when the exchange is over. */
    boolean onFrame(Frame frame);

    /** The exchange failed without an answer (connection lost, shutdown). */
    void fail(TransportException cause);
}
