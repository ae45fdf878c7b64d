package org.distdata.sql.correctness.diff;

import org.distdata.sql.SqlStatement;

import java.util.List;

/**
 * The differential test's schema, written in DistData's dialect: {@code customers} and
 * {@code orders} are distributed and co-located on the customer id, {@code payments} is
 * distributed on its own id (so its joins are not co-located), and {@code regions} is a
 * REFERENCE table. Column types cover INT, BIGINT, VARCHAR, DECIMAL, DOUBLE and DATE; every
 * non-key column admits NULL.
 */
public final class DiffSchema {
    public static final List<String> TABLES = List.of("customers", "orders", "payments", "regions");

    /** Columns of each table in declaration order, for INSERTs and whole-table comparisons. */
    public static final List<String> CUSTOMER_COLUMNS = List.of("id", "name", "city", "score", "signup", "region_id",
            "balance");
    public static final List<String> ORDER_COLUMNS = List.of("oid", "cust_id", "amount", "qty", "status", "odate");
    public static final List<String> PAYMENT_COLUMNS = List.of("pid", "order_id", "cust_id", "method", "paid", "pdate");
    public static final List<String> REGION_COLUMNS = List.of("region_id", "rname", "tax");

    private DiffSchema() {
    }

    public static List<SqlStatement> ddl() {
        return List.of(
                SqlStatement.of("CREATE TABLE customers (id INT NOT NULL PRIMARY KEY, name VARCHAR(20), "
                        + "city VARCHAR(20), score DOUBLE, signup DATE, region_id INT, balance DECIMAL(10,2)) "
                        + "DISTRIBUTE BY HASH (id)"),
                SqlStatement.of("CREATE TABLE orders (oid BIGINT NOT NULL, cust_id INT NOT NULL, amount DECIMAL(10,2), "
                        + "qty INT, status VARCHAR(10), odate DATE) DISTRIBUTE BY HASH (cust_id)"),
                SqlStatement.of("CREATE TABLE payments (pid INT NOT NULL PRIMARY KEY, order_id BIGINT, cust_id INT, "
                        + "method VARCHAR(10), paid DOUBLE, pdate DATE) DISTRIBUTE BY HASH (pid)"),
                SqlStatement.of("CREATE TABLE regions (region_id INT NOT NULL PRIMARY KEY, rname VARCHAR(20), "
                        + "tax DECIMAL(5,2)) REFERENCE"));
    }

    public static String insertSql(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
    }
}
