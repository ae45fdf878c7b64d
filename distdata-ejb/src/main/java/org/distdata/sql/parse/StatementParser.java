package org.distdata.sql.parse;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns client SQL into a {@link ParsedStatement}: strips and records DistData's DDL
 * extensions, enforces the statement size limit, and parses with JSqlParser. A statement
 * JSqlParser cannot read is not rejected here: Derby may still accept it where the engine
 * can run it as is, and otherwise Derby's own syntax error is the better message.
 */
public final class StatementParser {
    /** Largest statement accepted, in characters. */
    public static final int MAX_SQL_LENGTH = 1 << 20;

    private static final Pattern DISTRIBUTE = Pattern.compile(
            "(?is)^(.*\\))\\s*DISTRIBUTE\\s+BY\\s+HASH\\s*\\(\\s*(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*$");
    private static final Pattern REFERENCE = Pattern.compile("(?is)^(.*\\))\\s*REFERENCE\\s*$");
    private static final Pattern KEYWORD = Pattern.compile("^\\s*\\(*\\s*([A-Za-z]+)");
    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(?:\\s*(?:--[^\\n]*(?:\\n|$)|/\\*.*?\\*/))+",
            Pattern.DOTALL);
    /** Statements up to this length are cached: clients repeat their parameterized statements. */
    private static final int CACHEABLE_LENGTH = 4096;
    private static final int CACHE_ENTRIES = 2048;

    private final Map<String, ParsedStatement> cache = new ConcurrentHashMap<>();

    /** Parses {@code rawSql}, reusing the parse of an identical earlier statement. Parse trees are never modified. */
    public ParsedStatement parse(String rawSql) {
        if (rawSql.length() > CACHEABLE_LENGTH) {
            return parseUncached(rawSql);
        }
        ParsedStatement cached = cache.get(rawSql);
        if (cached != null) {
            return cached;
        }
        ParsedStatement parsed = parseUncached(rawSql);
        if (cache.size() >= CACHE_ENTRIES) {
            cache.clear(); // crude but bounded; a working set larger than the cache just re-parses
        }
        cache.put(rawSql, parsed);
        return parsed;
    }

    private ParsedStatement parseUncached(String rawSql) {
        if (rawSql.length() > MAX_SQL_LENGTH) {
            throw new DistDataException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "SQL text is " + rawSql.length() + " characters; the limit is " + MAX_SQL_LENGTH);
        }
        String sql = stripTrailingSemicolons(rawSql);
        if (sql.isBlank()) {
            throw new DistDataException(ErrorCode.SQL_SYNTAX, "Empty statement.");
        }
        Matcher kw = KEYWORD.matcher(LEADING_COMMENTS.matcher(sql).replaceFirst(""));
        String keyword = kw.find() ? kw.group(1).toUpperCase(Locale.ROOT) : "";
        Placement placement = Placement.DEFAULT;
        if ("CREATE".equals(keyword)) {
            Matcher m = DISTRIBUTE.matcher(sql);
            if (m.matches()) {
                sql = m.group(1);
                placement = new Placement(Placement.Kind.HASH, m.group(2));
            } else {
                Matcher r = REFERENCE.matcher(sql);
                if (r.matches()) {
                    sql = r.group(1);
                    placement = new Placement(Placement.Kind.REFERENCE, null);
                }
            }
        }
        try {
            Statement ast = CCJSqlParserUtil.parse(sql, p -> p.withTimeOut(5_000));
            return new ParsedStatement(sql, ast, placement, keyword, null);
        } catch (JSQLParserException e) {
            String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            return new ParsedStatement(sql, null, placement, keyword, firstLine(message));
        }
    }

    private static String stripTrailingSemicolons(String sql) {
        int end = sql.length();
        while (end > 0 && (sql.charAt(end - 1) == ';' || Character.isWhitespace(sql.charAt(end - 1)))) {
            end--;
        }
        return sql.substring(0, end);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable statement";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
