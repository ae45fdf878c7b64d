package org.distdata.sql.plan;

import net.sf.jsqlparser.schema.Table;
import org.distdata.catalog.entity.TableDef;

/**
 * One table occurrence of a query's FROM clause: its position, the name other parts of the
 * query refer to it by (its alias, else its table name, normalized), its catalog definition
 * and the parsed item, which fragments render as written.
 */
public record BoundTable(int index, String reference, TableDef table, Table item) {
}
