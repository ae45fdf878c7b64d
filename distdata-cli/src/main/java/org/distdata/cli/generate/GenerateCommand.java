package org.distdata.cli.generate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code generate --customers N --orders M --out DIR [--seed S]}: writes the sample data
 * set as CSV files ready for {@code import}.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write customers.csv, orders.csv and countries.csv (deterministic for a seed).")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--customers", defaultValue = "100", description = "Number of customers (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--orders", defaultValue = "1000", description = "Number of orders (default ${DEFAULT-VALUE}).")
    long orders;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (customers < 1 || orders < 0) {
            throw new IllegalArgumentException("--customers must be >= 1 and --orders >= 0");
        }
        long started = System.nanoTime();
        new SampleDataGenerator(seed).writeFiles(out, customers, orders);
        System.out.printf(Locale.ROOT, "Wrote %d customers and %d orders to %s in %.2f s (seed %d)%n",
                customers, orders, out, (System.nanoTime() - started) / 1e9, seed);
        return 0;
    }

    public int customers() {
        return customers;
    }

    public long orders() {
        return orders;
    }

    public Path out() {
        return out;
    }

    public long seed() {
        return seed;
    }
}
