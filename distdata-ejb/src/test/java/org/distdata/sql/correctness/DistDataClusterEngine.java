package org.distdata.sql.correctness;

import org.distdata.cluster.ConsistencyReport;
import org.distdata.node.NodeCluster;
import org.distdata.relation.SqlResult;
import org.distdata.sql.SqlStatement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The engine under test as a replicated cluster: three real nodes in this JVM
 * ({@link NodeCluster}: own data directories, write-ahead logs and TLS transport on loopback),
 * {@value DistDataNodeEngine#PARTITIONS} partitions at replication factor 3 with leaders spread
 * over the nodes. Statements take turns among the three gateways, so a CREATE through one node
 * is followed by writes and reads through the others, and most statements cross the
 * transport to the partition leaders.
 */
public final class DistDataClusterEngine implements EngineUnderTest {
    public static final int NODES = 3;

    private final NodeCluster cluster;
    private long turn;

    private DistDataClusterEngine(NodeCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts a fresh cluster in a new directory under {@code parent} and waits for every leader. */
    public static DistDataClusterEngine open(Path parent, String name) {
        try {
            Files.createDirectories(parent);
            NodeCluster cluster = NodeCluster.start(Files.createTempDirectory(parent, name + "-"), NODES,
                    DistDataNodeEngine.PARTITIONS);
            try {
                cluster.awaitLeaders(Duration.ofSeconds(90));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cluster.close();
                throw new IllegalStateException("interrupted while the cluster elected its leaders", e);
            } catch (RuntimeException | AssertionError e) {
                cluster.close();
                throw e;
            }
            return new DistDataClusterEngine(cluster);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gateway of the next statement: 1, 2, 3, 1, … */
    private long nextGateway() {
        List<Long> running = cluster.running();
        return running.get((int) (turn++ % running.size()));
    }

    @Override
    public SqlResult execute(SqlStatement statement) {
        return cluster.node(nextGateway()).sql().execute(statement);
    }

    @Override
    public List<SqlResult> executeBatch(List<SqlStatement> statements, boolean atomic) {
        return cluster.node(nextGateway()).sql().executeBatch(statements, atomic);
    }

    @Override
    public boolean dropEverything(List<String> views) {
        return SchemaReset.dropEverything(this, cluster.node(1).catalog(), views);
    }

    /** Every replica of every partition compared at the same applied index. */
    public ConsistencyReport consistencyCheck() {
        return cluster.check(nextGateway());
    }

    @Override
    public String describe() {
        return NODES + " nodes, " + DistDataNodeEngine.PARTITIONS + " partitions, replication factor 3";
    }

    @Override
    public void close() {
        cluster.close();
    }
}
