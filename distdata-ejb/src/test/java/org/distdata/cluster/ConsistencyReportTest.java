package org.distdata.cluster;

import org.distdata.cluster.ConsistencyReport.PartitionCheck;
import org.distdata.cluster.ConsistencyReport.ReplicaChecksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class ConsistencyReportTest {

    @Test
    void equalChecksumsAreConsistent() {
        PartitionCheck p = new PartitionCheck(0, 42, List.of(ReplicaChecksum.of(1, "ab"), ReplicaChecksum.of(2, "ab")));

        assertThat(p.consistent()).isTrue();
        assertThat(new ConsistencyReport(List.of(p)).consistent()).isTrue();
    }

    @Test
    void oneDifferingChecksumOrOneErrorMakesThePartitionAndTheReportInconsistent() {
        PartitionCheck good = new PartitionCheck(0, 42, List.of(ReplicaChecksum.of(1, "ab"), ReplicaChecksum.of(2, "ab")));
        PartitionCheck differs = new PartitionCheck(1, 42, List.of(ReplicaChecksum.of(1, "ab"), ReplicaChecksum.of(2, "cd")));
        PartitionCheck failed = new PartitionCheck(2, 42, List.of(ReplicaChecksum.of(1, "ab"),
                ReplicaChecksum.failed(2, "timeout")));

        assertThat(differs.consistent()).isFalse();
        assertThat(failed.consistent()).isFalse();
        assertThat(new ConsistencyReport(List.of(good, differs)).consistent()).isFalse();
        assertThat(new ConsistencyReport(List.of(good, failed)).consistent()).isFalse();
    }

    @Test
    void aPartitionWithoutReplicasIsNotConsistent() {
        assertThat(new PartitionCheck(0, 1, List.of()).consistent()).isFalse();
    }
}
