package org.distdata.replication.partition;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;

/**
 * Makes a write statement deterministic before the leader runs it: CURRENT_DATE,
 * CURRENT_TIME and CURRENT_TIMESTAMP (also spelled with a space, as Derby allows) become
 * literals of the leader's clock, so followers that re-run the statement write the same
 * values. Functions whose value cannot be fixed that way (RANDOM, RAND, NEXT VALUE FOR) are
 * refused with a clear error. String literals and quoted identifiers are left untouched.
 */
public final class NonDeterministicValues {

    private static final Set<String> REFUSED = Set.of("RANDOM", "RAND");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS",
            Locale.ROOT);

    private final Clock clock;

    public NonDeterministicValues(Clock clock) {
        this.clock = clock;
    }

    /** The statement with the leader's values in place of the non-deterministic functions. */
    public String resolve(String sql) {
        StringBuilder out = null;
        LocalDateTime now = null;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"') {
                int end = skipQuoted(sql, i, ch);
                if (out != null) {
                    out.append(sql, i, end);
                }
                i = end;
            } else if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                if (out != null) {
                    out.append(sql, i, end);
                }
                i = end;
            } else if (Character.isLetter(ch) && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
                int end = i;
                while (end < n && isWordChar(sql.charAt(end))) {
                    end++;
                }
                String word = sql.substring(i, end).toUpperCase(Locale.ROOT);
                int[] span = {end};
                String replacement = null;
                if (word.equals("CURRENT_DATE") || word.equals("CURRENT_TIME") || word.equals("CURRENT_TIMESTAMP")) {
                    replacement = word.substring("CURRENT_".length());
                } else if (word.equals("CURRENT")) {
                    replacement = spacedCurrent(sql, end, span);
                } else if (REFUSED.contains(word) && nextNonSpace(sql, end) == '(') {
                    throw refused(word + "()");
                } else if (word.equals("NEXT") && followedBy(sql, end, "VALUE")) {
                    throw refused("NEXT VALUE FOR (sequences)");
                }
                if (replacement != null) {
                    if (now == null) {
                        now = LocalDateTime.now(clock);
                    }
                    if (out == null) {
                        out = new StringBuilder(sql.length() + 32).append(sql, 0, i);
                    }
                    out.append(literal(replacement, now));
                    i = span[0];
                } else {
                    if (out != null) {
                        out.append(sql, i, end);
                    }
                    i = end;
                }
            } else {
                if (out != null) {
                    out.append(ch);
                }
                i++;
            }
        }
        return out == null ? sql : out.toString();
    }

    private static String spacedCurrent(String sql, int from, int[] span) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        int end = i;
        while (end < sql.length() && isWordChar(sql.charAt(end))) {
            end++;
        }
        String next = sql.substring(i, end).toUpperCase(Locale.ROOT);
        if (i > from && (next.equals("DATE") || next.equals("TIME") || next.equals("TIMESTAMP"))) {
            span[0] = end;
            return next;
        }
        return null;
    }

    private static String literal(String kind, LocalDateTime now) {
        return switch (kind) {
            case "DATE" -> "DATE('" + now.toLocalDate() + "')";
            case "TIME" -> "TIME('" + now.toLocalTime().withNano(0) + "')";
            default -> "TIMESTAMP('" + TIMESTAMP.format(now) + "')";
        };
    }

    private static DistDataException refused(String what) {
        return new DistDataException(ErrorCode.SQL_SEMANTIC, "not supported in a replicated write: " + what
                + " would give each replica a different value; compute it in the client and pass it as a parameter");
    }

    private static boolean followedBy(String sql, int from, String word) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i > from && sql.regionMatches(true, i, word, 0, word.length())
                && (i + word.length() == sql.length() || !isWordChar(sql.charAt(i + word.length())));
    }

    private static char nextNonSpace(String sql, int from) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i < sql.length() ? sql.charAt(i) : 0;
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
