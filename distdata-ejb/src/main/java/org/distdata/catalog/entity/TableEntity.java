package org.distdata.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * A catalog row: a table's name, its kind (DISTRIBUTED, REFERENCE or VIEW), its distribution
 * column and, for a view, its defining query. Column details are read from the partitions'
 * own Derby metadata, which is the authority on them.
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

    protected TableEntity() {
    }

    public TableEntity(String name, String kind, String distributionColumn, boolean hiddenRowId, String viewSql) {
        this.name = name;
        this.kind = kind;
        this.distributionColumn = distributionColumn;
        this.hiddenRowId = hiddenRowId;
        this.viewSql = viewSql;
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
}
