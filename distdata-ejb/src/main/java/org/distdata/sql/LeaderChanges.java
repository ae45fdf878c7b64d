package org.distdata.sql;

import java.sql.SQLException;

import org.distdata.partition.NotLeaderException;
import org.distdata.partition.StatementTimeout;

/**
 * Runs an autocommit write again when a partition's leadership moved under it. A
 * {@link NotLeaderException} from a write transaction means nothing of it was committed:
 * the old leader rolled its branch back, and a proposal it made was refused or overwritten.
 * So the whole statement may safely run again, at the new leader, within its time limit.
 */
final class LeaderChanges {

    private static final int MAX_ATTEMPTS = 20;

    interface Write {
        long run() throws SQLException;
    }

    private LeaderChanges() {
    }

    static long retry(Write write) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.run();
            } catch (NotLeaderException e) {
                var left = StatementTimeout.remaining();
                if (attempt >= MAX_ATTEMPTS || (left != null && left.toMillis() <= 50)) {
                    throw e;
                }
                try {
                    Thread.sleep(Math.min(200, 10L * attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
