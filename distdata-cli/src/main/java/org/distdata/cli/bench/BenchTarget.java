package org.distdata.cli.bench;

import org.distdata.cli.generate.Order;

import java.util.List;

/**
 * Something the load generator can drive: the DistData API or, as the baseline, one
 * embedded Derby database. Both get the same table shape (the sample {@code orders}),
 * the same preloaded rows and the same operations.
 */
public interface BenchTarget extends AutoCloseable {

    /** The name shown in the report, e.g. {@code DistData} or {@code Derby (embedded)}. */
    String name();

    /** (Re)creates the bench table and loads {@code rows} (ids 1..rows.size()), untimed. */
    void prepare(List<Order> rows) throws Exception;

    /** A session for one client thread: its own connection. */
    Session openSession() throws Exception;

    @Override
    void close() throws Exception;

    /** One client's connection; used by one thread only. */
    interface Session extends AutoCloseable {
        void insert(Order order) throws Exception;

        /** Reads the row with this id; fails if it is not there. */
        void pointRead(long id) throws Exception;

        /** Loads these rows as one bulk operation. */
        void importBatch(List<Order> rows) throws Exception;

        @Override
        void close() throws Exception;
    }

    /** The bench table's name and column list, shared by both targets so the rows are the same. */
    String TABLE = "bench_orders";
    String COLUMNS = "id BIGINT NOT NULL PRIMARY KEY, customer_id INT NOT NULL, amount DECIMAL(10,2) NOT NULL, "
            + "status VARCHAR(16) NOT NULL, ordered_at TIMESTAMP NOT NULL";
    String INSERT_SQL = "INSERT INTO " + TABLE + " (id, customer_id, amount, status, ordered_at) VALUES (?, ?, ?, ?, ?)";
    String POINT_READ_SQL = "SELECT id, customer_id, amount, status, ordered_at FROM " + TABLE + " WHERE id = ?";
}
