package org.distdata.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.distdata.clock.HybridClock;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
import org.distdata.sql.DistributedSqlEngine;
import org.distdata.sql.SqlStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explicit transactions on a node running alone (4 partitions): what a client of
 * {@code /api/v1/transactions} sees — isolation until commit, rollback, a failed statement
 * ending the transaction, idle expiry on a clock the test moves, ownership by user and node.
 */
class ExplicitTransactionsTest {
    private static final Duration IDLE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Node node;
    private DistributedSqlEngine engine;
    private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-03T12:00:00Z").toEpochMilli());
    private ExplicitTransactions txns;

    @BeforeEach
    void open() {
        node = Node.open(new NodeConfig("n1", dir, 4, Optional.of("test-admin-pw-1"), Duration.ofHours(1)));
        engine = (DistributedSqlEngine) node.sql();
        txns = new ExplicitTransactions("n1", new HybridClock(now::get), engine, new Members(), clock(), IDLE);
        sql("CREATE TABLE account (id INT PRIMARY KEY, balance INT NOT NULL)");
        for (int id = 0; id < 8; id++) {
            sql("INSERT INTO account VALUES (?, 100)", id);
        }
    }

    @AfterEach
    void close() {
        txns.close();
        node.close();
    }

    @Test
    void writesInsideATransactionAreSeenByItAndCommitTogether() {
        TransactionState t = txns.begin("alice");
        assertThat(t.transactionId()).matches("n1-[0-9a-f]{16}");
        assertThat(t.status()).isEqualTo(TransactionStatus.ACTIVE);
        assertThat(t.expiresAt()).isEqualTo(Instant.ofEpochMilli(now.get()).plus(IDLE));

        in(t, "alice", "UPDATE account SET balance = balance - 30 WHERE id = 1");
        in(t, "alice", "UPDATE account SET balance = balance + 30 WHERE id = 6");
        assertThat(txns.execute(t.transactionId(), "alice", SqlStatement.of("SELECT balance FROM account WHERE id = 1"))
                .rows()).containsExactly(List.of(70));

        assertThat(txns.commit(t.transactionId(), "alice").status()).isEqualTo(TransactionStatus.COMMITTED);
        assertThat(balance(1)).isEqualTo(70);
        assertThat(balance(6)).isEqualTo(130);
        assertThat(txns.status(t.transactionId(), "alice").status()).isEqualTo(TransactionStatus.COMMITTED);
        assertThat(txns.commit(t.transactionId(), "alice").status()).as("a repeated commit").isEqualTo(
                TransactionStatus.COMMITTED);
        assertThat(txns.activeCount()).isZero();
    }

    @Test
    void rollbackLeavesNothingAndTheTransactionTakesNoMoreStatements() {
        TransactionState t = txns.begin("alice");
        in(t, "alice", "UPDATE account SET balance = 0 WHERE id = 2");
        assertThat(txns.rollback(t.transactionId(), "alice").status()).isEqualTo(TransactionStatus.ROLLED_BACK);
        assertThat(balance(2)).isEqualTo(100);

        DistDataException e = catchThrowableOfType(() -> in(t, "alice", "UPDATE account SET balance = 1 WHERE id = 2"),
                DistDataException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.TXN_NOT_FOUND);
        assertThat(e.detail()).contains("ROLLED_BACK");
        assertThat(txns.status(t.transactionId(), "alice").status()).isEqualTo(TransactionStatus.ROLLED_BACK);
    }

    @Test
    void aFailedStatementAbortsTheWholeTransaction() {
        TransactionState t = txns.begin("alice");
        in(t, "alice", "UPDATE account SET balance = 1 WHERE id = 3");
        DistDataException e = catchThrowableOfType(() -> in(t, "alice", "INSERT INTO account VALUES (3, 5)"),
                DistDataException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION);
        assertThat(e.extensions()).containsEntry("transactionStatus", "ABORTED");

        assertThat(balance(3)).as("the earlier statement of the transaction is rolled back too").isEqualTo(100);
        TransactionState after = txns.status(t.transactionId(), "alice");
        assertThat(after.status()).isEqualTo(TransactionStatus.ABORTED);
        assertThat(after.reason()).contains("statement failed");
        assertThatThrownBy(() -> txns.commit(t.transactionId(), "alice")).isInstanceOf(DistDataException.class)
                .extracting(x -> ((DistDataException) x).code()).isEqualTo(ErrorCode.TXN_NOT_FOUND);
    }

    @Test
    void anIdleTransactionExpiresAndIsRolledBackWhileAnActiveOneLives() {
        TransactionState idle = txns.begin("alice");
        TransactionState busy = txns.begin("alice");
        in(idle, "alice", "UPDATE account SET balance = 0 WHERE id = 4");
        in(busy, "alice", "UPDATE account SET balance = 0 WHERE id = 5");

        now.addAndGet(40_000);
        in(busy, "alice", "SELECT balance FROM account WHERE id = 5");
        assertThat(txns.expireIdle()).as("nothing is idle for 60 s yet").isZero();
        now.addAndGet(30_000);
        assertThat(txns.expireIdle()).isEqualTo(1);

        TransactionState expired = txns.status(idle.transactionId(), "alice");
        assertThat(expired.status()).isEqualTo(TransactionStatus.ABORTED);
        assertThat(expired.reason()).startsWith("expired");
        assertThat(txns.status(busy.transactionId(), "alice").expiresAt())
                .isEqualTo(Instant.ofEpochMilli(now.get() - 30_000).plus(IDLE));
        // the expired one's locks are gone: another transaction may write the same row
        sql("UPDATE account SET balance = 7 WHERE id = 4");
        assertThat(balance(4)).isEqualTo(7);
        txns.commit(busy.transactionId(), "alice");
        assertThat(balance(5)).isZero();
    }

    @Test
    void aTransactionIsInvisibleToOtherUsersAndOwnedByItsNode() {
        TransactionState t = txns.begin("alice");
        DistDataException foreignUser = catchThrowableOfType(
                () -> in(t, "mallory", "UPDATE account SET balance = 0 WHERE id = 0"), DistDataException.class);
        assertThat(foreignUser.code()).isEqualTo(ErrorCode.TXN_NOT_FOUND);
        assertThatThrownBy(() -> txns.rollback(t.transactionId(), "mallory")).isInstanceOf(DistDataException.class);
        assertThat(txns.status(t.transactionId(), "alice").status()).isEqualTo(TransactionStatus.ACTIVE);

        DistDataException misdirected = catchThrowableOfType(
                () -> txns.execute("n2-0190c3f5a1b20003", "alice", SqlStatement.of("SELECT 1 FROM account")),
                DistDataException.class);
        assertThat(misdirected.code()).isEqualTo(ErrorCode.MISDIRECTED);
        assertThat(misdirected.extensions()).containsEntry("node", "https://n2.example:8443");

        DistDataException unknownNode = catchThrowableOfType(() -> txns.status("n9-0190c3f5a1b20003", "alice"),
                DistDataException.class);
        assertThat(unknownNode.code()).isEqualTo(ErrorCode.TXN_NOT_FOUND);
        DistDataException notAnId = catchThrowableOfType(() -> txns.commit("42", "alice"), DistDataException.class);
        assertThat(notAnId.code()).isEqualTo(ErrorCode.TXN_NOT_FOUND);
        DistDataException neverBegun = catchThrowableOfType(
                () -> txns.status(t.transactionId().substring(0, 3) + "ffffffffffffffff".substring(0, 16), "alice"),
                DistDataException.class);
        assertThat(neverBegun.code()).isEqualTo(ErrorCode.TXN_NOT_FOUND);
    }

    @Test
    void aSchemaChangeIsRefusedInsideATransaction() {
        TransactionState t = txns.begin("alice");
        DistDataException e = catchThrowableOfType(() -> in(t, "alice", "CREATE TABLE t2 (id INT PRIMARY KEY)"),
                DistDataException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.SQL_SEMANTIC);
        assertThat(e.detail()).contains("DDL inside a transaction");
        assertThat(txns.status(t.transactionId(), "alice").status()).isEqualTo(TransactionStatus.ABORTED);
    }

    @Test
    void transactionIdsGrowAndNameTheirNodeEvenWhenTheWallClockStandsStill() {
        String a = txns.begin("alice").transactionId();
        String b = txns.begin("alice").transactionId();
        assertThat(b).isGreaterThan(a);
        assertThat(org.distdata.clock.TransactionIds.owner(b)).contains("n1");
    }

    private void in(TransactionState t, String user, String sql, Object... params) {
        txns.execute(t.transactionId(), user, new SqlStatement(sql, Arrays.asList(params)));
    }

    private void sql(String sql, Object... params) {
        engine.execute(new SqlStatement(sql, Arrays.asList(params)));
    }

    private int balance(int id) {
        return ((Number) engine.execute(new SqlStatement("SELECT balance FROM account WHERE id = ?", List.of(id)))
                .rows().get(0).get(0)).intValue();
    }

    private Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
    }

    /** n1 (this node) and n2, both up; n2 announces its URL. */
    private static final class Members implements TransactionNodes {
        @Override
        public Optional<String> apiUrl(String nodeName) {
            return nodeName.equals("n2") ? Optional.of("https://n2.example:8443") : Optional.empty();
        }

        @Override
        public boolean isMember(String nodeName) {
            return nodeName.equals("n1") || nodeName.equals("n2");
        }

        @Override
        public boolean isUp(String nodeName) {
            return isMember(nodeName);
        }
    }
}
