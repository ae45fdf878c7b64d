package org.distdata.transport.net;

/** What a {@link ResponseStream} asks of its connection. */
interface StreamControl {

    /** The stream's buffer is full: stop reading from the socket. */
    void pauseReading(ResponseStream stream);

    /** The stream's buffer drained (or it ended): read again unless another stream is full. */
    void resumeReading(ResponseStream stream);

    /** The consumer gave up before the end: forget the exchange and tell the peer (CANCEL). */
    void abandon(ResponseStream stream);
}
