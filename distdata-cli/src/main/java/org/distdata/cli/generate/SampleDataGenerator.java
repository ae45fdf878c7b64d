package org.distdata.cli.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/**
 * Generates the sample data set (customers, orders, countries) deterministically: the
 * same seed and sizes always give byte-identical files. Customers and orders draw from
 * separate random streams, so the orders do not change when only the customer count's
 * draws would. Order ids run 1..M, customer ids 1..N and every order's customer exists.
 */
public final class SampleDataGenerator {

    /** Country codes and names of the {@code countries} reference table; customers draw from these codes. */
    public static final List<String[]> COUNTRIES = List.of(
            new String[]{"AU", "Australia"}, new String[]{"BR", "Brazil"}, new String[]{"CA", "Canada"},
            new String[]{"DE", "Germany"}, new String[]{"ES", "Spain"}, new String[]{"FR", "France"},
            new String[]{"GB", "United Kingdom"}, new String[]{"IN", "India"}, new String[]{"IT", "Italy"},
            new String[]{"JP", "Japan"}, new String[]{"KR", "South Korea"}, new String[]{"MX", "Mexico"},
            new String[]{"NL", "Netherlands"}, new String[]{"PL", "Poland"}, new String[]{"SE", "Sweden"},
            new String[]{"US", "United States"});

    private static final String[] FIRST_NAMES = {"Ada", "Alan", "Barbara", "Brian", "Claude", "Dennis", "Donald",
            "Edsger", "Frances", "Grace", "Hedy", "Ivan", "John", "Ken", "Leslie", "Linus", "Margaret", "Niklaus",
            "Radia", "Shafi", "Sophie", "Tim", "Tony", "Vint", "Whitfield", "Yukihiro"};
    private static final String[] LAST_NAMES = {"Allen", "Backus", "Cerf", "Dijkstra", "Engelbart", "Floyd",
            "Goldberg", "Hamilton", "Hopper", "Iverson", "Kahn", "Knuth", "Lamport", "Liskov", "Lovelace",
            "McCarthy", "Naur", "O'Neil", "Perlman", "Ritchie", "Stonebraker", "Thompson", "Turing", "Wirth"};
    /** Statuses with their weights out of 100: most orders are delivered. */
    private static final String[] STATUSES = {"PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
    private static final int[] STATUS_WEIGHTS = {10, 15, 15, 52, 8};

    private static final LocalDate FIRST_CUSTOMER_DAY = LocalDate.of(2020, 1, 1);
    private static final int CUSTOMER_DAYS = 4 * 365;
    private static final long FIRST_ORDER_SECOND = LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final int ORDER_SECONDS = 2 * 365 * 24 * 3600;

    private final long seed;

    public SampleDataGenerator(long seed) {
        this.seed = seed;
    }

    /** Writes customers.csv, orders.csv and countries.csv into {@code directory}. */
    public void writeFiles(Path directory, int customers, long orders) throws IOException {
        Files.createDirectories(directory);
        try (Writer out = newWriter(directory.resolve("countries.csv"))) {
            writeCountries(out);
        }
        try (Writer out = newWriter(directory.resolve("customers.csv"))) {
            writeCustomers(out, customers);
        }
        try (Writer out = newWriter(directory.resolve("orders.csv"))) {
            writeOrders(out, orders, customers);
        }
    }

    private static Writer newWriter(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    public void writeCountries(Writer out) throws IOException {
        out.write("code,name\n");
        for (String[] country : COUNTRIES) {
            out.write(country[0] + "," + Csv.field(country[1]) + "\n");
        }
    }

    public void writeCustomers(Writer out, int count) throws IOException {
        out.write(Customer.CSV_HEADER + "\n");
        Random random = new Random(seed);
        for (int id = 1; id <= count; id++) {
            out.write(customer(random, id).toCsv());
            out.write('\n');
        }
    }

    public void writeOrders(Writer out, long count, int customers) throws IOException {
        out.write(Order.CSV_HEADER + "\n");
        OrderStream stream = orders(customers);
        StringBuilder line = new StringBuilder(64);
        for (long id = 1; id <= count; id++) {
            line.setLength(0);
            stream.next(id).appendCsv(line);
            line.append('\n');
            out.append(line);
        }
    }

    /** A deterministic stream of orders for customers 1..customers (the bench's row source too). */
    public OrderStream orders(int customers) {
        return new OrderStream(new Random(seed * 0x9E3779B97F4A7C15L + 1), customers);
    }

    private static Customer customer(Random random, int id) {
        String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()))[0];
        LocalDate created = FIRST_CUSTOMER_DAY.plusDays(random.nextInt(CUSTOMER_DAYS));
        String email = (first + "." + last).toLowerCase(java.util.Locale.ROOT).replace("'", "") + id + "@example.com";
        return new Customer(id, first + " " + last, email, country, created);
    }

    /** Successive orders drawn from one random stream. */
    public static final class OrderStream {
        private final Random random;
        private final int customers;

        OrderStream(Random random, int customers) {
            if (customers < 1) {
                throw new IllegalArgumentException("orders need at least one customer");
            }
            this.random = random;
            this.customers = customers;
        }

        public Order next(long id) {
            int customerId = 1 + random.nextInt(customers);
            long cents = 100 + random.nextInt(99_900); // 1.00 .. 999.99
            String status = status(random.nextInt(100));
            LocalDateTime orderedAt = LocalDateTime.ofEpochSecond(
                    FIRST_ORDER_SECOND + random.nextInt(ORDER_SECONDS), 0, ZoneOffset.UTC);
            return new Order(id, customerId, cents, status, orderedAt);
        }

        private static String status(int percentile) {
            int bound = 0;
            for (int i = 0; i < STATUSES.length; i++) {
                bound += STATUS_WEIGHTS[i];
                if (percentile < bound) {
                    return STATUSES[i];
                }
            }
            return STATUSES[STATUSES.length - 1];
        }
    }
}
