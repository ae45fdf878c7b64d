/**
 * The frame layer of DistData's node-to-node protocol: {@link org.distdata.transport.codec.Frame},
 * {@link org.distdata.transport.codec.FrameCodec} (length-prefixed, versioned frames) and the
 * field primitives payloads are built from ({@link org.distdata.transport.codec.PayloadWriter},
 * {@link org.distdata.transport.codec.PayloadReader}, {@link org.distdata.transport.codec.Varint}).
 * Plain JDK, no I/O: the Netty pipeline in {@code org.distdata.transport.net} feeds it bytes.
 * docs/protocol.md is the specification.
 */
package org.distdata.transport.codec;
