package org.distdata.meta;

/**
 * The one way services change metadata: {@link #submit} hands a command to the meta log and
 * returns once this node has applied it, so the caller reads its own write at once. Reads
 * stay local (the catalog, the user store, settings). {@link LocalMetaLog} serves a single
 * node; {@link ReplicatedMetaLog} goes through the meta Raft group.
 */
public interface MetaLog {

    /**
     * Applies {@code command} cluster-wide and returns after it is applied on this node.
     *
     * @throws org.distdata.error.DistDataException with the refusal's code when the state
     *         machine refused the command, or NO_QUORUM / NODE_UNAVAILABLE when it could not
     *         be committed or applied in time (it may then still take effect later)
     */
    void submit(MetaCommand command);

    /**
     * Returns once this node has applied every metadata change committed before the call, so
     * a lookup that missed may be retried and see what another node just changed. A single
     * node is always up to date.
     *
     * @return false when the meta group could not confirm its latest index in time (no quorum
     *         reachable): what this node knows may then be stale
     */
    default boolean awaitLatest() {
        return true;
    }
}
