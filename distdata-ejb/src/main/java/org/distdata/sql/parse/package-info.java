/**
 * The front of the SQL engine: {@link org.distdata.sql.parse.StatementParser} turns client
 * SQL into a {@link org.distdata.sql.parse.ParsedStatement}, with the
 * {@link org.distdata.sql.parse.Placement} a CREATE TABLE asks for. Routing, planning and the
 * executors read parsed statements; this package reads none of them.
 */
package org.distdata.sql.parse;
