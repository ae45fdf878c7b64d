package org.distdata.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class FailureDetectorTest {
    private static final NodeLoad LOAD = new NodeLoad(0.25, 100, 1000, 5000);

    private final FailureDetector detector = new FailureDetector(); // 3 s to SUSPECT, 10 s to DOWN

    @Test
    void aNodeNeverHeardFromIsJoiningSinceItWasExpected() {
        detector.expect(1, 1_000);

        assertThat(detector.liveness(1, 60_000)).hasValueSatisfying(l -> {
            assertThat(l.state()).isEqualTo(NodeState.JOINING);
            assertThat(l.sinceMillis()).isEqualTo(1_000);
            assertThat(l.lastHeartbeatMillis()).isEmpty();
            assertThat(l.load()).isEqualTo(NodeLoad.UNKNOWN);
        });
        assertThat(detector.state(99, 60_000)).as("untracked").isEqualTo(NodeState.JOINING);
        assertThat(detector.liveness(99, 60_000)).isEmpty();
    }

    @Test
    void silenceTurnsUpIntoSuspectAtThreeSecondsAndDownAtTen() {
        detector.expect(1, 0);
        detector.heartbeat(1, 5_000, LOAD);

        assertThat(detector.state(1, 5_000)).isEqualTo(NodeState.UP);
        assertThat(detector.state(1, 7_999)).isEqualTo(NodeState.UP);
        assertThat(detector.state(1, 8_000)).isEqualTo(NodeState.SUSPECT);
        assertThat(detector.state(1, 14_999)).isEqualTo(NodeState.SUSPECT);
        assertThat(detector.state(1, 15_000)).isEqualTo(NodeState.DOWN);
        assertThat(detector.liveness(1, 9_000).orElseThrow().sinceMillis()).isEqualTo(8_000);
        assertThat(detector.liveness(1, 20_000).orElseThrow().sinceMillis()).isEqualTo(15_000);
        assertThat(detector.liveness(1, 20_000).orElseThrow().lastHeartbeatMillis()).isEqualTo(OptionalLong.of(5_000));
    }

    @Test
    void regularHeartbeatsKeepANodeUpSinceItsFirst() {
        for (long t = 1_000; t <= 30_000; t += 1_000) {
            detector.heartbeat(2, t, LOAD);
            assertThat(detector.state(2, t + 999)).isEqualTo(NodeState.UP);
        }
        assertThat(detector.liveness(2, 30_500).orElseThrow().sinceMillis()).isEqualTo(1_000);
        assertThat(detector.liveness(2, 30_500).orElseThrow().load()).isEqualTo(LOAD);
    }

    @Test
    void aHeartbeatBringsASuspectOrDownNodeBackUpFromThatMoment() {
        detector.heartbeat(1, 0, LOAD);
        assertThat(detector.state(1, 4_000)).isEqualTo(NodeState.SUSPECT);

        detector.heartbeat(1, 4_000, LOAD);
        assertThat(detector.liveness(1, 4_500).orElseThrow())
                .extracting(FailureDetector.Liveness::state, FailureDetector.Liveness::sinceMillis)
                .containsExactly(NodeState.UP, 4_000L);

        assertThat(detector.state(1, 20_000)).isEqualTo(NodeState.DOWN);
        detector.heartbeat(1, 20_000, LOAD);
        assertThat(detector.liveness(1, 20_000).orElseThrow().state()).isEqualTo(NodeState.UP);
        assertThat(detector.liveness(1, 20_000).orElseThrow().sinceMillis()).isEqualTo(20_000);
    }

    @Test
    void aStaleHeartbeatDoesNotRewindTheClock() {
        NodeLoad newer = new NodeLoad(0.9, 1, 2, 3);
        detector.heartbeat(1, 10_000, newer);
        detector.heartbeat(1, 9_000, LOAD); // arrived late

        assertThat(detector.liveness(1, 12_500).orElseThrow().lastHeartbeatMillis()).isEqualTo(OptionalLong.of(10_000));
        assertThat(detector.liveness(1, 12_500).orElseThrow().load()).isEqualTo(newer);
        assertThat(detector.state(1, 12_999)).isEqualTo(NodeState.UP);
        assertThat(detector.state(1, 13_000)).isEqualTo(NodeState.SUSPECT);
    }

    @Test
    void timeoutsAreConfigurable() {
        FailureDetector fast = new FailureDetector(Duration.ofMillis(100), Duration.ofMillis(300));
        fast.heartbeat(1, 0, LOAD);

        assertThat(fast.state(1, 99)).isEqualTo(NodeState.UP);
        assertThat(fast.state(1, 100)).isEqualTo(NodeState.SUSPECT);
        assertThat(fast.state(1, 300)).isEqualTo(NodeState.DOWN);
    }

    @Test
    void allListsEveryTrackedNodeAndForgetDropsOne() {
        detector.expect(3, 0);
        detector.heartbeat(1, 0, LOAD);
        detector.heartbeat(2, 9_000, LOAD);

        assertThat(detector.all(11_000)).containsOnlyKeys(1L, 2L, 3L);
        assertThat(detector.all(11_000).get(1L).state()).isEqualTo(NodeState.DOWN);
        assertThat(detector.all(11_000).get(2L).state()).isEqualTo(NodeState.UP);
        assertThat(detector.all(11_000).get(3L).state()).isEqualTo(NodeState.JOINING);

        detector.forget(1);
        assertThat(detector.all(11_000)).containsOnlyKeys(2L, 3L);
    }

    @Test
    void expectDoesNotResetANodeAlreadyHeardFrom() {
        detector.heartbeat(1, 1_000, LOAD);
        detector.expect(1, 2_000);

        assertThat(detector.state(1, 2_000)).isEqualTo(NodeState.UP);
    }

    @Test
    void downMustComeAfterSuspect() {
        assertThatThrownBy(() -> new FailureDetector(Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .hasMessageContaining("must be longer than the suspect timeout");
        assertThatThrownBy(() -> new FailureDetector(Duration.ZERO, Duration.ofSeconds(5)))
                .hasMessageContaining("must be positive");
    }
}
