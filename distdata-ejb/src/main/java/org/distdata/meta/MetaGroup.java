package org.distdata.meta;

import java.time.Duration;

/**
 * One node's handle on the meta group: its metadata database (read by the services), the
 * state machine that alone writes it, and the log through which services change it. The
 * composition root builds one — {@link #local} for a single node, {@link #replicated} for a
 * cluster node, whose {@link #stateMachine()} it also hands to the Raft host as group 0's —
 * and passes it to the catalog, the settings and the security services.
 */
public record MetaGroup(MetadataDatabase database, MetaStateMachine stateMachine, MetaLog log) {

    /** A node on its own: commands apply at once, as the next index of a local log. */
    public static MetaGroup local(MetadataDatabase database) {
        MetaStateMachine stateMachine = new MetaStateMachine(database);
        return new MetaGroup(database, stateMachine, new LocalMetaLog(stateMachine));
    }

    /** A cluster node: commands go through {@code proposer} and are awaited for at most {@code timeout}. */
    public static MetaGroup replicated(MetadataDatabase database, Proposer proposer, Duration timeout) {
        MetaStateMachine stateMachine = new MetaStateMachine(database);
        return new MetaGroup(database, stateMachine, new ReplicatedMetaLog(proposer, stateMachine, timeout));
    }
}
