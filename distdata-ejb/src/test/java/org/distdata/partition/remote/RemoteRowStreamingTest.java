package org.distdata.partition.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.RowCursor;
import org.distdata.partition.TxnBranch;
import org.distdata.transport.net.NodeTransport;
import org.distdata.transport.net.TransportConfig;
import org.distdata.transport.net.TransportNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Rows streamed by {@link RemotePartitionService}: backpressure, early close, failures mid-stream. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RemoteRowStreamingTest {

    static final int ROWS = 200_000;
    static final int BATCH_ROWS = 256;

    @TempDir
    Path dir;

    TransportNodes nodes;
    final ExecutorService calls = Executors.newCachedThreadPool(TransportNodes.threads("calls"));
    NodeTransport n2;
    FakePartitionService leader;
    RemotePartitionService remote;

    @BeforeEach
    void start() {
        nodes = TransportNodes.tls(dir);
        // Small buffers everywhere, so that what may be in flight is a few dozen batches, not the relation.
        NodeTransport n1 = nodes.start(small(nodes.config("n1")).streamWindow(4).build());
        n2 = nodes.start(small(nodes.config("n2")).build());
        TransportNodes.connect(n1, n2);
        leader = new FakePartitionService();
        new PartitionServiceEndpoint(leader, calls).registerOn(n2);
        remote = new RemotePartitionService(n1, "n2", Duration.ofSeconds(10), BATCH_ROWS);
    }

    private static TransportConfig.Builder small(TransportConfig.Builder config) {
        return config.socketBufferBytes(64 * 1024).writeBufferWaterMarks(32 * 1024, 64 * 1024);
    }

    @AfterEach
    void stop() {
        nodes.close();
        calls.shutdownNow();
    }

    @Test
    void twoHundredThousandRowsStreamInOrderWhileTheLeaderStaysBoundedAheadOfAStalledReader() throws Exception {
        ListCursor source = ListCursor.padded(ROWS); // about 215 bytes a row on the wire: 43 MB in all
        leader.rows = () -> source;

        try (RowCursor cursor = remote.read(2, "SELECT ID, NAME, PAD FROM T", List.of())) {
            int read = 0;
            for (; read < 1000; read++) {
                assertThat(cursor.next()).isTrue();
            }
            // The reader stalls; the leader runs ahead until backpressure stops it (or to the end without any).
            int aheadWhileStalled = steady(source.produced) - read;
            // In flight at most: the client's window (4 batches of 256 rows, plus the one being read), the socket
            // buffers (2 x 64 KiB, which Linux doubles: 256 KiB), the leader's 64 KiB high water mark and one batch
            // over it: about 1,300 rows + 350 KiB / 215 bytes = some 3,000 rows. Without backpressure: all 200,000.
            assertThat(aheadWhileStalled).as("rows produced ahead of the reader").isLessThan(6_000);

            while (cursor.next()) {
                assertThat(cursor.get(0)).isEqualTo(read);
                assertThat(cursor.get(1)).isEqualTo("row-" + read);
                read++;
            }
            assertThat(read).isEqualTo(ROWS);
        }
        assertThat(source.closed.await(10, TimeUnit.SECONDS)).as("leader cursor closed at the end").isTrue();
    }

    /** The counter's value once it has not moved for half a second. */
    private static int steady(AtomicInteger counter) throws InterruptedException {
        int last = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (counter.get() != last && System.nanoTime() < deadline) {
            last = counter.get();
            Thread.sleep(500);
        }
        return counter.get();
    }

    @Test
    void closingACursorEarlyClosesTheLeadersCursorAndStopsProduction() throws Exception {
        ListCursor source = ListCursor.numbered(10_000_000);
        leader.rows = () -> source;

        RowCursor cursor = remote.query(new TxnBranch("n1-1", 2), "SELECT ID, NAME FROM T", List.of());
        for (int i = 0; i < 10; i++) {
            assertThat(cursor.next()).isTrue();
        }
        cursor.close();

        assertThat(source.closed.await(10, TimeUnit.SECONDS)).as("leader cursor closed on cancel").isTrue();
        int produced = source.produced.get();
        Thread.sleep(300);
        assertThat(source.produced.get()).isEqualTo(produced).isLessThan(ROWS / 10);
        // The connection still serves the next call.
        assertThat(remote.update(new TxnBranch("n1-2", 2), "DELETE FROM T", List.of())).isEqualTo(1);
    }

    @Test
    void anSqlExceptionInTheMiddleOfAStreamIsRaisedByNextAfterTheRowsBeforeIt() throws Exception {
        ListCursor source = ListCursor.numbered(ROWS, 1500);
        leader.rows = () -> source;

        int[] read = {0};
        Throwable thrown;
        try (RowCursor cursor = remote.read(2, "SELECT ID, NAME FROM T", List.of())) {
            thrown = catchThrowable(() -> {
                while (cursor.next()) {
                    assertThat(cursor.get(0)).isEqualTo(read[0]);
                    read[0]++;
                }
            });
        }

        assertThat(read[0]).as("rows before the failing one").isEqualTo(1500);
        assertThat(thrown).isExactlyInstanceOf(SQLException.class)
                .hasMessage("A lock could not be obtained within the time requested");
        assertThat(((SQLException) thrown).getSQLState()).isEqualTo("40XL1");
        assertThat(((SQLException) thrown).getErrorCode()).isEqualTo(30000);
        assertThat(source.closed.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aLeaderThatGoesAwayMidStreamFailsTheCursorWithNodeUnavailable() throws Exception {
        ListCursor source = ListCursor.numbered(10_000_000);
        leader.rows = () -> source;

        try (RowCursor cursor = remote.read(2, "SELECT ID, NAME FROM T", List.of())) {
            assertThat(cursor.next()).isTrue();
            n2.close();
            Throwable thrown = catchThrowable(() -> {
                while (cursor.next()) {
                    Thread.onSpinWait();
                }
            });
            assertThat(thrown).isInstanceOf(DistDataException.class);
            assertThat(((DistDataException) thrown).code()).isEqualTo(ErrorCode.NODE_UNAVAILABLE);
        }
    }
}
