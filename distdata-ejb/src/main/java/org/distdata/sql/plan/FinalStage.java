package org.distdata.sql.plan;

import java.util.List;

/**
 * The statement the gateway runs over the gathered input relation, in its in-memory Derby:
 * final aggregation, residual predicates, DISTINCT, ORDER BY, OFFSET/FETCH. {@code sql}
 * names the input as {@value #INPUT} and, where result columns take the fragment's own
 * names, {@code {NAME_i}} for the name of input column i.
 */
public record FinalStage(String sql, List<Integer> parameters, String description, double estimatedRows) {
    public static final String INPUT = "{INPUT}";
}
