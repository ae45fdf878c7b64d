package org.distdata.sql.classify;

import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One client statement as {@link StatementClassifier} read it — what the security gate
 * authorizes and what the engine runs, so the two can never disagree.
 *
 * @param sql          the text Derby sees: trailing semicolons and DistData's placement clause removed
 * @param type         what the statement is
 * @param keyword      its first word, upper case (for messages)
 * @param ast          JSqlParser's tree, never modified; null for a query JSqlParser cannot parse (Derby
 *                     runs it as written), for a refused form, and for ANALYZE and EXPLAIN
 * @param parseError   JSqlParser's complaint when {@code ast} is null because it could not parse
 * @param schemaChange the DDL head of a form the engine runs, else null
 * @param analyzed     the table an ANALYZE names as written, or null (every table)
 * @param explain      what an EXPLAIN explains, else null
 */
public record ClassifiedStatement(String sql, StatementType type, String keyword, Statement ast, String parseError,
                                  SchemaChange schemaChange, String analyzed, Explain explain) {

    /** The statement under an EXPLAIN, and whether EXPLAIN ANALYZE runs it. */
    public record Explain(boolean analyze, ClassifiedStatement statement) {
    }

    /** A query the engine built itself, such as the SELECT of an INSERT ... SELECT. */
    public static ClassifiedStatement query(String sql, Statement ast) {
        return new ClassifiedStatement(sql, StatementType.QUERY, "SELECT", ast, null, null, null, null);
    }

    public boolean parsed() {
        return ast != null;
    }

    /** What running the statement may change; an EXPLAIN counts as the statement it explains. */
    public Access access() {
        return switch (type) {
            case QUERY -> Access.READ;
            case DML -> Access.WRITE;
            case EXPLAIN -> explain.statement().access();
            case DDL, ANALYZE, TRANSACTION_CONTROL, OTHER -> Access.ADMIN;
        };
    }

    /** The placement a CREATE TABLE asked for; {@link Placement#DEFAULT} for every other statement. */
    public Placement placement() {
        return schemaChange == null ? Placement.DEFAULT : schemaChange.placement();
    }

    /**
     * The tables (and views) the statement names, as written, common table expressions left
     * out; empty for a query JSqlParser could not parse.
     */
    public Set<String> tables() {
        Set<String> names = new LinkedHashSet<>();
        if (explain != null) {
            return explain.statement().tables();
        }
        if (analyzed != null) {
            names.add(analyzed);
        }
        if (schemaChange != null) {
            names.add(written(schemaChange.table() != null ? schemaChange.table() : schemaChange.name()));
        }
        if (ast instanceof Alter alter) {
            names.add(alter.getTable().getFullyQualifiedName());
        } else if (ast != null) {
            try {
                names.addAll(new TablesNamesFinder().getTables(ast instanceof CreateView view ? view.getSelect() : ast));
            } catch (UnsupportedOperationException e) {
                // JSqlParser finds no tables in some statements (CREATE INDEX, CALL); the head above named them
            }
        }
        return names;
    }

    private static String written(ObjectName name) {
        return name.schema() == null ? name.name() : name.schema() + "." + name.name();
    }
}
