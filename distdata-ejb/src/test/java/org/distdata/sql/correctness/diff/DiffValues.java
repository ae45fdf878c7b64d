package org.distdata.sql.correctness.diff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * The value pools the data and the predicates draw from, so that generated filters hit real
 * rows: a few names and cities with duplicates, statuses, payment methods, dates in a
 * five-year window. Doubles are multiples of 1/4 so most sums are exact; DECIMALs have two
 * places. NULL is drawn with the given probability.
 */
final class DiffValues {
    static final List<String> NAMES = List.of("ada", "bob", "cy", "dee", "eve", "finn", "gus", "hal", "ivy", "Ada",
            "bo b", "");
    static final List<String> CITIES = List.of("paris", "oslo", "rome", "lima", "kyiv", "bern", "Paris");
    static final List<String> STATUSES = List.of("new", "paid", "shipped", "cancelled");
    static final List<String> METHODS = List.of("card", "cash", "wire", "voucher");
    static final List<String> REGION_NAMES = List.of("north", "south", "east", "west", "centre", "islands", "far");
    static final LocalDate EPOCH = LocalDate.of(2020, 1, 1);
    static final int DAYS = 5 * 365;
    static final int REGIONS = 8;

    private final Random random;

    DiffValues(Random random) {
        this.random = random;
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    <T> T orNull(T value, double nullChance) {
        return chance(nullChance) ? null : value;
    }

    String date() {
        return EPOCH.plusDays(random.nextInt(DAYS)).toString();
    }

    BigDecimal decimal(int maxWhole) {
        return BigDecimal.valueOf(random.nextInt(maxWhole * 100 + 1), 2);
    }

    double quarter(int maxWhole) {
        return random.nextInt(maxWhole * 4 + 1) / 4.0;
    }

    /** A region id: mostly existing ones, sometimes one with no region row (99). */
    long regionId() {
        return chance(0.05) ? 99 : between(1, REGIONS);
    }
}
