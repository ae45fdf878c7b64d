/**
 * The message catalogue of the node-to-node protocol: {@link org.distdata.transport.message.MessageType}
 * (stable numeric codes), the message records that are not Raft's own, and
 * {@link org.distdata.transport.message.MessageCodec}, which turns any catalogue message,
 * Raft's {@link org.distdata.raft.PeerMessage}s included, into a frame payload and back.
 * docs/protocol.md lists every payload field by field.
 */
package org.distdata.transport.message;
