package org.distdata.raft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.distdata.raft.Message.Heartbeat;
import org.distdata.raft.Message.HeartbeatResponse;

/**
 * All the Raft groups one node hosts — the meta group and a group per partition replica it
 * holds — driven together. One {@link #tick()} ticks every group; one {@link #ready()}
 * collects every group's work so the host can persist all of it with one write-ahead-log
 * sync; and heartbeats bound for the same peer leave as one {@link PeerMessage.Heartbeats}.
 * Pure, like {@link RaftReplica}.
 */
public final class RaftEngine {

    /** The work of every group that has some, and the messages to send once it is durable. */
    public record EngineReady(Map<Long, Ready> groups, List<PeerMessage> messages) {

        public boolean needsSync() {
            return groups.values().stream().anyMatch(Ready::needsSync);
        }
    }

    private final long nodeId;
    private final Map<Long, RaftReplica> groups = new TreeMap<>();

    public RaftEngine(long nodeId) {
        this.nodeId = nodeId;
    }

    public long nodeId() {
        return nodeId;
    }

    public void addGroup(long group, RaftReplica replica) {
        if (replica.id() != nodeId) {
            throw new IllegalArgumentException("replica " + replica.id() + " does not belong to node " + nodeId);
        }
        if (groups.putIfAbsent(group, replica) != null) {
            throw new IllegalArgumentException("group " + group + " is already hosted here");
        }
    }

    public void removeGroup(long group) {
        groups.remove(group);
    }

    /** The replica of {@code group} on this node, or null. */
    public RaftReplica group(long group) {
        return groups.get(group);
    }

    public Map<Long, RaftReplica> groups() {
        return Collections.unmodifiableMap(groups);
    }

    public void tick() {
        groups.values().forEach(RaftReplica::tick);
    }

    /** Delivers a message from a peer; messages for groups not hosted here are dropped. */
    public void step(PeerMessage message) {
        if (message instanceof PeerMessage.Single single) {
            deliver(single.group(), single.message());
        } else if (message instanceof PeerMessage.Heartbeats beats) {
            for (GroupMessage beat : beats.beats()) {
                deliver(beat.group(), beat.message());
            }
        }
    }

    private void deliver(long group, Message message) {
        RaftReplica replica = groups.get(group);
        if (replica != null) {
            replica.step(message);
        }
    }

    public boolean hasReady() {
        for (RaftReplica replica : groups.values()) {
            if (replica.hasReady()) {
                return true;
            }
        }
        return false;
    }

    /** Collects the work of every group; follow with {@link #advance} with the same value. */
    public EngineReady ready() {
        Map<Long, Ready> readies = new LinkedHashMap<>();
        List<PeerMessage> out = new ArrayList<>();
        Map<Long, List<GroupMessage>> beatsByPeer = new TreeMap<>();
        for (Map.Entry<Long, RaftReplica> group : groups.entrySet()) {
            if (!group.getValue().hasReady()) {
                continue;
            }
            Ready ready = group.getValue().ready();
            readies.put(group.getKey(), ready);
            for (Message m : ready.messages()) {
                if (m instanceof Heartbeat || m instanceof HeartbeatResponse) {
                    beatsByPeer.computeIfAbsent(m.to(), p -> new ArrayList<>()).add(new GroupMessage(group.getKey(), m));
                } else {
                    out.add(new PeerMessage.Single(group.getKey(), m));
                }
            }
        }
        beatsByPeer.forEach((peer, beats) -> out.add(new PeerMessage.Heartbeats(nodeId, peer, beats)));
        return new EngineReady(readies, out);
    }

    public void advance(EngineReady ready) {
        ready.groups().forEach((group, groupReady) -> {
            RaftReplica replica = groups.get(group);
            if (replica != null) {
                replica.advance(groupReady);
            }
        });
    }
}
