package org.distdata.metrics;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * Latencies of one endpoint over a sliding window: a ring of time slices, each an HdrHistogram
 * in microseconds. Recording is lock-free; a slice is replaced (not reset) when its time comes
 * round again, so a concurrent reader never sees half-cleared counts. The window is the
 * last {@code slices * sliceMillis}, give or take the current slice.
 */
final class LatencyWindow {
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private record Slice(long epoch, ConcurrentHistogram histogram) {
    }

    private final long sliceMillis;
    private final AtomicReferenceArray<Slice> ring;
    private final LongSupplier millisClock;

    LatencyWindow(int slices, long sliceMillis, LongSupplier millisClock) {
        this.sliceMillis = sliceMillis;
        this.ring = new AtomicReferenceArray<>(slices);
        this.millisClock = millisClock;
    }

    void record(long nanos) {
        long micros = Math.max(1, Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
        long epoch = millisClock.getAsLong() / sliceMillis;
        int i = (int) (epoch % ring.length());
        Slice s = ring.get(i);
        if (s == null || s.epoch() != epoch) {
            Slice fresh = new Slice(epoch, newHistogram());
            if (ring.compareAndSet(i, s, fresh)) {
                s = fresh;
            } else {
                s = ring.get(i); // another thread installed it first
            }
        }
        s.histogram().recordValue(micros);
    }

    /** The merged histogram of all slices still inside the window. */
    Histogram snapshot() {
        long current = millisClock.getAsLong() / sliceMillis;
        Histogram merged = new Histogram(HIGHEST_MICROS, 2);
        for (int i = 0; i < ring.length(); i++) {
            Slice s = ring.get(i);
            if (s != null && current - s.epoch() < ring.length()) {
                merged.add(s.histogram().copy());
            }
        }
        return merged;
    }

    long windowMillis() {
        return sliceMillis * ring.length();
    }

    private static ConcurrentHistogram newHistogram() {
        return new ConcurrentHistogram(HIGHEST_MICROS, 2);
    }
}
