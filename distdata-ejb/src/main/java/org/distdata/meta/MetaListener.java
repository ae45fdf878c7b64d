package org.distdata.meta;

/**
 * An in-memory view of the metadata (the catalog's table map, the user store, the token
 * keys) kept current by {@link MetaStateMachine}: after each batch of commands commits, the
 * state machine passes every accepted command to {@link #published} in log order, on its
 * apply thread, so a change proposed on another node becomes visible here. A view needing
 * state the command does not carry (a bumped token version) reads it back from the database,
 * which at that moment holds exactly the state after this command's batch.
 */
public interface MetaListener {

    void published(MetaCommand command);
}
