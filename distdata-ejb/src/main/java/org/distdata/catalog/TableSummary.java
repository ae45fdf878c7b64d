package org.distdata.catalog;

import org.distdata.catalog.entity.TableKind;

/** One line of {@code GET /api/v1/tables}. {@code distributionColumn} is null for reference tables. */
public record TableSummary(String name, TableKind kind, String distributionColumn, long rowEstimate) {
}
