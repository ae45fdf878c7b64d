package org.distdata.sql.correctness;

import org.distdata.sql.SqlEngine;

import java.util.List;

/**
 * DistData as the correctness suites see it: an engine that runs statements, that can be
 * emptied between scripts, and that says how it is set up for the reports. One node
 * ({@link DistDataNodeEngine}) and a replicated three-node cluster
 * ({@link DistDataClusterEngine}) both answer to it, so the same differential and
 * sqllogictest runs judge both.
 */
public interface EngineUnderTest extends SqlEngine, AutoCloseable {

    /**
     * Drops the given views and then every table, so that the next script starts from an
     * empty schema. False if something could not be dropped; the caller then opens a fresh one.
     */
    boolean dropEverything(List<String> views);

    /** One line for reports, e.g. "one node, 16 partitions". */
    String describe();

    @Override
    void close();
}
