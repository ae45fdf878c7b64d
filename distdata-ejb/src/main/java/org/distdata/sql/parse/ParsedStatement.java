package org.distdata.sql.parse;

import net.sf.jsqlparser.statement.Statement;

/**
 * A client statement after parsing: the SQL text Derby will see (DDL extensions removed),
 * the JSqlParser tree when JSqlParser understood it (null otherwise), the placement asked
 * for by a CREATE TABLE, and the statement's leading keyword.
 */
public record ParsedStatement(String sql, Statement ast, Placement placement, String keyword, String parseError) {

    public boolean parsed() {
        return ast != null;
    }
}
