package org.distdata.transport.message;

import java.util.List;

/**
 * The coordinator's answer to a {@link JoinRequest}: accepted with the cluster id and the
 * current members, or refused with a {@code reason} (for example a protocol version the
 * cluster does not speak).
 */
public record JoinResponse(boolean accepted, String clusterId, String reason, List<Member> members) {

    /** One member of the cluster and where its RPC port listens. */
    public record Member(long nodeId, String name, String address, int port) {
    }

    public JoinResponse {
        members = List.copyOf(members);
    }
}
