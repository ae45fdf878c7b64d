package org.distdata.cli.cluster;

import org.distdata.cli.api.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class CheckReportTest {

    @Test
    void agreeingReplicasPrintTheirChecksumOnce() {
        var report = Json.parseObject("""
                {"consistent": true, "partitions": [
                  {"id": 0, "consistent": true, "appliedIndex": 17, "replicas": [
                    {"node": "n1", "checksum": "ab12", "error": null}, {"node": "n2", "checksum": "ab12", "error": null}]},
                  {"id": 10, "consistent": true, "appliedIndex": 9, "replicas": [
                    {"node": "n2", "checksum": "ff00", "error": null}, {"node": "n3", "checksum": "ff00", "error": null}]}]}
                """);

        assertThat(CheckReport.format(report)).isEqualTo("""
                p0   OK        applied 17  checksum ab12 on n1, n2
                p10  OK        applied 9  checksum ff00 on n2, n3
                Consistent: all 2 partitions agree.
                """);
        assertThat(CheckReport.consistent(report)).isTrue();
    }

    @Test
    void aMismatchOrAnErrorShowsEveryReplicasAnswerAndFailsTheCheck() {
        var report = Json.parseObject("""
                {"consistent": false, "partitions": [
                  {"id": 0, "consistent": false, "appliedIndex": 17, "replicas": [
                    {"node": "n1", "checksum": "ab12", "error": null}, {"node": "n2", "checksum": "cd34", "error": null}]},
                  {"id": 1, "consistent": false, "appliedIndex": 9, "replicas": [
                    {"node": "n1", "checksum": "ee", "error": null}, {"node": "n3", "checksum": null, "error": "timeout"}]},
                  {"id": 2, "consistent": true, "appliedIndex": null, "replicas": [
                    {"node": "n1", "checksum": null, "error": null}]}]}
                """);

        assertThat(CheckReport.format(report)).isEqualTo("""
                p0  MISMATCH  applied 17  n1=ab12  n2=cd34
                p1  MISMATCH  applied 9  n1=ee  n3=ERROR timeout
                p2  OK        applied -  checksum - on n1
                INCONSISTENT: 2 of 3 partitions disagree or could not be checked (p0, p1).
                """);
        assertThat(CheckReport.consistent(report)).isFalse();
    }

    @Test
    void aPartitionMarkedInconsistentFailsEvenIfTheOverallFlagSaysOtherwise() {
        var report = Json.parseObject("""
                {"consistent": true, "partitions": [{"id": 0, "consistent": false, "appliedIndex": 1, "replicas": []}]}
                """);

        assertThat(CheckReport.consistent(report)).isFalse();
        assertThat(CheckReport.format(report)).startsWith("p0  MISMATCH  applied 1  no replicas\n");
    }
}
