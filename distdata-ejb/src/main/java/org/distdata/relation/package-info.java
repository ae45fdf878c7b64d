/**
 * Rows and columns as every layer of the engine passes them on, at the bottom of the
 * package graph: a result column ({@link org.distdata.relation.ColumnInfo}), a statement's
 * result ({@link org.distdata.relation.SqlResult}), an intermediate relation of the gateway
 * ({@link org.distdata.relation.Relation}, {@link org.distdata.relation.RelationColumn}), and
 * the conversion of their JDBC-neutral values to and from JDBC
 * ({@link org.distdata.relation.JdbcValues}). Partitions, replication, the SQL engine and the
 * boundaries all use these; this package uses none of them.
 */
package org.distdata.relation;
