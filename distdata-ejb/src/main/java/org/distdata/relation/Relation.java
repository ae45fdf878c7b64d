package org.distdata.relation;

import java.util.List;

/**
 * Rows gathered or produced at the gateway while a distributed plan runs: the output of a
 * fragment over its partitions, of an exchange, or of a join. Values are the JDBC-neutral
 * Java values of {@link SqlResult} (Integer, Long, BigDecimal, String,
 * LocalDate, ...; null for SQL NULL).
 */
public record Relation(List<RelationColumn> columns, List<Object[]> rows) {

    public Relation {
        columns = List.copyOf(columns);
    }

    public int width() {
        return columns.size();
    }
}
