package org.distdata.replication.partition;

import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends the transactions prepared at this node's partition leaders whose coordinator has gone
 * quiet: for each branch prepared longer than the limit it asks the transaction's home
 * partition for the outcome — recording an abort there unless an outcome stands already
 * (the first decision in the log wins) — and finishes the branch accordingly. So a
 * coordinator that dies between the phases never leaves locks held for long.
 */
public final class InDoubtResolver {

    private static final Logger LOG = Logger.getLogger(InDoubtResolver.class.getName());

    private final LeaderPartitionService local;
    private final LeaderCalls calls;

    public InDoubtResolver(LeaderPartitionService local, ReplicatedPartitionExecutor cluster) {
        this.local = local;
        this.calls = cluster.calls();
    }

    /** Resolves every branch prepared here longer than {@code limit} ago; returns how many it finished. */
    public int resolve(Duration limit) {
        int finished = 0;
        for (LeaderPartitionService.InDoubt d : local.inDoubt(limit)) {
            String txn = d.branch().transactionId();
            try {
                boolean commit = calls.call(d.home(), leader -> leader.decide(txn, d.home(), false)).value();
                local.finish(d.branch(), commit);
                finished++;
                LOG.info(() -> "partition " + d.branch().partition() + ": in-doubt transaction " + txn + " "
                        + (commit ? "committed" : "aborted") + " as decided at partition " + d.home());
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "partition " + d.branch().partition() + ": cannot resolve in-doubt transaction "
                        + txn + " yet: " + e.getMessage(), e);
            }
        }
        return finished;
    }
}
