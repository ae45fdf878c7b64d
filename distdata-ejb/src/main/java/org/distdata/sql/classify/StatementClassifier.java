package org.distdata.sql.classify;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Commit;
import net.sf.jsqlparser.statement.RollbackStatement;
import net.sf.jsqlparser.statement.SavepointStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.alter.sequence.AlterSequence;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.function.CreateFunction;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.procedure.CreateProcedure;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.synonym.CreateSynonym;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.sql.classify.SchemaChange.ObjectKind;
import org.distdata.sql.classify.SchemaChange.Verb;
import org.distdata.sql.classify.SqlTokens.Token;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one reading of client SQL that the security gate, the engine and the console share.
 * It enforces the size limit, drops trailing semicolons, refuses a second statement, handles
 * DistData's own syntax in one explicit pre-step on the statement's tokens ({@code EXPLAIN
 * [ANALYZE]}, {@code ANALYZE [[TABLE] name]}, a CREATE TABLE's {@code DISTRIBUTE BY HASH (col)}
 * or {@code REFERENCE}, and the head of the DDL forms the engine runs), then parses the rest
 * with JSqlParser once; the tree decides the {@link StatementType}.
 *
 * <p>JSqlParser 5.0 does not read everything Derby does (stacked signs such as {@code - - 1},
 * {@code FOR BIT DATA}, identity options, triggers). Such a statement is typed by its first
 * word instead: one starting with SELECT or VALUES is a query that Derby runs as written — in
 * Derby's grammar such a statement cannot change data (functions cannot modify SQL data) —
 * and the statement families below are refused by the engine as not supported (or, for DML,
 * with Derby's own syntax error). Any other text it cannot parse is an {@link
 * ErrorCode#SQL_SYNTAX} error. Classifications are cached by text: clients repeat their
 * parameterized statements, and the gate and the engine read each statement once between them.
 */
public final class StatementClassifier {
    /** Largest statement accepted, in characters. */
    public static final int MAX_SQL_LENGTH = 1 << 20;

    /** How a statement JSqlParser cannot parse is typed, by its first word. */
    private static final Map<String, StatementType> UNPARSED_BY_FIRST_WORD = Map.ofEntries(
            Map.entry("SELECT", StatementType.QUERY), Map.entry("VALUES", StatementType.QUERY),
            Map.entry("INSERT", StatementType.DML), Map.entry("UPDATE", StatementType.DML),
            Map.entry("DELETE", StatementType.DML), Map.entry("MERGE", StatementType.DML),
            Map.entry("CREATE", StatementType.DDL), Map.entry("ALTER", StatementType.DDL),
            Map.entry("DROP", StatementType.DDL), Map.entry("TRUNCATE", StatementType.DDL),
            Map.entry("RENAME", StatementType.DDL),
            Map.entry("COMMIT", StatementType.TRANSACTION_CONTROL),
            Map.entry("ROLLBACK", StatementType.TRANSACTION_CONTROL),
            Map.entry("SAVEPOINT", StatementType.TRANSACTION_CONTROL),
            Map.entry("RELEASE", StatementType.TRANSACTION_CONTROL),
            Map.entry("GRANT", StatementType.OTHER), Map.entry("REVOKE", StatementType.OTHER),
            Map.entry("CALL", StatementType.OTHER), Map.entry("SET", StatementType.OTHER),
            Map.entry("LOCK", StatementType.OTHER), Map.entry("DECLARE", StatementType.OTHER));

    /** Statements up to this length are cached. */
    private static final int CACHEABLE_LENGTH = 4096;
    private static final int CACHE_ENTRIES = 2048;
    private static final Map<String, ClassifiedStatement> CACHE = new ConcurrentHashMap<>();

    private StatementClassifier() {
    }

    /**
     * Classifies one statement; throws SQL_SYNTAX for text it cannot classify and
     * PAYLOAD_TOO_LARGE past {@link #MAX_SQL_LENGTH}.
     */
    public static ClassifiedStatement classify(String rawSql) {
        String raw = rawSql == null ? "" : rawSql;
        if (raw.length() > CACHEABLE_LENGTH) {
            return classifyUncached(raw);
        }
        ClassifiedStatement cached = CACHE.get(raw);
        if (cached != null) {
            return cached;
        }
        ClassifiedStatement classified = classifyUncached(raw);
        if (CACHE.size() >= CACHE_ENTRIES) {
            CACHE.clear(); // crude but bounded; a working set larger than the cache just re-parses
        }
        CACHE.put(raw, classified);
        return classified;
    }

    private static ClassifiedStatement classifyUncached(String raw) {
        if (raw.length() > MAX_SQL_LENGTH) {
            throw new DistDataException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "SQL text is " + raw.length() + " characters; the limit is " + MAX_SQL_LENGTH);
        }
        String sql = raw;
        List<Token> tokens = SqlTokens.of(sql);
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(';')) {
            sql = sql.substring(0, tokens.get(tokens.size() - 1).start());
            tokens = tokens.subList(0, tokens.size() - 1);
        }
        sql = sql.strip();
        tokens = SqlTokens.of(sql);
        if (tokens.isEmpty()) {
            throw syntax("Empty statement.");
        }
        if (tokens.stream().anyMatch(t -> t.isSymbol(';'))) {
            throw syntax("One statement at a time: remove everything after the first ';'.");
        }
        Token first = tokens.get(0);
        if (first.isWord("EXPLAIN")) {
            return explain(sql, tokens);
        }
        if (first.isWord("ANALYZE")) {
            return analyze(sql, tokens);
        }
        Placement placement = Placement.DEFAULT;
        if (first.isWord("CREATE") && tokens.size() > 1 && tokens.get(1).isWord("TABLE")) {
            int n = tokens.size();
            if (endsWith(tokens, ")", "REFERENCE")) {
                placement = new Placement(Placement.Kind.REFERENCE, null);
                n -= 1;
            } else if (endsWith(tokens, ")", "DISTRIBUTE", "BY", "HASH", "(", null, ")")) {
                placement = new Placement(Placement.Kind.HASH, tokens.get(n - 2).text());
                n -= 6;
            }
            sql = sql.substring(0, tokens.get(n - 1).end());
            tokens = tokens.subList(0, n);
        }
        String keyword = firstWord(tokens);
        SchemaChange schemaChange = schemaChange(tokens, placement);
        Statement ast;
        String parseError = null;
        try {
            ast = CCJSqlParserUtil.parse(sql, p -> p.withTimeOut(5_000));
            if (ast instanceof UnsupportedStatement) {
                ast = null;
                parseError = "JSqlParser does not know this statement";
            }
        } catch (JSQLParserException e) {
            ast = null;
            parseError = message(e);
        }
        StatementType type = ast != null ? typeOf(ast) : UNPARSED_BY_FIRST_WORD.get(keyword);
        if (type == null) {
            throw syntax(parseError);
        }
        return new ClassifiedStatement(sql, type, keyword, ast, parseError, schemaChange, null, null);
    }

    /** {@code EXPLAIN [ANALYZE] statement}: the statement under it is classified on its own. */
    private static ClassifiedStatement explain(String sql, List<Token> tokens) {
        boolean analyze = tokens.size() > 1 && tokens.get(1).isWord("ANALYZE");
        Token last = tokens.get(analyze ? 1 : 0);
        if (tokens.size() == (analyze ? 2 : 1)) {
            throw syntax("EXPLAIN needs a statement: EXPLAIN [ANALYZE] query");
        }
        ClassifiedStatement explained = classify(sql.substring(last.end()));
        return new ClassifiedStatement(sql, StatementType.EXPLAIN, "EXPLAIN", null, null, null, null,
                new ClassifiedStatement.Explain(analyze, explained));
    }

    /** {@code ANALYZE [[TABLE] name]}; the name may not be the bare word TABLE. */
    private static ClassifiedStatement analyze(String sql, List<Token> tokens) {
        List<Token> rest = tokens.subList(1, tokens.size());
        if (rest.size() == 2 && rest.get(0).isWord("TABLE")) {
            rest = rest.subList(1, 2);
        }
        if (rest.size() > 1 || rest.size() == 1 && (!rest.get(0).isName() || rest.get(0).isWord("TABLE"))) {
            throw syntax("ANALYZE takes at most one table: ANALYZE [[TABLE] name]");
        }
        String table = rest.isEmpty() ? null : rest.get(0).text();
        return new ClassifiedStatement(sql, StatementType.ANALYZE, "ANALYZE", null, null, null, table, null);
    }

    /**
     * The head of CREATE TABLE/INDEX/VIEW, DROP TABLE/INDEX/VIEW and TRUNCATE TABLE, read from
     * tokens so that the engine runs these forms even where JSqlParser cannot parse their
     * bodies (Derby-only column types, for one); null for any other statement or form.
     */
    private static SchemaChange schemaChange(List<Token> tokens, Placement placement) {
        Words w = new Words(tokens);
        if (w.take("CREATE")) {
            boolean unique = w.take("UNIQUE");
            if (!unique && w.take("TABLE")) {
                ObjectName name = w.name();
                return name != null && w.peekSymbol('(')
                        ? new SchemaChange(Verb.CREATE, ObjectKind.TABLE, name, null, false, placement) : null;
            }
            if (w.take("INDEX")) {
                ObjectName name = w.name();
                ObjectName table = name != null && w.take("ON") ? w.name() : null;
                return table != null && w.peekSymbol('(') && tokens.get(tokens.size() - 1).isSymbol(')')
                        ? new SchemaChange(Verb.CREATE, ObjectKind.INDEX, name, table, unique, Placement.DEFAULT)
                        : null;
            }
            if (!unique && w.take("VIEW")) {
                ObjectName name = w.name();
                return name == null ? null
                        : new SchemaChange(Verb.CREATE, ObjectKind.VIEW, name, null, false, Placement.DEFAULT);
            }
            return null;
        }
        if (w.take("DROP")) {
            ObjectKind kind = w.take("TABLE") ? ObjectKind.TABLE : w.take("INDEX") ? ObjectKind.INDEX
                    : w.take("VIEW") ? ObjectKind.VIEW : null;
            ObjectName name = kind == null ? null : w.name();
            return name != null && w.atEnd()
                    ? new SchemaChange(Verb.DROP, kind, name, null, false, Placement.DEFAULT) : null;
        }
        if (w.take("TRUNCATE") && w.take("TABLE")) {
            ObjectName name = w.name();
            return name != null && w.atEnd()
                    ? new SchemaChange(Verb.TRUNCATE, ObjectKind.TABLE, name, null, false, Placement.DEFAULT) : null;
        }
        return null;
    }

    /** A cursor over the leading tokens of a statement. */
    private static final class Words {
        private final List<Token> tokens;
        private int at;

        Words(List<Token> tokens) {
            this.tokens = tokens;
        }

        boolean take(String word) {
            if (at < tokens.size() && tokens.get(at).isWord(word)) {
                at++;
                return true;
            }
            return false;
        }

        boolean peekSymbol(char c) {
            return at < tokens.size() && tokens.get(at).isSymbol(c);
        }

        boolean atEnd() {
            return at == tokens.size();
        }

        /** {@code name} or {@code schema.name}, or null (nothing consumed) when no name follows. */
        ObjectName name() {
            if (at >= tokens.size() || !tokens.get(at).isName()) {
                return null;
            }
            Token first = tokens.get(at++);
            if (at + 1 < tokens.size() && tokens.get(at).isSymbol('.') && tokens.get(at + 1).isName()) {
                Token second = tokens.get(at + 1);
                at += 2;
                return new ObjectName(first.text(), second.text());
            }
            return new ObjectName(null, first.text());
        }
    }

    /** Whether the statement ends with these tokens: a word, a one-character symbol, or null for any name. */
    private static boolean endsWith(List<Token> tokens, String... expected) {
        int offset = tokens.size() - expected.length;
        if (offset < 0) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            Token t = tokens.get(offset + i);
            String e = expected[i];
            boolean matches = e == null ? t.isName()
                    : Character.isLetter(e.charAt(0)) ? t.isWord(e) : t.isSymbol(e.charAt(0));
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    /** The first word after any opening parentheses, upper case; empty when the text starts otherwise. */
    private static String firstWord(List<Token> tokens) {
        for (Token t : tokens) {
            if (!t.isSymbol('(')) {
                return t.kind() == SqlTokens.Kind.WORD ? t.upper() : "";
            }
        }
        return "";
    }

    private static StatementType typeOf(Statement ast) {
        if (ast instanceof Select) {
            return StatementType.QUERY;
        }
        if (ast instanceof Insert || ast instanceof Update || ast instanceof Delete || ast instanceof Merge
                || ast instanceof Upsert) {
            return StatementType.DML;
        }
        if (ast instanceof CreateTable || ast instanceof CreateIndex || ast instanceof CreateView
                || ast instanceof AlterView || ast instanceof Drop || ast instanceof Truncate || ast instanceof Alter
                || ast instanceof RenameTableStatement || ast instanceof CreateSchema
                || ast instanceof CreateSequence || ast instanceof AlterSequence || ast instanceof CreateSynonym
                || ast instanceof CreateFunction || ast instanceof CreateProcedure || ast instanceof Comment) {
            return StatementType.DDL;
        }
        if (ast instanceof Commit || ast instanceof RollbackStatement || ast instanceof SavepointStatement) {
            return StatementType.TRANSACTION_CONTROL;
        }
        return StatementType.OTHER; // GRANT, CALL, SET, SHOW, DESCRIBE, ALTER SESSION/SYSTEM, ...
    }

    /** JSqlParser's first line with the position it gives on the second. */
    private static String message(JSQLParserException e) {
        String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        if (message == null) {
            return "unparseable statement";
        }
        if (message.startsWith("net.sf.jsqlparser.") && message.contains(": ")) {
            message = message.substring(message.indexOf(": ") + 2); // the exception's class name
        }
        String[] lines = message.split("\n");
        String position = lines.length > 1 && lines[1].strip().startsWith("at line") ? " " + lines[1].strip() : "";
        return lines[0].strip() + position;
    }

    private static DistDataException syntax(String detail) {
        return new DistDataException(ErrorCode.SQL_SYNTAX, detail);
    }
}
