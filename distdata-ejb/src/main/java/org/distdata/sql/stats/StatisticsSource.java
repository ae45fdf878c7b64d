package org.distdata.sql.stats;

/** What the planner reads about data sizes: the latest ANALYZE figures and a current row estimate. */
public interface StatisticsSource {

    /** The table's latest statistics, or null when it was never analyzed. */
    TableStatistics statistics(String table);

    /** Estimated current row count (analyzed rows adjusted by later writes), or -1 when never analyzed. */
    long estimatedRows(String table);

    /** No statistics at all: every estimate falls back to the planner's defaults. */
    StatisticsSource NONE = new StatisticsSource() {
        @Override
        public TableStatistics statistics(String table) {
            return null;
        }

        @Override
        public long estimatedRows(String table) {
            return -1;
        }
    };
}
