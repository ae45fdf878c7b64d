package org.distdata.replication.partition;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.PartitionService;
import org.distdata.partition.StatementTimeout;
import org.distdata.partition.TxnBranch;

/**
 * The gateway's side of two-phase commit over partition groups (ADR 0015, the Spanner way):
 * <ol>
 *   <li>every participant's leader replicates {@code Prepare} with the branch's writes and
 *       keeps its locks, in parallel;</li>
 *   <li>the outcome — commit if every participant prepared, else abort — is recorded by a
 *       {@code Decide} entry in the group of the home partition (the lowest participant)
 *       before anyone is told; the first decision in that log stands, so a participant that
 *       gave up waiting and recorded an abort there wins over a late commit;</li>
 *   <li>{@code Finish} goes to every prepared participant, at whichever node leads it by
 *       then, and the client gets the outcome.</li>
 * </ol>
 * A coordinator that dies at any point leaves nothing blocked for long: prepared participants
 * ask the home partition after a while ({@link InDoubtResolver}). When the decision itself
 * cannot be recorded the outcome is unknown, and the client is told so.
 */
final class TwoPhaseCommit {

    private static final Logger LOG = Logger.getLogger(TwoPhaseCommit.class.getName());
    /** How long the client waits for phase two before it is answered anyway (the outcome is decided). */
    private static final Duration FINISH_WAIT = Duration.ofSeconds(10);

    /** A branch that wrote, and the leader that holds its live transaction. */
    record Participant(TxnBranch branch, PartitionService leader) {
    }

    private final String transactionId;
    private final LeaderCalls calls;
    private final Executor executor;

    TwoPhaseCommit(String transactionId, LeaderCalls calls, Executor executor) {
        this.transactionId = transactionId;
        this.calls = calls;
        this.executor = executor;
    }

    /** Commits the participants atomically, or throws with nothing of them committed (or the outcome unknown). */
    void commit(List<Participant> participants) throws SQLException {
        int home = participants.stream().mapToInt(p -> p.branch().partition()).min().orElseThrow();
        List<CompletableFuture<Boolean>> votes = new ArrayList<>();
        for (Participant p : participants) {
            votes.add(async(() -> p.leader().prepare(p.branch(), home)));
        }
        List<Participant> prepared = new ArrayList<>();
        Throwable refusal = null;
        for (int i = 0; i < participants.size(); i++) {
            try {
                if (votes.get(i).join()) {
                    prepared.add(participants.get(i));
                }
            } catch (CompletionException e) {
                refusal = refusal == null ? e.getCause() : refusal;
                prepared.add(participants.get(i)); // its Prepare may have committed all the same
            }
        }
        boolean commit = refusal == null;
        boolean outcome = decide(home, commit);
        finish(prepared, outcome);
        if (!outcome) {
            if (refusal != null) {
                throw asThrown(refusal);
            }
            throw new DistDataException(ErrorCode.TXN_CONFLICT, "transaction " + transactionId + " was aborted: a "
                    + "partition gave up waiting for its outcome before it was decided; nothing was changed");
        }
    }

    private boolean decide(int home, boolean commit) throws SQLException {
        try {
            return calls.call(home, leader -> leader.decide(transactionId, home, commit)).value();
        } catch (SQLException | RuntimeException e) {
            if (!commit) {
                return false; // only this coordinator could decide commit: the participants will abort
            }
            throw new DistDataException(ErrorCode.TIMEOUT, "the outcome of transaction " + transactionId
                    + " is unknown: its commit decision could not be recorded at partition " + home + " ("
                    + e.getMessage() + "); the prepared partitions will learn it from there", e);
        }
    }

    /** Phase two, in parallel; a participant not reached now learns the outcome from the home partition. */
    private void finish(List<Participant> prepared, boolean commit) {
        List<CompletableFuture<Boolean>> done = new ArrayList<>();
        for (Participant p : prepared) {
            done.add(async(() -> {
                calls.call(p.branch().partition(), leader -> {
                    leader.finish(p.branch(), commit);
                    return null;
                });
                return true;
            }));
        }
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(FINISH_WAIT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.log(Level.WARNING, "transaction " + transactionId + ": phase two did not reach every partition ("
                    + e.getMessage() + "); they will ask the home partition", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Call<T> {
        T run() throws SQLException;
    }

    /** Runs {@code call} on the executor under this thread's statement time limit. */
    private <T> CompletableFuture<T> async(Call<T> call) {
        Duration limit = StatementTimeout.remaining();
        return CompletableFuture.supplyAsync(() -> {
            if (limit != null) {
                StatementTimeout.set(limit);
            }
            try {
                return call.run();
            } catch (SQLException e) {
                throw new CompletionException(e);
            } finally {
                StatementTimeout.clear();
            }
        }, executor);
    }

    private static SQLException asThrown(Throwable refusal) {
        if (refusal instanceof SQLException e) {
            return e;
        }
        if (refusal instanceof RuntimeException e) {
            throw e;
        }
        throw new DistDataException(ErrorCode.INTERNAL, "prepare failed: " + refusal, refusal);
    }
}
