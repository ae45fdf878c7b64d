package org.distdata.error;

import java.sql.SQLException;

/**
 * Maps Derby's SQLStates to API error codes: syntax (42X01), other compile errors (42...),
 * data errors (22...), constraint violations (23...), lock conflicts (40001 deadlock,
 * 40XL1/40XL2 lock timeout), statement time-outs (XCL52) and everything else as INTERNAL.
 */
public final class ErrorTranslator {
    private ErrorTranslator() {
    }

    public static DistDataException translate(SQLException e) {
        SQLException root = innermost(e);
        String state = root.getSQLState() == null ? "" : root.getSQLState();
        String message = root.getMessage();
        ErrorCode code;
        if (state.equals("XCL52")) {
            code = ErrorCode.TIMEOUT;
        } else if (state.equals("42X01") || state.equals("42X02")) {
            code = ErrorCode.SQL_SYNTAX;
        } else if (state.startsWith("42") || state.startsWith("22") || state.startsWith("X0Y")
                || state.startsWith("0A") || state.startsWith("21") || state.startsWith("2200")) {
            code = ErrorCode.SQL_SEMANTIC;
        } else if (state.startsWith("23")) {
            code = ErrorCode.CONSTRAINT_VIOLATION;
        } else if (state.equals("40001") || state.startsWith("40XL")) {
            code = ErrorCode.TXN_CONFLICT;
        } else if (state.equals("XCL51") || state.startsWith("XJ")) {
            code = ErrorCode.SQL_SEMANTIC;
        } else {
            code = ErrorCode.INTERNAL;
        }
        return new DistDataException(code, message, e);
    }

    /**
     * The SQLException that says what went wrong. Derby reports an exception raised inside a
     * routine (such as a partition scan) as a generic "exception while evaluating an
     * expression" (XJ001, 38000) and chains the real one as next exception or cause.
     */
    private static SQLException innermost(SQLException e) {
        SQLException current = e;
        for (int depth = 0; depth < 10 && isWrapper(current); depth++) {
            SQLException next = current.getNextException();
            if (next == null && current.getCause() instanceof SQLException cause) {
                next = cause;
            }
            if (next == null) {
                break;
            }
            current = next;
        }
        return current;
    }

    private static boolean isWrapper(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("XJ001") || state.equals("38000");
    }
}
