package org.distdata.catalog;

/** A column as the catalog describes it to clients: name, SQL type text, nullability. */
public record ColumnSummary(String name, String type, boolean nullable) {
}
