package org.distdata.meta;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.raft.Entry;
import org.distdata.security.entity.Role;
import org.distdata.security.entity.UserAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class MetaStateMachineTest {
    private static final MetaCommand ADA = new MetaCommand.UserCreated("ada", "hash$1", Set.of(Role.READER));
    private static final MetaCommand REVOKE_ADA = new MetaCommand.UserTokensRevoked("ada");

    @TempDir
    Path dir;
    private MetadataDatabase db;
    private MetaStateMachine sm;
    private final List<MetaCommand> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        db = MetadataDatabase.open(dir.resolve("meta"));
        sm = new MetaStateMachine(db);
        MetaListener recorder = published::add;
        sm.subscribe(() -> recorder);
    }

    @AfterEach
    void close() {
        sm.close();
        db.close();
    }

    /** What a crash leaves: the database as committed, and a fresh state machine reading it. */
    private void crashAndReopen() {
        db.close();
        published.clear();
        open();
    }

    @Test
    void replayAfterACrashAppliesEveryEntryExactlyOnce() {
        List<Entry> log = List.of(command(1, ADA), command(2, REVOKE_ADA),
                command(3, new MetaCommand.TableRegistered(SampleCommands.orders())),
                new Entry(1, 4, Entry.Kind.NOOP, null), command(5, REVOKE_ADA));
        sm.applyInOrder(log.subList(0, 3));
        assertThat(tokenVersionOfAda()).isEqualTo(2);

        crashAndReopen();
        assertThat(sm.appliedIndex(MetaStateMachine.GROUP)).isEqualTo(3);
        sm.applyInOrder(log); // the host hands over everything after its own durable point
        assertThat(sm.appliedIndex(MetaStateMachine.GROUP)).isEqualTo(5);
        assertThat(published).containsExactly(REVOKE_ADA);
        assertThat(tokenVersionOfAda()).as("entries 1-3 not applied again").isEqualTo(3);

        crashAndReopen();
        sm.applyInOrder(log);
        sm.applyInOrder(log.subList(2, 5));
        assertThat(published).isEmpty();
        assertThat(tokenVersionOfAda()).isEqualTo(3);
        assertThat(count("UserAccount")).isEqualTo(1);
        assertThat(count("TableEntity")).isEqualTo(1);
        assertThat(sm.appliedIndex(MetaStateMachine.GROUP)).isEqualTo(5);
    }

    @Test
    void aBatchWithBytesThisNodeCannotReadChangesNothing() {
        Entry garbage = new Entry(1, 2, Entry.Kind.COMMAND, new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 7, (byte) 0xFF});

        assertThatThrownBy(() -> sm.applyInOrder(List.of(command(1, ADA), garbage)))
                .isInstanceOf(MetaCodecException.class).hasMessageContaining("meta log entry 2");

        assertThat(sm.appliedIndex(MetaStateMachine.GROUP)).isZero();
        assertThat(count("UserAccount")).isZero();
        assertThat(published).isEmpty();
        crashAndReopen();
        assertThat(sm.appliedIndex(MetaStateMachine.GROUP)).isZero();
    }

    @Test
    void aRefusedCommandChangesNothingButItsIndexIsApplied() {
        CompletableFuture<MetaOutcome> first = sm.expect(1);
        CompletableFuture<MetaOutcome> second = sm.expect(2);

        sm.applyInOrder(List.of(command(1, ADA), command(2,
                new MetaCommand.UserCreated("ada", "other$hash", Set.of(Role.ADMIN)))));

        assertThat(first.join().accepted()).isTrue();
        assertThat(second.join().refusal()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION);
        assertThat(second.join().reason()).isEqualTo("user 'ada' already exists");
        assertThat(published).containsExactly(ADA);
        String hash = db.read(em -> em.find(UserAccount.class, "ada").passwordHash());
        assertThat(hash).isEqualTo("hash$1");
        assertThat(sm.appliedIndex(MetaStateMachine.GROUP)).isEqualTo(2);
    }

    @Test
    void entriesHandedToTheHostsApplyAreAppliedOnTheStateMachinesThreadAndAwaited() {
        sm.apply(MetaStateMachine.GROUP, List.of(command(1, ADA), command(2, REVOKE_ADA)));
        sm.apply(MetaStateMachine.GROUP, List.of(command(3, new MetaCommand.ViewCreated("V", "CREATE VIEW v AS VALUES 1"))));

        assertThat(sm.awaitApplied(3, Duration.ofSeconds(10))).isTrue();
        assertThat(published).hasSize(3).startsWith(ADA, REVOKE_ADA);
        assertThat(sm.awaitApplied(4, Duration.ofMillis(50))).as("index 4 never comes").isFalse();
    }

    @Test
    void aCommittedBatchThatCannotBeAppliedStopsTheStateMachineAndWaitersAreTold() {
        sm.apply(MetaStateMachine.GROUP, List.of(new Entry(1, 1, Entry.Kind.COMMAND, new byte[] {9})));

        assertThatThrownBy(() -> sm.awaitApplied(1, Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(DistDataException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NODE_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("stopped applying metadata changes", "version 9");
                });
        sm.apply(MetaStateMachine.GROUP, List.of(command(1, ADA)));
        assertThatThrownBy(() -> sm.awaitApplied(1, Duration.ofSeconds(1))).isInstanceOf(DistDataException.class);
        assertThat(count("UserAccount")).as("no entry after a failed one is applied").isZero();
    }

    @Test
    void aGapInTheLogIsRefused() {
        sm.applyInOrder(List.of(command(1, ADA)));
        assertThatThrownBy(() -> sm.applyInOrder(List.of(command(3, REVOKE_ADA))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expected index 2, got 3");
        assertThat(sm.appliedIndex(MetaStateMachine.GROUP)).isEqualTo(1);
    }

    @Test
    void eachRevocationPrunesTheRevocationsExpiredByItsTime() {
        sm.applyInOrder(List.of(command(1, new MetaCommand.TokenRevoked("t1", 1_000, 500)),
                command(2, new MetaCommand.TokenRevoked("t2", 5_000, 900))));
        assertThat(count("RevokedToken")).as("t1 still unexpired at 900").isEqualTo(2);

        sm.applyInOrder(List.of(command(3, new MetaCommand.TokenRevoked("t3", 9_000, 1_001))));

        List<String> left = db.read(em -> em.createQuery("SELECT r.tokenId FROM RevokedToken r ORDER BY r.tokenId",
                String.class).getResultList());
        assertThat(left).containsExactly("t2", "t3");
    }

    @Test
    void theMetaStateMachineServesOnlyGroupZero() {
        assertThatThrownBy(() -> sm.appliedIndex(1)).isInstanceOf(IllegalArgumentException.class);
    }

    static Entry command(long index, MetaCommand command) {
        return new Entry(1, index, Entry.Kind.COMMAND, MetaCodec.encode(new MetaProposal(index, command)));
    }

    private long tokenVersionOfAda() {
        return db.read(em -> em.find(UserAccount.class, "ada").tokenVersion());
    }

    private long count(String entity) {
        return db.read(em -> em.createQuery("SELECT COUNT(e) FROM " + entity + " e", Long.class).getSingleResult());
    }
}
