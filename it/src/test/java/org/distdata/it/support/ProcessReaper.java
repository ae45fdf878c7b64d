package org.distdata.it.support;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops server processes the tests started, by PID and within a bounded time, and kills
 * whatever is still registered when the test JVM exits (Failsafe's fork timeout, a
 * crashed test): a leftover Payara JVM would hold ports and disk for the next build.
 */
public final class ProcessReaper {
    private static final Set<ProcessHandle> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ProcessReaper::killTree),
                "distdata-it-process-reaper"));
    }

    private ProcessReaper() {
    }

    /** Remembers a process so it is killed at JVM exit if nobody stopped it before. */
    public static void register(ProcessHandle process) {
        RUNNING.add(process);
    }

    /**
     * Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it and its
     * children (SIGKILL).
     */
    public static void stop(ProcessHandle process, Duration grace) {
        try {
            process.destroy();
            CompletableFuture<ProcessHandle> exit = process.onExit();
            try {
                exit.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                killTree(process);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killTree(process);
            } catch (java.util.concurrent.ExecutionException e) {
                killTree(process);
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        } finally {
            RUNNING.remove(process);
        }
    }

    /** SIGKILL to the process and everything it started. */
    public static void killTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
