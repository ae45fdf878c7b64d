package org.distdata.cli.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.Map;

/**
 * An error answer of the DistData API (an RFC 9457 problem with the API's {@code code}),
 * carried to the command that made the call. Its display form is what the CLI prints:
 * {@code ERROR SQL_SYNTAX: Encountered "FORM" at line 1, column 10}.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String detail;
    private final JsonObject problem;

    public ApiException(int status, String code, String detail, JsonObject problem) {
        super(code + ": " + detail);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.problem = problem;
    }

    /** Builds the exception from an HTTP status and a response body, problem+json or not. */
    public static ApiException fromResponse(int status, String body) {
        JsonObject problem = Json.tryParseObject(body);
        if (problem == null) {
            String detail = body == null || body.isBlank() ? "HTTP " + status : body.strip();
            return new ApiException(status, codeForStatus(status), detail, JsonValue.EMPTY_JSON_OBJECT);
        }
        String code = problem.getString("code", codeForStatus(status));
        String detail = problem.getString("detail", problem.getString("title", "HTTP " + status));
        return new ApiException(status, code, detail, problem);
    }

    private static String codeForStatus(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 429 -> "RATE_LIMITED";
            case 503 -> "NODE_UNAVAILABLE";
            case 504 -> "TIMEOUT";
            default -> "HTTP_" + status;
        };
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    /** The whole problem document, for extension members such as {@code line} or {@code rowsImported}. */
    public JsonObject problem() {
        return problem;
    }

    /** {@code ERROR CODE: detail}, plus the problem's extension members that help a user (line numbers). */
    public String toDisplayString() {
        StringBuilder text = new StringBuilder("ERROR ").append(code).append(": ").append(detail);
        for (Map.Entry<String, JsonValue> member : problem.entrySet()) {
            if (EXTENSIONS_SHOWN.contains(member.getKey())) {
                text.append(System.lineSeparator()).append("  ").append(member.getKey()).append(": ")
                        .append(Json.toDisplayText(member.getValue()));
            }
        }
        return text.toString();
    }

    private static final java.util.Set<String> EXTENSIONS_SHOWN = java.util.Set.of("line", "rowsImported", "node");
}
