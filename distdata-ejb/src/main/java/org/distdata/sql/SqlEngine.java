package org.distdata.sql;

import org.distdata.relation.SqlResult;

import java.util.List;

/**
 * Runs client SQL against the cluster's partitions. Errors surface as
 * {@link org.distdata.error.DistDataException} with API.md's codes; a statement that fails
 * changes nothing.
 */
public interface SqlEngine {

    SqlResult execute(SqlStatement statement);

    /**
     * Runs the statements in order. With {@code atomic} they form one transaction: either all
     * take effect or none does.
     */
    List<SqlResult> executeBatch(List<SqlStatement> statements, boolean atomic);
}
