package org.distdata.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class HybridClockTest {

    @Test
    void timestampsFollowTheWallClockAndStillGrowWhenItStandsStillOrStepsBack() {
        AtomicLong wall = new AtomicLong(1_000);
        HybridClock clock = new HybridClock(wall::get);
        long first = clock.now();
        long second = clock.now();
        assertThat(HybridClock.millisOf(first)).isEqualTo(1_000);
        assertThat(second).isGreaterThan(first);
        assertThat(HybridClock.millisOf(second)).isEqualTo(1_000);

        wall.set(900); // the wall clock stepped back
        long third = clock.now();
        assertThat(third).isGreaterThan(second);

        wall.set(2_000);
        assertThat(HybridClock.millisOf(clock.now())).isEqualTo(2_000);
    }

    @Test
    void anObservedTimestampFromAnotherNodeIsPassed() {
        HybridClock clock = new HybridClock(() -> 1_000);
        long remote = (5_000L << 16) + 7;
        clock.observe(remote);
        assertThat(clock.now()).isGreaterThan(remote);
    }

    @Test
    void idsNameTheirNodeAndRejectOtherShapes() {
        String id = TransactionIds.of("n-west-2", (1_000L << 16) + 3);
        assertThat(id).isEqualTo("n-west-2-0000000003e80003");
        assertThat(TransactionIds.owner(id)).contains("n-west-2");
        assertThat(TransactionIds.owner("n1-123")).isEmpty();
        assertThat(TransactionIds.owner("-0000000003e80003")).isEmpty();
        assertThat(TransactionIds.owner("n1-0000000003e8000g")).isEmpty();
    }
}
