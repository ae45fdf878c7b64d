package org.distdata.sql.route;

import org.distdata.catalog.entity.TableDef;

/** A table as it occurs in a FROM clause: the name it is referred to by (alias or table name). */
public record TableOccurrence(String reference, TableDef table) {
}
