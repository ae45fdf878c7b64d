package org.distdata.cluster;

/**
 * Where a node stands in the cluster's life cycle (DESIGN.md, "Failure detection"):
 * {@code JOINING → UP → SUSPECT → DOWN → REMOVED}, and {@code DECOMMISSIONING → REMOVED}
 * for a node being drained. UP, SUSPECT and DOWN come from heartbeats
 * ({@link FailureDetector}); JOINING, DECOMMISSIONING and REMOVED from membership decisions.
 */
public enum NodeState {
    /** Admitted or listed, but not heard from yet. */
    JOINING,
    /** Heartbeats arrive on time. */
    UP,
    /** Silent for longer than the suspect timeout; still counted as a member. */
    SUSPECT,
    /** Silent for longer than the down timeout; its replicas are candidates for repair. */
    DOWN,
    /** Being drained: its replicas move elsewhere before it leaves. */
    DECOMMISSIONING,
    /** No longer a member. */
    REMOVED
}
