package org.distdata.raft;

/** A {@link Message} of one Raft group. */
public record GroupMessage(long group, Message message) {
}
