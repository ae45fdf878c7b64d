package org.distdata.sql.correctness.diff;

import java.util.List;

/**
 * A table as the query generator sees it: name, the alias queries use, typed columns, the
 * distribution column and the column(s) that make a row unique (for total ORDER BYs).
 */
record DiffTable(String name, String alias, List<Column> columns, String distributionColumn, String uniqueColumn) {

    enum Kind { INT, BIGINT, DECIMAL, DOUBLE, VARCHAR, DATE }

    record Column(String table, String name, Kind kind) {
        String ref() {
            return table + "." + name;
        }

        boolean numeric() {
            return kind != Kind.VARCHAR && kind != Kind.DATE;
        }

        boolean approximate() {
            return kind == Kind.DOUBLE;
        }
    }

    static final DiffTable CUSTOMERS = new DiffTable("customers", "c", List.of(
            new Column("c", "id", Kind.INT), new Column("c", "name", Kind.VARCHAR),
            new Column("c", "city", Kind.VARCHAR), new Column("c", "score", Kind.DOUBLE),
            new Column("c", "signup", Kind.DATE), new Column("c", "region_id", Kind.INT),
            new Column("c", "balance", Kind.DECIMAL)), "id", "id");
    static final DiffTable ORDERS = new DiffTable("orders", "o", List.of(
            new Column("o", "oid", Kind.BIGINT), new Column("o", "cust_id", Kind.INT),
            new Column("o", "amount", Kind.DECIMAL), new Column("o", "qty", Kind.INT),
            new Column("o", "status", Kind.VARCHAR), new Column("o", "odate", Kind.DATE)), "cust_id", "oid");
    static final DiffTable PAYMENTS = new DiffTable("payments", "p", List.of(
            new Column("p", "pid", Kind.INT), new Column("p", "order_id", Kind.BIGINT),
            new Column("p", "cust_id", Kind.INT), new Column("p", "method", Kind.VARCHAR),
            new Column("p", "paid", Kind.DOUBLE), new Column("p", "pdate", Kind.DATE)), "pid", "pid");
    static final DiffTable REGIONS = new DiffTable("regions", "r", List.of(
            new Column("r", "region_id", Kind.INT), new Column("r", "rname", Kind.VARCHAR),
            new Column("r", "tax", Kind.DECIMAL)), "region_id", "region_id");

    static final List<DiffTable> DISTRIBUTED = List.of(CUSTOMERS, ORDERS, PAYMENTS);

    String from() {
        return name + " " + alias;
    }

    /** The same table under another alias, for self-joins (its column refs use the new alias). */
    DiffTable as(String newAlias) {
        return new DiffTable(name, newAlias, columns.stream().map(c -> new Column(newAlias, c.name(), c.kind()))
                .toList(), distributionColumn, uniqueColumn);
    }

    Column column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst().orElseThrow();
    }

    String unique() {
        return alias + "." + uniqueColumn;
    }
}
