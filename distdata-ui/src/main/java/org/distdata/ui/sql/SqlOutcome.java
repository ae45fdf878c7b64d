package org.distdata.ui.sql;

import org.distdata.security.control.StatementKind;

import org.distdata.error.ErrorCode;
import org.distdata.relation.SqlResult;

/** What running one statement in the console came to: rows, an update count, or an error. */
public sealed interface SqlOutcome {

    /** A query's result. */
    record Rows(SqlResult result) implements SqlOutcome {
    }

    /** A DML or DDL statement's update count; {@code kind} tells rows changed from a DDL's zero. */
    record Updated(long count, double elapsedMs, StatementKind kind) implements SqlOutcome {
    }

    /** The statement failed or was refused; {@code code} and {@code detail} are shown as they are. */
    record Failed(ErrorCode code, String detail) implements SqlOutcome {
    }
}
