package org.distdata.bench;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The query shapes (a) to (f), with two point lookups. Parameters are drawn from a seeded
 * random stream per query, so every run of the benchmark binds the same sequence of keys on
 * both systems.
 */
record BenchQuery(String id, String title, String sql, boolean ordered, boolean pointLookup,
                  Function<Random, List<Object>> params) {
    static List<BenchQuery> all(BenchData data) {
        return List.of(
                new BenchQuery("a1", "point lookup: customer by id",
                        "SELECT id, name, email, country, created FROM customers WHERE id = ?", true, true,
                        r -> List.of((long) (1 + r.nextInt(data.customers)))),
                new BenchQuery("a2", "point lookup: order by customer and order id",
                        "SELECT id, customer_id, amount, status, ordered_at FROM orders"
                                + " WHERE customer_id = ? AND id = ?", true, true,
                        r -> {
                            long id = 1 + (long) (r.nextDouble() * data.orders);
                            return List.of((long) data.customerOfOrder(id), id);
                        }),
                new BenchQuery("b", "filtered scan",
                        "SELECT id, customer_id, amount, ordered_at FROM orders WHERE status = ? AND amount > ?",
                        false, false, r -> List.of("SHIPPED", new BigDecimal("970.00"))),
                new BenchQuery("c", "GROUP BY aggregate",
                        "SELECT status, COUNT(*) AS n_orders, SUM(amount) AS total, AVG(amount) AS mean"
                                + " FROM orders GROUP BY status ORDER BY status", true, false, r -> List.of()),
                new BenchQuery("d", "co-located join (customers ⋈ orders on customer id)",
                        "SELECT c.id, c.name, COUNT(*) AS n_orders, SUM(o.amount) AS total"
                                + " FROM customers c JOIN orders o ON o.customer_id = c.id"
                                + " WHERE c.country = ? AND o.status = ?"
                                + " GROUP BY c.id, c.name ORDER BY total DESC, c.id FETCH FIRST 20 ROWS ONLY",
                        true, false, r -> List.of("NL", "PENDING")),
                new BenchQuery("e", "non-co-located join (payments ⋈ orders on order id)",
                        "SELECT o.status, COUNT(*) AS n_payments, SUM(p.amount) AS paid, SUM(o.amount) AS ordered"
                                + " FROM payments p JOIN orders o ON o.id = p.order_id"
                                + " WHERE p.method = ? GROUP BY o.status ORDER BY o.status",
                        true, false, r -> List.of("VOUCHER")),
                new BenchQuery("f", "top-N",
                        "SELECT id, customer_id, amount, status FROM orders"
                                + " ORDER BY amount DESC, id DESC FETCH FIRST 10 ROWS ONLY",
                        true, false, r -> List.of()));
    }
}
