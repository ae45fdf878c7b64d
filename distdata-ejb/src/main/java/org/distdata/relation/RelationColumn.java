package org.distdata.relation;

/**
 * One column of an intermediate {@link Relation}: its name within the relation and the Derby
 * type it is declared with when the gateway's final stage reads the relation (for example
 * {@code INTEGER}, {@code DECIMAL(31,2)}, {@code VARCHAR(32672)}).
 */
public record RelationColumn(String name, String ddlType) {
}
