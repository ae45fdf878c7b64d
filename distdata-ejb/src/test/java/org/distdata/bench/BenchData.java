package org.distdata.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The data set, generated from one seed with the distributions of the sample data
 * ({@code bin/distdata generate}): customers = orders / 10 and payments = orders / 5, so
 * 1,000,000 orders come with 100,000 customers and 200,000 payments, each payment for a
 * random order. Each table's rows are a fresh deterministic stream, so both
 * systems load identical rows without holding them in memory.
 */
final class BenchData {
    private static final String[] COUNTRIES = {"AU", "BR", "CA", "DE", "ES", "FR", "GB", "IN", "IT", "JP", "KR",
            "MX", "NL", "PL", "SE", "US"};
    private static final String[] FIRST_NAMES = {"Ada", "Alan", "Barbara", "Edsger", "Grace", "Ken", "Leslie",
            "Margaret", "Niklaus", "Radia", "Tony", "Vint"};
    private static final String[] LAST_NAMES = {"Backus", "Cerf", "Dijkstra", "Hamilton", "Hopper", "Knuth",
            "Lamport", "Liskov", "Lovelace", "Ritchie", "Turing", "Wirth"};
    private static final String[] STATUSES = {"PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
    private static final int[] STATUS_WEIGHTS = {10, 15, 15, 52, 8};
    private static final String[] METHODS = {"CARD", "TRANSFER", "PAYPAL", "VOUCHER"};
    private static final int[] METHOD_WEIGHTS = {50, 25, 15, 10};
    private static final LocalDate FIRST_CUSTOMER_DAY = LocalDate.of(2020, 1, 1);
    private static final long FIRST_ORDER_SECOND = LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final int ORDER_SECONDS = 2 * 365 * 24 * 3600;

    final long seed;
    final long orders;
    final int customers;
    final long payments;
    private final int[] orderCustomer;

    record Table(String name, List<String> columns, long rows,
                 Supplier<Iterator<List<Object>>> source) {
    }

    BenchData(long seed, long orders) {
        this.seed = seed;
        this.orders = orders;
        this.customers = (int) Math.max(1, orders / 10);
        this.payments = Math.max(1, orders / 5);
        this.orderCustomer = new int[Math.toIntExact(orders)];
        Iterator<List<Object>> it = orderRows();
        for (int i = 0; i < orders; i++) {
            orderCustomer[i] = (Integer) it.next().get(1);
        }
    }

    int customerOfOrder(long orderId) {
        return orderCustomer[(int) (orderId - 1)];
    }

    List<Table> tables() {
        return List.of(
                new Table("customers", List.of("id", "name", "email", "country", "created"), customers,
                        this::customerRows),
                new Table("orders", List.of("id", "customer_id", "amount", "status", "ordered_at"), orders,
                        this::orderRows),
                new Table("payments", List.of("id", "order_id", "amount", "method", "paid_at"), payments,
                        this::paymentRows));
    }

    private Iterator<List<Object>> customerRows() {
        Random r = new Random(seed);
        return rows(customers, id -> {
            String first = FIRST_NAMES[r.nextInt(FIRST_NAMES.length)];
            String last = LAST_NAMES[r.nextInt(LAST_NAMES.length)];
            String country = COUNTRIES[r.nextInt(COUNTRIES.length)];
            LocalDate created = FIRST_CUSTOMER_DAY.plusDays(r.nextInt(4 * 365));
            String email = (first + "." + last + id + "@example.com").toLowerCase();
            return Arrays.<Object>asList(id.intValue(), first + " " + last, email, country, created);
        });
    }

    private Iterator<List<Object>> orderRows() {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + 1);
        return rows(orders, id -> Arrays.<Object>asList(id, 1 + r.nextInt(customers),
                BigDecimal.valueOf(100 + r.nextInt(99_900), 2), weighted(r, STATUSES, STATUS_WEIGHTS),
                time(FIRST_ORDER_SECOND + r.nextInt(ORDER_SECONDS))));
    }

    private Iterator<List<Object>> paymentRows() {
        Random r = new Random(seed * 31 + 7);
        return rows(payments, id -> Arrays.<Object>asList(id, 1 + (long) (r.nextDouble() * orders),
                BigDecimal.valueOf(100 + r.nextInt(99_900), 2), weighted(r, METHODS, METHOD_WEIGHTS),
                time(FIRST_ORDER_SECOND + r.nextInt(ORDER_SECONDS))));
    }

    private static LocalDateTime time(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }

    private static String weighted(Random r, String[] values, int[] weights) {
        int draw = r.nextInt(100);
        int bound = 0;
        for (int i = 0; i < values.length; i++) {
            bound += weights[i];
            if (draw < bound) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static Iterator<List<Object>> rows(long count, Function<Long, List<Object>> row) {
        return new Iterator<>() {
            private long next = 1;

            @Override
            public boolean hasNext() {
                return next <= count;
            }

            @Override
            public List<Object> next() {
                return row.apply(next++);
            }
        };
    }
}
