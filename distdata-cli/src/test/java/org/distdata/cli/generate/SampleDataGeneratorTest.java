package org.distdata.cli.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SampleDataGeneratorTest {

    @Test
    void sameSeedGivesIdenticalFiles(@TempDir Path dir) throws Exception {
        new SampleDataGenerator(42).writeFiles(dir.resolve("a"), 50, 500);
        new SampleDataGenerator(42).writeFiles(dir.resolve("b"), 50, 500);

        for (String file : List.of("customers.csv", "orders.csv", "countries.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(file)))
                    .as(file).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(file)));
        }
    }

    @Test
    void differentSeedGivesDifferentOrders() throws Exception {
        assertThat(orders(1, 20, 200)).isNotEqualTo(orders(2, 20, 200));
    }

    @Test
    void customersHaveHeaderSequentialIdsAndKnownCountries() throws Exception {
        StringWriter out = new StringWriter();
        new SampleDataGenerator(42).writeCustomers(out, 100);
        List<String> lines = out.toString().lines().toList();

        assertThat(lines.get(0)).isEqualTo("id,name,email,country,created");
        assertThat(lines).hasSize(101);
        Set<String> codes = SampleDataGenerator.COUNTRIES.stream().map(c -> c[0]).collect(Collectors.toSet());
        for (int i = 1; i <= 100; i++) {
            String[] fields = lines.get(i).split(",");
            assertThat(fields).hasSize(5);
            assertThat(fields[0]).isEqualTo(Integer.toString(i));
            assertThat(fields[2]).endsWith("@example.com").doesNotContain("'");
            assertThat(codes).contains(fields[3]);
            assertThat(fields[4]).matches("20\\d\\d-\\d\\d-\\d\\d");
        }
    }

    @Test
    void ordersReferenceExistingCustomersWithExactAmountsAndTimestamps() throws Exception {
        List<String> lines = orders(42, 10, 1000).lines().toList();

        assertThat(lines.get(0)).isEqualTo("id,customer_id,amount,status,ordered_at");
        assertThat(lines).hasSize(1001);
        Set<String> statuses = Set.of("PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED");
        for (int i = 1; i <= 1000; i++) {
            String[] fields = lines.get(i).split(",");
            assertThat(fields[0]).isEqualTo(Integer.toString(i));
            assertThat(Integer.parseInt(fields[1])).isBetween(1, 10);
            assertThat(fields[2]).matches("\\d{1,3}\\.\\d\\d");
            assertThat(statuses).contains(fields[3]);
            assertThat(fields[4]).matches("202[45]-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        }
    }

    @Test
    void amountsKeepTwoDecimalsIncludingLeadingZero() {
        Order order = new Order(1, 1, 105, "PAID", java.time.LocalDateTime.of(2024, 3, 4, 5, 6, 7));

        assertThat(order.toCsv()).isEqualTo("1,1,1.05,PAID,2024-03-04 05:06:07");
        assertThat(order.amount()).isEqualByComparingTo("1.05");
    }

    @Test
    void fieldsWithCommasOrQuotesAreQuoted() {
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }

    @Test
    void countriesFileListsEveryCountryOnce() throws Exception {
        StringWriter out = new StringWriter();
        new SampleDataGenerator(1).writeCountries(out);
        List<String> codes = out.toString().lines().skip(1).map(l -> l.split(",")[0]).toList();

        assertThat(codes).hasSize(SampleDataGenerator.COUNTRIES.size()).doesNotHaveDuplicates();
        assertThat(codes).allMatch(code -> code.length() == 2);
    }

    @Test
    void aMillionOrdersAreWrittenQuickly(@TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        new SampleDataGenerator(7).writeFiles(dir, 1000, 1_000_000);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(Files.size(dir.resolve("orders.csv"))).isGreaterThan(30_000_000L);
        assertThat(millis).as("generation time in ms").isLessThan(20_000);
    }

    private static String orders(long seed, int customers, int count) throws Exception {
        StringWriter out = new StringWriter();
        new SampleDataGenerator(seed).writeOrders(out, count, customers);
        return out.toString();
    }

}
