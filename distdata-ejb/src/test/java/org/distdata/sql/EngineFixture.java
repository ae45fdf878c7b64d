package org.distdata.sql;

import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
import org.distdata.relation.SqlResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A real node on a temporary directory, with shorthand for running SQL in tests. */
final class EngineFixture implements AutoCloseable {
    final Node node;

    EngineFixture(Path dir, int partitions) {
        node = Node.open(new NodeConfig("test", dir, partitions, Optional.of("test-admin-pw-1"), Duration.ofHours(1)));
    }

    SqlResult sql(String sql, Object... params) {
        return node.sql().execute(new SqlStatement(sql, Arrays.asList(params)));
    }

    List<List<Object>> rows(String sql, Object... params) {
        return sql(sql, params).rows();
    }

    Object scalar(String sql, Object... params) {
        return rows(sql, params).get(0).get(0);
    }

    @Override
    public void close() {
        node.close();
    }
}
