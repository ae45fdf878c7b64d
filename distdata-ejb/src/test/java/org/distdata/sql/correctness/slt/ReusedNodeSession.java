package org.distdata.sql.correctness.slt;

import org.distdata.relation.SqlResult;
import org.distdata.sql.SqlEngine;
import org.distdata.sql.SqlStatement;
import org.distdata.sql.correctness.EngineUnderTest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One script's view of a DistData node or cluster that is shared between scripts (opening one
 * with 16 partitions costs seconds). It remembers the views the script creates; closing it drops
 * them and every table, leaving the node empty for the next script. {@link #cleanedUp()}
 * tells whether that worked; if not, the owner replaces the node.
 */
final class ReusedNodeSession implements SqlEngine, AutoCloseable {
    private static final Pattern CREATE_VIEW = Pattern.compile("(?is)^\\s*CREATE\\s+VIEW\\s+([\\w\"]+)");

    private final EngineUnderTest node;
    private final List<String> views = new ArrayList<>();
    private volatile boolean cleanedUp;

    ReusedNodeSession(EngineUnderTest node) {
        this.node = node;
    }

    @Override
    public SqlResult execute(SqlStatement statement) {
        SqlResult result = node.execute(statement);
        Matcher m = CREATE_VIEW.matcher(statement.sql());
        if (m.find()) {
            views.add(0, m.group(1)); // newest first: a view may depend on an older one
        }
        return result;
    }

    @Override
    public List<SqlResult> executeBatch(List<SqlStatement> statements, boolean atomic) {
        return node.executeBatch(statements, atomic);
    }

    @Override
    public void close() {
        cleanedUp = node.dropEverything(views);
    }

    boolean cleanedUp() {
        return cleanedUp;
    }
}
