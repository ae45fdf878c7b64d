package org.distdata.partition.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.error.ErrorTranslator;
import org.distdata.partition.NotLeaderException;
import org.distdata.partition.RowCursor;
import org.distdata.partition.StatementTimeout;
import org.distdata.partition.TxnBranch;
import org.distdata.relation.ColumnInfo;
import org.distdata.transport.message.MessageType;
import org.distdata.transport.net.NodeTransport;
import org.distdata.transport.net.Reply;
import org.distdata.transport.net.TransportNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Calls, values, failures and deadlines of {@link RemotePartitionService} against a fake leader over mutual TLS. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemotePartitionServiceTest {

    static final TxnBranch BRANCH = new TxnBranch("n1-42", 3);

    /** One value of every SQL type the engine moves, SQL NULL included. */
    static final List<Object> EVERY_TYPE = Arrays.asList(null, true, false, 42, -7L, (short) 12, 1.5d, 2.25f,
            new BigDecimal("-12345678901234567890.0042"), "naïve 😀 text", new byte[] {0, -1, 127},
            LocalDate.of(1999, 12, 31), LocalTime.of(23, 59, 58, 999_999_000), LocalDateTime.of(2026, 2, 28, 13, 14, 15, 16));

    @TempDir
    Path dir;

    TransportNodes nodes;
    final ExecutorService calls = Executors.newCachedThreadPool(TransportNodes.threads("calls"));
    NodeTransport n1;
    FakePartitionService leader;
    RemotePartitionService remote;

    @BeforeEach
    void start() {
        nodes = TransportNodes.tls(dir);
        n1 = nodes.start("n1");
        NodeTransport n2 = nodes.start("n2");
        TransportNodes.connect(n1, n2);
        leader = new FakePartitionService();
        new PartitionServiceEndpoint(leader, calls).registerOn(n2);
        remote = new RemotePartitionService(n1, "n2", Duration.ofSeconds(5), 100);
    }

    @AfterEach
    void stop() {
        StatementTimeout.clear();
        if (leader.hang != null) {
            leader.hang.countDown();
        }
        nodes.close();
        calls.shutdownNow();
    }

    @Test
    void updateRunsInTheBranchAtTheLeaderWithEveryValueIntactAndReturnsItsCount() throws Exception {
        leader.updateCount = 3;

        long count = remote.update(BRANCH, "UPDATE T SET A = ? WHERE K = ?", EVERY_TYPE);

        assertThat(count).isEqualTo(3);
        FakePartitionService.Call call = leader.calls.poll();
        assertThat(call.operation()).isEqualTo("update");
        assertThat(call.branch()).isEqualTo(BRANCH);
        assertThat(call.sql()).isEqualTo("UPDATE T SET A = ? WHERE K = ?");
        assertSameValues(call.parameters(), EVERY_TYPE);
    }

    @Test
    void updateBatchSendsEveryParameterRowAndReturnsTheSummedCount() throws Exception {
        leader.updateCount = 2;
        List<List<Object>> rows = List.of(List.of(1, "a"), List.of(2, "b"), Arrays.asList(3, null));

        long count = remote.updateBatch(BRANCH, "INSERT INTO T VALUES (?, ?)", rows);

        assertThat(count).isEqualTo(6);
        FakePartitionService.Call call = leader.calls.poll();
        assertThat(call.operation()).isEqualTo("updateBatch");
        assertThat(call.parameters()).isEqualTo(rows);
    }

    @Test
    void aStatementBatchLargerThanAFrameGoesInPartsInOrderAndTheCountsAreSummed() throws Exception {
        NodeTransport client = nodes.start(nodes.config("n4").maxFrameBytes(64 * 1024).build());
        NodeTransport server = nodes.start(nodes.config("n5").maxFrameBytes(64 * 1024).build());
        TransportNodes.connect(client, server);
        new PartitionServiceEndpoint(leader, calls).registerOn(server);
        RemotePartitionService small = new RemotePartitionService(client, "n5", Duration.ofSeconds(10), 100);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(List.of(i, "x".repeat(500))); // about 0.5 MB in all, against a 64 KiB frame limit
        }
        leader.updateCount = 2;

        long count = small.updateBatch(BRANCH, "INSERT INTO T VALUES (?, ?)", rows);

        assertThat(count).isEqualTo(2000);
        List<Object> received = new ArrayList<>();
        int requests = 0;
        for (FakePartitionService.Call call : leader.calls) {
            assertThat(call.branch()).isEqualTo(BRANCH);
            received.addAll(call.parameters());
            requests++;
        }
        assertThat(requests).as("requests").isGreaterThan(8);
        assertThat(received).isEqualTo(rows);
    }

    @Test
    void commitAndRollbackEndTheirBranchAtTheLeader() throws Exception {
        TxnBranch other = new TxnBranch("n1-43", 0);

        remote.commit(BRANCH, false);
        remote.rollback(other);

        assertThat(leader.calls).extracting(FakePartitionService.Call::operation, FakePartitionService.Call::branch)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("commit", BRANCH),
                        org.assertj.core.groups.Tuple.tuple("rollback", other));
    }

    @Test
    void twoPhaseCommitCallsReachTheLeaderAndBringBackItsAnswers() throws Exception {
        TxnBranch second = new TxnBranch("n1-42", 5);

        assertThat(remote.prepare(BRANCH, 4)).as("the leader's vote: prepared").isTrue();
        assertThat(remote.prepare(second, 3)).as("the leader's vote: wrote nothing").isFalse();
        assertThat(remote.decide("n1-42", 4, true)).as("the outcome that stands, not the one asked for").isFalse();
        assertThat(remote.decide("n1-42", 4, false)).isTrue();
        remote.finish(second, true);

        assertThat(leader.calls).extracting(FakePartitionService.Call::operation, FakePartitionService.Call::branch,
                        FakePartitionService.Call::sql)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prepare", BRANCH, "home 4"),
                        org.assertj.core.groups.Tuple.tuple("prepare", second, "home 3"),
                        org.assertj.core.groups.Tuple.tuple("decide", new TxnBranch("n1-42", 4), "true"),
                        org.assertj.core.groups.Tuple.tuple("decide", new TxnBranch("n1-42", 4), "false"),
                        org.assertj.core.groups.Tuple.tuple("finish", second, "true"));
    }

    @Test
    void queryReturnsColumnsDdlTypesAndValuesOfEverySqlType() throws Exception {
        List<ColumnInfo> columns = new ArrayList<>();
        List<String> ddl = new ArrayList<>();
        for (int i = 0; i < EVERY_TYPE.size(); i++) {
            columns.add(new ColumnInfo("C" + i, i == 8 ? "DECIMAL" : "VARCHAR"));
            ddl.add(i == 8 ? "DECIMAL(31,4)" : "VARCHAR(" + (i + 1) + ")");
        }
        List<Object> nulls = Arrays.asList(new Object[EVERY_TYPE.size()]);
        leader.rows = () -> ListCursor.of(columns, ddl, List.of(EVERY_TYPE, nulls));

        try (RowCursor cursor = remote.query(BRANCH, "SELECT * FROM T WHERE K = ?", List.of(7))) {
            assertThat(cursor.columns()).isEqualTo(columns);
            assertThat(cursor.ddlTypes()).isEqualTo(ddl);
            assertThat(cursor.next()).isTrue();
            assertSameValues(row(cursor), EVERY_TYPE);
            assertThat(cursor.next()).isTrue();
            assertThat(row(cursor)).containsOnlyNulls();
            assertThat(cursor.next()).isFalse();
        }
        FakePartitionService.Call call = leader.calls.poll();
        assertThat(call.operation()).isEqualTo("query");
        assertThat(call.branch()).isEqualTo(BRANCH);
        assertThat(call.parameters()).isEqualTo(List.of(7));
    }

    @Test
    void anEmptyResultStillNamesItsColumns() throws Exception {
        leader.rows = ListCursor::empty;

        try (RowCursor cursor = remote.read(5, "SELECT ID, NAME FROM T", List.of())) {
            assertThat(cursor.columns()).extracting(ColumnInfo::name).containsExactly("ID", "NAME");
            assertThat(cursor.ddlTypes()).containsExactly("INTEGER", "VARCHAR(20)");
            assertThat(cursor.next()).isFalse();
        }
        assertThat(leader.calls.poll().partition()).isEqualTo(5);
    }

    @Test
    void anSqlExceptionArrivesWithItsStateVendorCodeMessageAndChain() {
        SQLException wrapper = new SQLException("Java exception: 'duplicate'.", "XJ001", 0);
        wrapper.setNextException(new SQLException("The statement was aborted because it would have caused a duplicate"
                + " key value in a unique or primary key constraint", "23505", 20000));
        leader.failure = wrapper;

        Throwable thrown = catchThrowable(() -> remote.update(BRANCH, "INSERT INTO T VALUES (1)", List.of()));

        assertThat(thrown).isExactlyInstanceOf(SQLException.class).hasMessage("Java exception: 'duplicate'.");
        SQLException e = (SQLException) thrown;
        assertThat(e.getSQLState()).isEqualTo("XJ001");
        assertThat(e.getErrorCode()).isZero();
        assertThat(e.getNextException().getSQLState()).isEqualTo("23505");
        assertThat(e.getNextException().getErrorCode()).isEqualTo(20000);
        assertThat(e.getNextException().getMessage()).isEqualTo(wrapper.getNextException().getMessage());
        // The gateway's translation sees what it would have seen locally.
        assertThat(ErrorTranslator.translate(e).code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION)
                .isEqualTo(ErrorTranslator.translate(wrapper).code());
    }

    @Test
    void anSqlExceptionOfAQueryIsRaisedByTheQueryCall() {
        leader.failure = new SQLException("Syntax error: Encountered \"FROMM\" at line 1, column 10.", "42X01", 30000);

        assertThatThrownBy(() -> remote.query(BRANCH, "SELECT * FROMM T", List.of()))
                .isExactlyInstanceOf(SQLException.class)
                .hasMessage("Syntax error: Encountered \"FROMM\" at line 1, column 10.")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42X01"))
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(30000));
    }

    @Test
    void aDistDataExceptionArrivesWithItsCodeDetailAndExtensions() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("table", "ORDERS");
        extensions.put("line", 42L);
        extensions.put("missing", null);
        extensions.put("node", new Object() {
            @Override
            public String toString() {
                return "node n7";
            }
        });
        leader.failure = new DistDataException(ErrorCode.TXN_CONFLICT, "orders row 9 is locked", null, extensions);

        Throwable thrown = catchThrowable(() -> remote.commit(BRANCH, false));

        assertThat(thrown).isInstanceOf(DistDataException.class).hasMessage("orders row 9 is locked");
        DistDataException e = (DistDataException) thrown;
        assertThat(e.code()).isEqualTo(ErrorCode.TXN_CONFLICT);
        assertThat(e.extensions()).containsExactly(Map.entry("table", "ORDERS"), Map.entry("line", 42L),
                new java.util.AbstractMap.SimpleEntry<>("missing", null), Map.entry("node", "node n7"));
    }

    @Test
    void notLeaderArrivesAsNotLeaderExceptionWithPartitionAndLeaderHint() {
        leader.failure = new NotLeaderException(3, 7);

        Throwable fromUpdate = catchThrowable(() -> remote.update(BRANCH, "DELETE FROM T", List.of()));
        Throwable fromRead = catchThrowable(() -> remote.read(3, "SELECT * FROM T", List.of()));

        for (Throwable thrown : List.of(fromUpdate, fromRead)) {
            assertThat(thrown).isExactlyInstanceOf(NotLeaderException.class);
            NotLeaderException e = (NotLeaderException) thrown;
            assertThat(e.partition()).isEqualTo(3);
            assertThat(e.leaderHint()).isEqualTo(7);
            assertThat(e.code()).isEqualTo(ErrorCode.NODE_UNAVAILABLE);
        }
    }

    @Test
    void anUnexpectedFailureAtTheLeaderArrivesAsAnInternalError() {
        leader.failure = new IllegalStateException("partition 3 is not open");

        Throwable thrown = catchThrowable(() -> remote.update(BRANCH, "DELETE FROM T", List.of()));

        assertThat(thrown).isInstanceOf(DistDataException.class).hasMessageContaining("partition 3 is not open");
        assertThat(((DistDataException) thrown).code()).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void theStatementTimeLimitTravelsToTheLeader() throws Exception {
        StatementTimeout.set(Duration.ofSeconds(4));

        remote.update(BRANCH, "DELETE FROM T", List.of());

        Duration seen = leader.calls.poll().timeLimit();
        assertThat(seen).isNotNull().isLessThanOrEqualTo(Duration.ofSeconds(4)).isGreaterThan(Duration.ofSeconds(2));
    }

    @Test
    void aPeerThatIsDownFailsEveryCallWithNodeUnavailableWellWithinTheDeadline() throws Exception {
        n1.addPeer("n9", new InetSocketAddress("127.0.0.1", freePort()));
        RemotePartitionService down = new RemotePartitionService(n1, "n9", Duration.ofSeconds(30), 100);
        StatementTimeout.set(Duration.ofSeconds(3));
        long started = System.nanoTime();

        List<Throwable> failures = List.of(
                catchThrowable(() -> down.update(BRANCH, "DELETE FROM T", List.of())),
                catchThrowable(() -> down.updateBatch(BRANCH, "DELETE FROM T", List.of(List.of()))),
                catchThrowable(() -> down.query(BRANCH, "SELECT * FROM T", List.of())),
                catchThrowable(() -> down.read(3, "SELECT * FROM T", List.of())),
                catchThrowable(() -> down.commit(BRANCH, false)),
                catchThrowable(() -> down.rollback(BRANCH)));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(3000);
        assertThat(failures).allSatisfy(f -> assertNodeUnavailable(f));
    }

    @Test
    void aPeerThatDoesNotAnswerFailsWithNodeUnavailableAtTheStatementDeadline() {
        leader.hang = new CountDownLatch(1);
        StatementTimeout.set(Duration.ofMillis(500));
        long started = System.nanoTime();

        Throwable thrown = catchThrowable(() -> remote.update(BRANCH, "DELETE FROM T", List.of()));

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertNodeUnavailable(thrown);
        assertThat(waited).as("the leader hangs for 30 s").isBetween(400L, 5000L);
    }

    @Test
    void withoutAStatementTimeLimitTheDefaultTimeoutBoundsACall() throws Exception {
        RemotePartitionService impatient = new RemotePartitionService(n1, "n2", Duration.ofMillis(400), 100);
        leader.hang = new CountDownLatch(1);
        long started = System.nanoTime();

        Throwable thrown = catchThrowable(() -> impatient.read(1, "SELECT * FROM T", List.of()));

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertNodeUnavailable(thrown);
        assertThat(waited).as("the leader hangs for 30 s").isBetween(300L, 5000L);
        assertThat(leader.calls.poll().timeLimit()).as("no limit is imposed on the leader").isNull();
    }

    @Test
    void callsThatWaitForRaftMessagesLeaveTheLeadersTransportFreeToDeliverThem() throws Exception {
        // A leader with two handler threads, and six commits that each wait for "replication": a message that
        // reaches the leader through the same transport, as Raft's append responses do.
        NodeTransport n3 = nodes.start(nodes.config("n3").handlerThreads(2).build());
        TransportNodes.connect(n1, n3);
        CountDownLatch replicated = new CountDownLatch(1);
        FakePartitionService waiting = new FakePartitionService();
        waiting.hang = replicated;
        new PartitionServiceEndpoint(waiting, calls).registerOn(n3);
        n3.register(MessageType.RAFT_APPEND_RESPONSE.code(), frame -> {
            replicated.countDown();
            return Reply.none();
        });
        RemotePartitionService toN3 = new RemotePartitionService(n1, "n3", Duration.ofSeconds(20), 100);
        List<CompletableFuture<Void>> commits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TxnBranch branch = new TxnBranch("t" + i, 1);
            commits.add(CompletableFuture.runAsync(() -> {
                try {
                    toN3.commit(branch, false);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, calls));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiting.calls.size() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(waiting.calls).as("commits waiting at the leader at once").hasSize(6);

        n1.send("n3", MessageType.RAFT_APPEND_RESPONSE.code(), 0, new byte[0]);

        // Were the commits holding the handler threads, the message would wait for them: 30 s, the fake's limit.
        CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(replicated.getCount()).isZero();
    }

    private static void assertNodeUnavailable(Throwable thrown) {
        assertThat(thrown).isInstanceOf(DistDataException.class);
        assertThat(((DistDataException) thrown).code()).isEqualTo(ErrorCode.NODE_UNAVAILABLE);
        assertThat(((DistDataException) thrown).code().retryable()).isTrue();
    }

    private static List<Object> row(RowCursor cursor) throws SQLException {
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < cursor.columns().size(); i++) {
            row.add(cursor.get(i));
        }
        return row;
    }

    /** Same values and same Java types; byte arrays by content. */
    private static void assertSameValues(List<?> actual, List<?> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Object e = expected.get(i);
            Object a = actual.get(i);
            if (e == null) {
                assertThat(a).as("value %d", i).isNull();
            } else if (e instanceof byte[] bytes) {
                assertThat(a).as("value %d", i).isInstanceOf(byte[].class);
                assertThat((byte[]) a).as("value %d", i).containsExactly(bytes);
            } else {
                assertThat(a).as("value %d", i).isInstanceOf(e.getClass()).isEqualTo(e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
