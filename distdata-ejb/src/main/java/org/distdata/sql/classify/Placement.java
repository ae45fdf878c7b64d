package org.distdata.sql.classify;

/**
 * The placement a CREATE TABLE asks for through DistData's DDL extensions: hash on a named
 * column ({@code DISTRIBUTE BY HASH (col)}), a full copy everywhere ({@code REFERENCE}), or
 * nothing said (hash on the primary key, else on a hidden row id).
 */
public record Placement(Kind kind, String column) {
    public enum Kind { DEFAULT, HASH, REFERENCE }

    public static final Placement DEFAULT = new Placement(Kind.DEFAULT, null);
}
