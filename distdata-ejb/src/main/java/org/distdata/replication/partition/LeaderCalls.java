package org.distdata.replication.partition;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.LongFunction;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.NotLeaderException;
import org.distdata.partition.PartitionService;
import org.distdata.partition.StatementTimeout;

/**
 * Calls a partition's leader and follows NOT_LEADER answers and unreachable nodes to the
 * next candidate until the call succeeds or the time limit passes, then answers
 * {@code NO_QUORUM}: the client is never left waiting forever. Only calls that did nothing
 * when they failed are retried here.
 */
final class LeaderCalls {

    /** One attempt at the partition's presumed leader. */
    interface Call<T> {
        T on(PartitionService leader) throws SQLException;
    }

    /** The leader that answered, and its answer. */
    record Answered<T>(long leader, T value) {
    }

    private final LeaderDirectory directory;
    private final LongFunction<PartitionService> services;
    private final java.util.function.LongPredicate reachable;
    private final Duration leaderWait;

    /** {@code reachable} says whether a node seems alive (its heartbeats arrive); calls skip the others. */
    LeaderCalls(LeaderDirectory directory, LongFunction<PartitionService> services,
                java.util.function.LongPredicate reachable, Duration leaderWait) {
        this.directory = directory;
        this.services = services;
        this.reachable = reachable;
        this.leaderWait = leaderWait;
    }

    PartitionService service(long node) {
        return services.apply(node);
    }

    <T> Answered<T> call(int partition, Call<T> call) throws SQLException {
        Duration remaining = StatementTimeout.remaining();
        Duration limit = remaining == null || remaining.compareTo(leaderWait) > 0 ? leaderWait : remaining;
        long deadline = System.nanoTime() + limit.toNanos();
        DistDataException last = null;
        for (int attempt = 0; ; attempt++) {
            long leader = directory.leaderOf(partition);
            if (leader > 0 && !reachable.test(leader)) {
                directory.unreachable(partition, leader);
                last = new DistDataException(ErrorCode.NODE_UNAVAILABLE, "node " + leader
                        + " (the leader last known for partition " + partition + ") does not answer heartbeats");
            } else if (leader > 0) {
                try {
                    return new Answered<>(leader, call.on(services.apply(leader)));
                } catch (NotLeaderException e) {
                    directory.hint(partition, e.leaderHint());
                    if (e.leaderHint() == 0) {
                        directory.unreachable(partition, leader);
                    }
                    last = e;
                } catch (DistDataException e) {
                    if (e.code() != ErrorCode.NODE_UNAVAILABLE) {
                        throw e;
                    }
                    directory.unreachable(partition, leader);
                    last = e;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new DistDataException(ErrorCode.NO_QUORUM, "partition " + partition
                        + " has no leader that answers (no quorum?) after " + limit.toMillis() + " ms"
                        + (last == null ? "" : "; last answer: " + last.getMessage()), last);
            }
            try {
                Thread.sleep(Math.min(200, 10L << Math.min(attempt, 4)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DistDataException(ErrorCode.NODE_UNAVAILABLE, "interrupted while looking for the leader of "
                        + "partition " + partition);
            }
        }
    }
}
