package org.distdata.partition;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The time limit of the client statement running on this thread, applied to every Derby
 * statement it runs (fragments and gateway). Derby checks the limit while it works and
 * fails the statement with SQLState XCL52, which the engine reports as TIMEOUT.
 */
public final class StatementTimeout {
    private static final ThreadLocal<Integer> SECONDS = new ThreadLocal<>();
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private StatementTimeout() {
    }

    /** Sets the limit for this thread until {@link #clear()}; Derby counts whole seconds. */
    public static void set(Duration limit) {
        SECONDS.set((int) Math.max(1, Math.min(Integer.MAX_VALUE, (limit.toMillis() + 999) / 1000)));
        DEADLINE.set(System.nanoTime() + limit.toNanos());
    }

    /** What is left of this thread's limit (at least 1 ms), or null when none is set. */
    public static Duration remaining() {
        Long deadline = DEADLINE.get();
        return deadline == null ? null : Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    public static void clear() {
        SECONDS.remove();
        DEADLINE.remove();
    }

    /**
     * Fails with Derby's time-out SQLState once this thread's limit has passed. Work that
     * Derby itself does not watch (rows streamed through table functions) calls this.
     */
    public static void check() throws SQLException {
        Long deadline = DEADLINE.get();
        if (deadline != null && System.nanoTime() - deadline > 0) {
            throw new SQLException("The statement has been cancelled or timed out.", "XCL52");
        }
    }

    /** Applies this thread's limit to {@code statement} (no limit when none is set). */
    public static void apply(Statement statement) throws SQLException {
        Integer s = SECONDS.get();
        statement.setQueryTimeout(s == null ? 0 : s);
    }
}
