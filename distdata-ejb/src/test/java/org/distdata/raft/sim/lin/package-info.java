/**
 * A linearizability checker for client histories of the replicated key-value store, in the
 * manner of Porcupine: {@link org.distdata.raft.sim.lin.LinearizabilityChecker} splits a history
 * by key, runs the Wing &amp; Gong search with Lowe's memoization on each key's operations, and
 * explains the first violation it finds. Writes whose client timed out may take effect at any time
 * after their call, or never. Work is bounded in search steps, so verdicts are reproducible.
 */
package org.distdata.raft.sim.lin;
