package org.distdata.cli.bench;

import org.distdata.cli.api.ApiClient;
import org.distdata.cli.api.ApiException;
import org.distdata.cli.api.SqlResponse;
import org.distdata.cli.generate.Order;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Drives a DistData cluster through its public HTTP API. Every session is its own
 * {@link ApiClient}, hence its own HttpClient and its own keep-alive connection; the
 * login token is shared through the token cache, so only the first client logs in.
 */
public final class ApiBenchTarget implements BenchTarget {

    private static final int PRELOAD_CHUNK = 5_000;

    private final Supplier<ApiClient> clients;
    private final ApiClient admin;

    public ApiBenchTarget(Supplier<ApiClient> clients) {
        this.clients = clients;
        this.admin = clients.get();
    }

    @Override
    public String name() {
        return "DistData";
    }

    @Override
    public void prepare(List<Order> rows) {
        try {
            admin.sql("DROP TABLE " + TABLE, List.of());
        } catch (ApiException e) {
            // the table did not exist yet
        }
        admin.sql("CREATE TABLE " + TABLE + " (" + COLUMNS + ") DISTRIBUTE BY HASH (id)", List.of());
        for (int from = 0; from < rows.size(); from += PRELOAD_CHUNK) {
            admin.importCsv(TABLE, csv(rows.subList(from, Math.min(rows.size(), from + PRELOAD_CHUNK))));
        }
    }

    @Override
    public Session openSession() {
        ApiClient client = clients.get();
        return new Session() {
            @Override
            public void insert(Order order) {
                client.sql(INSERT_SQL, List.of(order.id(), order.customerId(), order.amount(), order.status(),
                        order.orderedAtText()));
            }

            @Override
            public void pointRead(long id) {
                SqlResponse response = client.sql(POINT_READ_SQL, List.of(id));
                if (response.rows().size() != 1) {
                    throw new IllegalStateException("row " + id + " not found");
                }
            }

            @Override
            public void importBatch(List<Order> rows) {
                client.importCsv(TABLE, csv(rows));
            }

            @Override
            public void close() {
                // HttpClient (JDK 17) has no close(); its idle connection is dropped with it.
            }
        };
    }

    static byte[] csv(List<Order> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 56 + 64);
        text.append("id,customer_id,amount,status,ordered_at\n");
        for (Order row : rows) {
            text.append(row.toCsv()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
