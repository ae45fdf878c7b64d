package org.distdata.replication.partition;

import java.util.List;
import java.util.Objects;

/**
 * What a partition leader replicates for one committed branch: the statements it ran, in
 * order, with their bound parameter rows and the update count each produced. Followers run
 * the same statements on the same state in log order and must get the same counts; a
 * different count means the replica diverged (see ADR 0009). {@code proposalId} lets the
 * leader find the live Derby transaction that already holds the effect, so that applying
 * the entry there is only a commit.
 */
public record WriteSet(ProposalId proposalId, List<Statement> statements) {

    /** How a statement was run: one parameter row, a batch of rows, or DDL without parameters. */
    public enum Kind { UPDATE, BATCH, DDL }

    /**
     * One statement as the leader ran it. Its SQL holds no client values (they are in
     * {@code rows}), and non-deterministic functions were replaced by the leader's values.
     */
    public record Statement(Kind kind, String sql, List<List<Object>> rows, long updateCount) {

        public Statement {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(sql, "sql");
            rows = List.copyOf(rows.stream().map(r -> java.util.Collections.unmodifiableList(
                    new java.util.ArrayList<>(r))).toList());
            if (kind != Kind.BATCH && rows.size() != 1) {
                throw new IllegalArgumentException(kind + " statements carry exactly one parameter row");
            }
        }
    }

    /**
     * How the leader runs {@code sql}: schema statements (CREATE, DROP, ALTER, TRUNCATE) with no
     * parameters as DDL, everything else as a parameterised update.
     */
    static Kind kindOf(String sql, List<Object> params) {
        String head = sql.stripLeading().toUpperCase(java.util.Locale.ROOT);
        boolean ddl = head.startsWith("CREATE") || head.startsWith("DROP") || head.startsWith("ALTER")
                || head.startsWith("TRUNCATE");
        return params.isEmpty() && ddl ? Kind.DDL : Kind.UPDATE;
    }

    public WriteSet {
        Objects.requireNonNull(proposalId, "proposalId");
        statements = List.copyOf(statements);
    }
}
