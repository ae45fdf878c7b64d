package org.distdata.meta;

import org.distdata.catalog.entity.StoredStatistics;
import org.distdata.catalog.entity.TableDef;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.security.control.UserView;
import org.distdata.security.entity.Role;
import org.distdata.sql.stats.StatisticsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes, each with its own metadata database, state machine and services, fed the same
 * entries in the same order by one replicated log: what one node changes, the other sees
 * once it has applied the log that far (as a follower would after a read index).
 */
@Timeout(120)
class TwoNodeMetaGroupTest {
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static final String IP = "10.0.0.7";

    @TempDir
    Path dir;
    private final InTestReplicatedLog log = new InTestReplicatedLog();
    private MetaNode a;
    private MetaNode b;

    @BeforeEach
    void open() {
        a = new MetaNode(dir.resolve("a"), log);
        b = new MetaNode(dir.resolve("b"), log);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private void startBoth() {
        a.start(Optional.of(ADMIN_PASSWORD));
        b.start(Optional.of(ADMIN_PASSWORD));
    }

    /** Waits until {@code node} has applied every entry proposed so far. */
    private MetaNode caughtUp(MetaNode node) {
        assertThat(node.meta.stateMachine().awaitApplied(log.size(), Duration.ofSeconds(20))).isTrue();
        return node;
    }

    @Test
    void aUserCreatedOnOneNodeLogsInOnTheOther() {
        startBoth();
        a.security.users().create("ada", "ada password", Set.of(Role.WRITER));

        assertThat(caughtUp(b).security.auth().login("ada", "ada password", IP).roles()).containsExactly(Role.WRITER);
        assertThat(b.security.users().list()).extracting(UserView::username).containsExactly("ada", "admin");
    }

    @Test
    void aTokenIssuedByOneNodeValidatesOnTheOther() {
        startBoth();
        String token = a.security.auth().login("admin", ADMIN_PASSWORD, IP).token();

        assertThat(caughtUp(b).security.auth().verify(token)).hasValueSatisfying(c ->
                assertThat(c.username()).isEqualTo("admin"));
    }

    @Test
    void aLogoutOnOneNodeIsHonouredByTheOther() {
        startBoth();
        String token = b.security.auth().login("admin", ADMIN_PASSWORD, IP).token();
        assertThat(caughtUp(a).security.auth().verify(token)).isPresent();

        a.security.auth().logout(token);

        assertThat(caughtUp(b).security.auth().verify(token)).isEmpty();
        assertThatThrownBy(() -> b.security.auth().logout(token)).isInstanceOfSatisfying(DistDataException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void aPasswordChangeOnOneNodeRevokesTokensOnTheOther() {
        startBoth();
        a.security.users().create("ada", "first password", Set.of(Role.READER));
        String token = caughtUp(b).security.auth().login("ada", "first password", IP).token();

        a.security.users().update("ada", Optional.of("second password"), Optional.empty(), Optional.empty());

        caughtUp(b);
        assertThat(b.security.auth().verify(token)).isEmpty();
        assertThatThrownBy(() -> b.security.auth().login("ada", "first password", IP))
                .isInstanceOf(DistDataException.class);
        assertThat(b.security.auth().login("ada", "second password", IP).token()).isNotBlank();
    }

    @Test
    void revokingAllTokensOfAUserOnOneNodeIsHonouredByTheOther() {
        startBoth();
        String token = b.security.auth().login("admin", ADMIN_PASSWORD, IP).token();

        caughtUp(a).security.auth().revokeAllTokens("admin");

        assertThat(caughtUp(b).security.auth().verify(token)).isEmpty();
        assertThat(b.security.auth().verify(b.security.auth().login("admin", ADMIN_PASSWORD, IP).token())).isPresent();
    }

    @Test
    void aTableRegisteredThroughOneNodeIsKnownToTheOtherWithItsColumnsWithoutAnyPartition() {
        startBoth();
        long versionBefore = b.catalog.version();
        TableDef orders = SampleCommands.orders();

        a.catalog.register(orders);
        b.catalog.storeStatistics(new StoredStatistics("ORDERS", 1, 9, List.of(9L, 0L, 0L, 0L), List.of()));

        assertThat(caughtUp(b).catalog.find("ORDERS")).contains(orders);
        assertThat(b.catalog.version()).isGreaterThan(versionBefore);
        assertThat(caughtUp(a).catalog.statistics("ORDERS")).hasValueSatisfying(s -> assertThat(s.rows()).isEqualTo(9));
        assertThat(new StatisticsStore(a.catalog).estimatedRows("ORDERS")).as("the planner's view on A").isEqualTo(9);

        b.close(); // a restart, then the log is handed over again from its start: nothing twice
        b = new MetaNode(dir.resolve("b"), log).start(Optional.of(ADMIN_PASSWORD));
        assertThat(caughtUp(b).catalog.find("ORDERS")).contains(orders);
        assertThat(b.catalog.statistics("ORDERS")).isPresent();

        a.catalog.unregister("ORDERS");
        assertThat(caughtUp(b).catalog.find("ORDERS")).isEmpty();
        assertThat(b.catalog.statistics("ORDERS")).isEmpty();
    }

    @Test
    void twoNodesStartingAtOnceCreateExactlyOneFirstAdminOneSigningKeyAndOnePartitionCount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        try {
            List<Future<String>> partitions = new ArrayList<>();
            for (MetaNode node : List.of(a, b)) {
                String proposed = node == a ? "16" : "8";
                Callable<String> startUp = () -> {
                    together.await();
                    String p = new Settings(node.meta).getOrCreate("partitions", () -> proposed);
                    node.start(Optional.empty());
                    return p;
                };
                partitions.add(pool.submit(startUp));
            }
            assertThat(partitions.get(0).get()).isEqualTo(partitions.get(1).get());
        } finally {
            pool.shutdownNow();
        }

        Optional<String> fromA = a.security.generatedAdminPassword();
        Optional<String> fromB = b.security.generatedAdminPassword();
        assertThat(fromA.isPresent() ^ fromB.isPresent()).as("exactly one node prints a password").isTrue();
        String password = fromA.or(() -> fromB).orElseThrow();
        for (MetaNode node : List.of(caughtUp(a), caughtUp(b))) {
            assertThat(node.security.users().list()).containsExactly(new UserView("admin", Set.of(Role.ADMIN), true));
        }
        String token = a.security.auth().login("admin", password, IP).token();
        assertThat(b.security.auth().verify(token)).as("both nodes hold the one signing key").isPresent();
    }

    @Test
    void removingBothAdminsFromTwoNodesAtOnceLeavesOne() throws Exception {
        startBoth();
        a.security.users().create("root2", "root2 password", Set.of(Role.ADMIN));
        caughtUp(b);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        int refused = 0;
        try {
            Future<?> first = pool.submit(() -> {
                together.await();
                a.security.users().delete("admin");
                return null;
            });
            Future<?> second = pool.submit(() -> {
                together.await();
                b.security.users().delete("root2");
                return null;
            });
            for (Future<?> f : List.of(first, second)) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(DistDataException.class,
                            x -> assertThat(x.code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION));
                    refused++;
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(refused).isEqualTo(1);
        assertThat(caughtUp(a).security.users().list()).hasSize(1).isEqualTo(caughtUp(b).security.users().list());
    }

    @Test
    void aKeyRotatedOnOneNodeSignsNewTokensEverywhereAndOldTokensStayValid() {
        startBoth();
        String before = b.security.auth().login("admin", ADMIN_PASSWORD, IP).token();

        a.security.auth().rotateSigningKey();

        String after = caughtUp(b).security.auth().login("admin", ADMIN_PASSWORD, IP).token();
        assertThat(a.security.auth().verify(after)).isPresent();
        assertThat(b.security.auth().verify(before)).isPresent();
        assertThat(after.substring(after.lastIndexOf('.')))
                .as("signed with another key").isNotEqualTo(before.substring(before.lastIndexOf('.')));
    }
}
