package org.distdata.sql.correctness;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;

import java.sql.SQLException;

/**
 * Maps a Derby {@link SQLException} to the {@link DistDataException} the engine would throw
 * for the same failure, by SQLSTATE class, so that oracle errors and engine errors can be
 * compared by code.
 */
final class SqlExceptionTranslator {
    private SqlExceptionTranslator() {
    }

    static DistDataException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        ErrorCode code;
        if (state.equals("42X01") || state.equals("42X02")) {
            code = ErrorCode.SQL_SYNTAX;
        } else if (state.startsWith("23")) {
            code = ErrorCode.CONSTRAINT_VIOLATION;
        } else if (state.startsWith("40")) {
            code = ErrorCode.TXN_CONFLICT;
        } else if (state.startsWith("42") || state.startsWith("22") || state.startsWith("X0")) {
            code = ErrorCode.SQL_SEMANTIC;
        } else {
            code = ErrorCode.INTERNAL;
        }
        return new DistDataException(code, state + ": " + e.getMessage(), e);
    }
}
