package org.distdata.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * A catalog row: a table's name, its kind (DISTRIBUTED, REFERENCE or VIEW), its distribution
 * column, and either its full shape (columns, keys, indexes, in {@code MetaCodec}'s table
 * encoding, so that a node knows the table without holding a replica of any partition) or,
 * for a view, its defining query. Rows written before shapes were stored have none; the
 * catalog then describes the table from a local partition once, as it always did.
 */
@Entity
@Table(name = "DD_TABLE")
public class TableEntity {
    @Id
    @Column(name = "NAME", length = 128)
    private String name;

    @Column(name = "KIND", length = 16, nullable = false)
    private String kind;

    @Column(name = "DIST_COLUMN", length = 128)
    private String distributionColumn;

    @Column(name = "HIDDEN_ROW_ID", nullable = false)
    private boolean hiddenRowId;

    @Lob
    @Column(name = "VIEW_SQL")
    private String viewSql;

    @Lob
    @Column(name = "SHAPE", length = 16 * 1024 * 1024)
    private byte[] shape;

    protected TableEntity() {
    }

    public TableEntity(String name, String kind, String distributionColumn, boolean hiddenRowId, String viewSql,
                       byte[] shape) {
        this.name = name;
        this.kind = kind;
        this.distributionColumn = distributionColumn;
        this.hiddenRowId = hiddenRowId;
        this.viewSql = viewSql;
        this.shape = shape;
    }

    public String name() {
        return name;
    }

    public String kind() {
        return kind;
    }

    public String distributionColumn() {
        return distributionColumn;
    }

    public boolean hiddenRowId() {
        return hiddenRowId;
    }

    public String viewSql() {
        return viewSql;
    }

    public boolean isView() {
        return "VIEW".equals(kind);
    }

    /** The table's shape as {@code MetaCodec.encodeTable} wrote it; null for a view or an old row. */
    public byte[] shape() {
        return shape;
    }

    public void shape(byte[] shape) {
        this.shape = shape;
    }
}
