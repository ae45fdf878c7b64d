package org.distdata.relation;

/** Name and SQL type name (as Derby reports it, e.g. {@code VARCHAR}) of one result column. */
public record ColumnInfo(String name, String type) {
}
