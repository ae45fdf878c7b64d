package org.distdata.sql.correctness;

import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
import org.distdata.relation.SqlResult;
import org.distdata.sql.SqlStatement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The engine under test: a real single DistData {@link Node} (16 partitions, in-process) in
 * its own fresh data directory, deleted again on close. Statements go to
 * {@code node.sql()} unchanged.
 */
public final class DistDataNodeEngine implements EngineUnderTest {
    public static final int PARTITIONS = 16;

    private final Path dataDir;
    private final Node node;

    private DistDataNodeEngine(Path dataDir, Node node) {
        this.dataDir = dataDir;
        this.node = node;
    }

    /** Opens a fresh node in a new directory under {@code parent}. */
    public static DistDataNodeEngine open(Path parent, String name) {
        try {
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent, name + "-");
            Node node = Node.open(new NodeConfig(name, dir, PARTITIONS, Optional.of("pw-slt-123456"),
                    Duration.ofHours(1)));
            return new DistDataNodeEngine(dir, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SqlResult execute(SqlStatement statement) {
        return node.sql().execute(statement);
    }

    @Override
    public List<SqlResult> executeBatch(List<SqlStatement> statements, boolean atomic) {
        return node.sql().executeBatch(statements, atomic);
    }

    @Override
    public boolean dropEverything(List<String> views) {
        return SchemaReset.dropEverything(this, node.catalog(), views);
    }

    @Override
    public String describe() {
        return "one node, " + PARTITIONS + " partitions";
    }

    @Override
    public void close() {
        try {
            node.close();
        } finally {
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e);
        }
    }
}
