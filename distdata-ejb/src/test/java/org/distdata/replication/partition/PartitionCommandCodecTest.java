package org.distdata.replication.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PartitionCommandCodecTest {

    @Test
    void aWriteSetRoundTripsWithEveryKindOfValue() {
        WriteSet ws = new WriteSet(new ProposalId(3, -42L, 7), List.of(
                new WriteSet.Statement(WriteSet.Kind.DDL, "CREATE TABLE t (id INT)", List.of(List.of()), 0),
                new WriteSet.Statement(WriteSet.Kind.UPDATE, "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                        List.of(Arrays.asList(1, null, new BigDecimal("12.50"), LocalDate.of(2026, 1, 2),
                                LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6000))), 1),
                new WriteSet.Statement(WriteSet.Kind.BATCH, "INSERT INTO t VALUES (?)",
                        List.of(List.of("a"), List.of("b"), List.of(new byte[] {1, 2})), 3)));
        PartitionCommand back = PartitionCommandCodec.decode(PartitionCommandCodec.encode(new PartitionCommand.Commit(ws)));
        WriteSet decoded = ((PartitionCommand.Commit) back).writes();
        assertThat(decoded.proposalId()).isEqualTo(ws.proposalId());
        assertThat(decoded.statements()).hasSize(3);
        assertThat(decoded.statements().get(1).rows().get(0)).containsExactlyElementsOf(ws.statements().get(1).rows().get(0));
        assertThat(decoded.statements().get(2).updateCount()).isEqualTo(3);
        assertThat((byte[]) decoded.statements().get(2).rows().get(2).get(0)).containsExactly(1, 2);
        assertThat(decoded.statements().get(0).kind()).isEqualTo(WriteSet.Kind.DDL);
    }

    @Test
    void aChecksumRoundTrips() {
        assertThat(PartitionCommandCodec.decode(PartitionCommandCodec.encode(new PartitionCommand.Checksum(99))))
                .isEqualTo(new PartitionCommand.Checksum(99));
    }

    @Test
    void aCommitThatRecordsItsTransactionKeepsTheIdAndAnAutocommitOneHasNone() {
        WriteSet ws = new WriteSet(new ProposalId(1, 2, 3), java.util.List.of(new WriteSet.Statement(
                WriteSet.Kind.UPDATE, "UPDATE t SET v = 1", java.util.List.of(java.util.List.of()), 1)));
        var recorded = (PartitionCommand.Commit) PartitionCommandCodec.decode(PartitionCommandCodec.encode(
                new PartitionCommand.Commit("n2-0190c3f5a1b20003", ws)));
        assertThat(recorded.recordedAs()).isEqualTo("n2-0190c3f5a1b20003");
        assertThat(recorded.writes().statements()).hasSize(1);
        var plain = (PartitionCommand.Commit) PartitionCommandCodec.decode(PartitionCommandCodec.encode(
                new PartitionCommand.Commit(ws)));
        assertThat(plain.recordedAs()).isNull();
    }

    @Test
    void anUnknownVersionOrKindIsRefusedNotGuessed() {
        assertThatThrownBy(() -> PartitionCommandCodec.decode(new byte[] {2, 1})).hasMessageContaining("version 2");
        assertThatThrownBy(() -> PartitionCommandCodec.decode(new byte[] {1, 9})).hasMessageContaining("kind 9");
    }

    @Test
    void garbageNeverDecodesSilentlyIntoSomethingElse() {
        byte[] good = PartitionCommandCodec.encode(new PartitionCommand.Commit(new WriteSet(new ProposalId(1, 2, 3),
                List.of(new WriteSet.Statement(WriteSet.Kind.UPDATE, "DELETE FROM t WHERE id = ?", List.of(List.of(5)), 1)))));
        Random random = new Random(20261203);
        for (int i = 0; i < 5_000; i++) {
            byte[] bad = Arrays.copyOf(good, random.nextInt(good.length));
            try {
                PartitionCommandCodec.decode(bad);
                throw new AssertionError("a truncated command decoded: " + bad.length + " of " + good.length + " bytes");
            } catch (IllegalArgumentException expected) {
                assertThat(expected).hasMessageContaining("partition command");
            }
        }
    }
}
