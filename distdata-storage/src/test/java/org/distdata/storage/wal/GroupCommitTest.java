package org.distdata.storage.wal;

import org.distdata.storage.wal.WalRecord.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distdata.storage.wal.WalFiles.NO_FSYNC;
import static org.distdata.storage.wal.WalFiles.entry;

class GroupCommitTest {
    private static final int THREADS = 8;
    private static final int BATCHES = 1000;
    private static final WalOptions FSYNC = WalOptions.defaults();

    @TempDir
    Path dir;

    @Test
    void concurrentBlockingAppendersShareFsyncsAndKeepTheirOrder() throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir, FSYNC)) {
            long syncsAtOpen = log.stats().syncs();
            runOnThreads(group -> {
                for (long i = 1; i <= BATCHES; i++) {
                    log.appendAndSync(List.of(entry(group, i, 1, "t" + group + "-" + i)));
                }
            });

            WalStats stats = log.stats();
            assertThat(stats.batches()).isEqualTo(THREADS * BATCHES);
            assertThat(stats.syncs() - syncsAtOpen).isLessThan(stats.batches());
        }
        assertEachGroupWasWrittenInOrder();
    }

    @Test
    void concurrentAsyncAppendsAllCompleteAndKeepTheirOrder() throws Exception {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        try (WriteAheadLog log = WriteAheadLog.open(dir, FSYNC)) {
            long syncsAtOpen = log.stats().syncs();
            runOnThreads(group -> {
                List<CompletableFuture<Void>> mine = new ArrayList<>();
                for (long i = 1; i <= BATCHES; i++) {
                    mine.add(log.append(List.of(entry(group, i, 1, "t" + group + "-" + i))));
                }
                synchronized (futures) {
                    futures.addAll(mine);
                }
            });
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(futures).hasSize(THREADS * BATCHES).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
            assertThat(log.stats().syncs() - syncsAtOpen).isLessThan(THREADS * BATCHES);
        }
        assertEachGroupWasWrittenInOrder();
    }

    @Test
    void byteBudgetPerSyncLimitsHowManyBatchesOneSyncCovers() throws Exception {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC.withMaxBytesPerSync(1))) {
            long syncsAtOpen = log.stats().syncs();
            for (long i = 1; i <= 100; i++) {
                futures.add(log.append(List.of(entry(1, i, 1, "one sync each"))));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(log.stats().syncs() - syncsAtOpen).isEqualTo(100);
        }
    }

    @Test
    void closeSyncsPendingAppendsFirst() throws IOException {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        WriteAheadLog log = WriteAheadLog.open(dir, FSYNC);
        for (long i = 1; i <= 2000; i++) {
            futures.add(log.append(List.of(entry(1, i, 1, "pending-" + i))));
        }
        log.close();

        assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        try (WriteAheadLog reopened = WriteAheadLog.open(dir, NO_FSYNC)) {
            assertThat(reopened.recovered().get(1L).entries()).hasSize(2000);
        }
    }

    @Test
    void appendAfterCloseFails() throws IOException {
        WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC);
        log.close();

        assertThat(log.append(List.of(entry(1, 1, 1, "late")))).isCompletedExceptionally();
        assertThatThrownBy(() -> log.appendAndSync(List.of(entry(1, 1, 1, "late"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        log.close();
    }

    @Test
    void waitingForTheLogOnItsOwnSyncThreadIsRefused() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        AtomicReference<Thread> syncThread = new AtomicReference<>();
        WalOptions gated = NO_FSYNC.withSyncThreadFactory(r -> {
            Thread t = new Thread(() -> {
                awaitQuietly(appended);
                r.run();
            }, "gated-wal-sync");
            syncThread.set(t);
            return t;
        });
        try (WriteAheadLog log = WriteAheadLog.open(dir, gated)) {
            CompletableFuture<String> nested = log.append(List.of(entry(1, 1, 1, "a"))).thenApply(ignored -> {
                try {
                    log.appendAndSync(List.of(entry(1, 2, 1, "b")));
                    return "appended";
                } catch (IllegalStateException | IOException e) {
                    return Thread.currentThread().getName() + ": " + e.getMessage();
                }
            });
            appended.countDown();

            assertThat(nested.get(10, TimeUnit.SECONDS))
                    .isEqualTo("gated-wal-sync: appendAndSync on the sync thread would wait for itself; use append");
        }
    }

    private interface Appender {
        void run(long group) throws Exception;
    }

    private static void runOnThreads(Appender appender) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (long g = 1; g <= THREADS; g++) {
                long group = g;
                done.add(pool.submit(() -> {
                    appender.run(group);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** In log order, not recovered order: recovery sorts by index and would hide a reordering. */
    private void assertEachGroupWasWrittenInOrder() throws IOException {
        Map<Long, List<Long>> indexesByGroup = WalFiles.rawRecords(dir).stream()
                .map(Entry.class::cast)
                .collect(Collectors.groupingBy(Entry::group, Collectors.mapping(Entry::index, Collectors.toList())));
        List<Long> expected = LongStream.rangeClosed(1, BATCHES).boxed().toList();
        assertThat(indexesByGroup).hasSize(THREADS).allSatisfy((group, indexes) -> assertThat(indexes).isEqualTo(expected));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
