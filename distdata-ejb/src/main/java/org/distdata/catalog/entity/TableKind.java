package org.distdata.catalog.entity;

/** How a table's rows are placed: hash-partitioned, or a full copy on every data node. */
public enum TableKind {
    DISTRIBUTED, REFERENCE
}
