package org.distdata.meta;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.raft.Entry;
import org.distdata.raft.ProposalRejectedException;
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
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class ReplicatedMetaLogTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final MetaCommand ADA = new MetaCommand.UserCreated("ada", "hash$1", Set.of(Role.READER));

    @TempDir
    Path dir;
    private MetadataDatabase db;
    private MetaStateMachine sm;
    private final AtomicLong lastIndex = new AtomicLong();

    @BeforeEach
    void open() {
        db = MetadataDatabase.open(dir.resolve("meta"));
        sm = new MetaStateMachine(db);
    }

    @AfterEach
    void close() {
        sm.close();
        db.close();
    }

    /** A one-member group: commits at once and hands the entry to the state machine. */
    private CompletableFuture<Long> commitAndApply(long group, byte[] command) {
        long index = lastIndex.incrementAndGet();
        sm.apply(group, List.of(new Entry(1, index, Entry.Kind.COMMAND, command)));
        return CompletableFuture.completedFuture(index);
    }

    @Test
    void submitReturnsOnceTheCommandIsAppliedHere() {
        new ReplicatedMetaLog(this::commitAndApply, sm, Duration.ofSeconds(10)).submit(ADA);

        UserAccount ada = db.read(em -> em.find(UserAccount.class, "ada"));
        assertThat(ada).isNotNull();
        assertThat(sm.appliedIndex(MetaStateMachine.GROUP)).isEqualTo(1);
    }

    @Test
    void aRefusalByTheStateMachineComesBackAsItsError() {
        MetaLog log = new ReplicatedMetaLog(this::commitAndApply, sm, Duration.ofSeconds(10));
        log.submit(ADA);

        assertCode(() -> log.submit(ADA), ErrorCode.CONSTRAINT_VIOLATION, "user 'ada' already exists");
    }

    @Test
    void aProposalTheGroupRefusesIsNoQuorum() {
        Proposer notLeader = (group, command) -> CompletableFuture.failedFuture(new ProposalRejectedException(
                ProposalRejectedException.Reason.NOT_LEADER, 3, "replica 1 is not the leader of group 0"));

        assertCode(() -> new ReplicatedMetaLog(notLeader, sm, TIMEOUT).submit(ADA), ErrorCode.NO_QUORUM, "NOT_LEADER");
    }

    @Test
    void aProposalNotCommittedInTimeIsNoQuorum() {
        Proposer silent = (group, command) -> new CompletableFuture<>();

        assertCode(() -> new ReplicatedMetaLog(silent, sm, TIMEOUT).submit(ADA), ErrorCode.NO_QUORUM,
                "not committed within");
    }

    @Test
    void aCommittedCommandThisNodeDoesNotApplyInTimeIsNodeUnavailable() {
        Proposer committedElsewhere = (group, command) -> CompletableFuture.completedFuture(1L);

        assertCode(() -> new ReplicatedMetaLog(committedElsewhere, sm, TIMEOUT).submit(ADA),
                ErrorCode.NODE_UNAVAILABLE, "has not applied it");
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code,
                                   String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DistDataException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
