package org.distdata.replication;

import java.util.List;

import org.distdata.raft.Entry;
import org.distdata.raft.Role;
import org.distdata.raft.SnapshotMeta;
import org.distdata.raft.SnapshotSource;

/**
 * The one state machine a node's Raft host drives: group 0 goes to the meta group's state
 * machine, every other group to the partitions'.
 */
public final class GroupStateMachines implements StateMachine {

    private final StateMachine meta;
    private final StateMachine partitions;

    public GroupStateMachines(StateMachine meta, StateMachine partitions) {
        this.meta = meta;
        this.partitions = partitions;
    }

    private StateMachine of(long group) {
        return group == GroupIds.META ? meta : partitions;
    }

    @Override
    public long appliedIndex(long group) {
        return of(group).appliedIndex(group);
    }

    @Override
    public void apply(long group, List<Entry> committed) {
        of(group).apply(group, committed);
    }

    @Override
    public void roleChanged(long group, Role role, long term, long leader) {
        of(group).roleChanged(group, role, term, leader);
    }

    @Override
    public Snapshot snapshot(long group) {
        return of(group).snapshot(group);
    }

    @Override
    public void installSnapshot(long group, SnapshotMeta meta, SnapshotSource data) {
        of(group).installSnapshot(group, meta, data);
    }
}
