package org.distdata.raft;

import java.util.List;

/**
 * What one {@link RaftEngine} sends another: a message of one group, or the heartbeats of
 * many groups bundled into one message per peer, so that a node hosting hundreds of groups
 * sends one heartbeat message per peer per tick rather than hundreds.
 */
public sealed interface PeerMessage {

    long from();

    long to();

    /** One message of one group. */
    record Single(long group, Message message) implements PeerMessage {
        @Override
        public long from() {
            return message.from();
        }

        @Override
        public long to() {
            return message.to();
        }
    }

    /** Heartbeats and heartbeat responses of many groups between the same two nodes. */
    record Heartbeats(long from, long to, List<GroupMessage> beats) implements PeerMessage {
        public Heartbeats {
            beats = List.copyOf(beats);
        }
    }
}
