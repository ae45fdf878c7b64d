package org.distdata.catalog;

/** How a table's rows are placed: hash-partitioned, or a full copy on every data node. */
public enum TableKind {
    DISTRIBUTED, REFERENCE
}
