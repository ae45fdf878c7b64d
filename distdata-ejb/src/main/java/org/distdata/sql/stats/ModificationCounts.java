package org.distdata.sql.stats;

/**
 * Rows that DML changed in one table: inserted, updated and deleted. Counts only grow while
 * the node runs; the difference of two readings is what changed in between.
 */
record ModificationCounts(long inserted, long updated, long deleted) {

    static final ModificationCounts NONE = new ModificationCounts(0, 0, 0);

    /** Every changed row, whatever the change. */
    long total() {
        return inserted + updated + deleted;
    }

    /** How much the table grew (negative when it shrank). */
    long netInserted() {
        return inserted - deleted;
    }

    ModificationCounts plus(ModificationCounts other) {
        return new ModificationCounts(inserted + other.inserted, updated + other.updated, deleted + other.deleted);
    }

    ModificationCounts minus(ModificationCounts other) {
        return new ModificationCounts(inserted - other.inserted, updated - other.updated, deleted - other.deleted);
    }
}
