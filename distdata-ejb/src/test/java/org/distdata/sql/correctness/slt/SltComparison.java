package org.distdata.sql.correctness.slt;

import org.distdata.sql.correctness.DerbyOracle;
import org.distdata.sql.correctness.DistDataNodeEngine;
import org.distdata.sql.correctness.EngineUnderTest;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one script twice — on a fresh {@link DerbyOracle} and on DistData (one node, or a
 * cluster) that starts the script with an empty schema — with the same sampling, and pairs
 * the outcomes record by record. DistData is reused across scripts (its tables dropped in
 * between) and replaced only when a script leaves it in an unknown state.
 */
public final class SltComparison implements AutoCloseable {
    private final Path corpus;
    private final Path scratch;
    private final SltSampling sampling;
    private final Function<Path, EngineUnderTest> opener;
    private EngineUnderTest node;
    private String description;

    /** Compares against one DistData node with {@value DistDataNodeEngine#PARTITIONS} partitions. */
    public SltComparison(Path corpus, Path scratch, SltSampling sampling) {
        this(corpus, scratch, sampling, dir -> DistDataNodeEngine.open(dir, "slt"));
    }

    /** Compares against the DistData that {@code opener} opens in a scratch directory. */
    public SltComparison(Path corpus, Path scratch, SltSampling sampling, Function<Path, EngineUnderTest> opener) {
        this.corpus = corpus;
        this.scratch = scratch;
        this.sampling = sampling;
        this.opener = opener;
    }

    /** How the DistData side is set up, once a script has run ("one node, 16 partitions"). */
    public String description() {
        return description;
    }

    public SltFileReport compare(Path file) {
        List<SltRecord> records = SltParser.parse(file);
        SltFileResult derby = SltRunner.run(file, records, sampling, DerbyOracle::new);
        if (node == null) {
            node = opener.apply(scratch);
            description = node.describe();
        }
        ReusedNodeSession session = new ReusedNodeSession(node);
        SltFileResult distData = SltRunner.run(file, records, sampling, () -> session);
        if (!session.cleanedUp()) {
            discardNode();
        }
        return new SltFileReport(SltFileReport.relativeName(corpus, file), derby, distData);
    }

    /** Closes the node in the background: after a timeout it may still be busy. */
    private void discardNode() {
        EngineUnderTest stale = node;
        node = null;
        Thread closer = new Thread(() -> {
            try {
                stale.close();
            } catch (RuntimeException e) {
                System.err.println("slt: closing a used node failed: " + e);
            }
        }, "slt-node-closer");
        closer.setDaemon(true);
        closer.start();
    }

    @Override
    public void close() {
        if (node != null) {
            node.close();
            node = null;
        }
    }
}
