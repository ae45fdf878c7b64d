package org.distdata.cli.bench;

import org.distdata.cli.generate.Order;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;

/**
 * The baseline: one plain embedded Derby database in this JVM, over JDBC, one connection
 * per client thread, autocommit (a bulk import is one JDBC batch in one transaction, as
 * the API commits an import batch atomically). It answers "what does the distribution,
 * replication and HTTP cost compared with the storage engine alone".
 */
public final class DerbyBenchTarget implements BenchTarget {

    private final String url;

    public DerbyBenchTarget(Path directory) throws Exception {
        Files.createDirectories(directory);
        // Keep derby.log next to the database instead of in the working directory.
        System.setProperty("derby.stream.error.file", directory.resolve("derby.log").toString());
        this.url = "jdbc:derby:" + directory.toAbsolutePath().resolve("benchdb");
    }

    @Override
    public String name() {
        return "Derby (embedded)";
    }

    @Override
    public void prepare(List<Order> rows) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url + ";create=true");
             Statement statement = connection.createStatement()) {
            try {
                statement.execute("DROP TABLE " + TABLE);
            } catch (SQLException e) {
                // the table did not exist yet
            }
            statement.execute("CREATE TABLE " + TABLE + " (" + COLUMNS + ")");
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT_SQL)) {
                for (int i = 0; i < rows.size(); i++) {
                    bind(insert, rows.get(i));
                    insert.addBatch();
                    if (i % 5_000 == 4_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    @Override
    public Session openSession() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        PreparedStatement insert = connection.prepareStatement(INSERT_SQL);
        PreparedStatement read = connection.prepareStatement(POINT_READ_SQL);
        return new Session() {
            @Override
            public void insert(Order order) throws SQLException {
                bind(insert, order);
                insert.executeUpdate();
            }

            @Override
            public void pointRead(long id) throws SQLException {
                read.setLong(1, id);
                try (ResultSet rows = read.executeQuery()) {
                    if (!rows.next()) {
                        throw new IllegalStateException("row " + id + " not found");
                    }
                    for (int column = 1; column <= 5; column++) {
                        rows.getObject(column); // materialise the row, as the API must
                    }
                }
            }

            @Override
            public void importBatch(List<Order> rows) throws SQLException {
                connection.setAutoCommit(false);
                try {
                    for (Order row : rows) {
                        bind(insert, row);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            }

            @Override
            public void close() throws SQLException {
                insert.close();
                read.close();
                connection.close();
            }
        };
    }

    private static void bind(PreparedStatement statement, Order order) throws SQLException {
        statement.setLong(1, order.id());
        statement.setInt(2, order.customerId());
        statement.setBigDecimal(3, order.amount());
        statement.setString(4, order.status());
        statement.setTimestamp(5, Timestamp.valueOf(order.orderedAt()));
    }

    @Override
    public void close() {
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby reports a successful shutdown as SQLState 08006.
        }
    }
}
