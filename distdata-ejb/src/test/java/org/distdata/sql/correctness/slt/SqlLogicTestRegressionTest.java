package org.distdata.sql.correctness.slt;

import org.distdata.sql.correctness.DistDataNodeEngine;
import org.distdata.sql.correctness.EngineUnderTest;

import java.nio.file.Path;

/**
 * The sqllogictest bar on one DistData node (16 partitions): every record Derby passes, the
 * node passes too. {@code -Dslt.report=docs/correctness.md} writes the per-file table into
 * that document. See {@link SltRegressionBar} for sampling.
 */
class SqlLogicTestRegressionTest extends SltRegressionBar {

    @Override
    EngineUnderTest open(Path scratch) {
        return DistDataNodeEngine.open(scratch, "slt");
    }

    @Override
    String reportProperty() {
        return "slt.report";
    }

    @Override
    String reportMarker() {
        return "slt-table";
    }
}
