package org.distdata.sql;

import org.distdata.partition.PartitionWork;
import org.distdata.partition.RowCursor;
import org.distdata.sql.route.Route;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs a query along the route the {@link org.distdata.sql.route.QueryRouter} picks. */
final class QueryExecutor {
    private final EngineContext ctx;

    QueryExecutor(EngineContext ctx) {
        this.ctx = ctx;
    }

    SqlResult run(ParsedStatement statement, List<Object> params, PartitionWork work) throws SQLException {
        Route route = ctx.router().route(statement, params);
        if (route.isGateway()) {
            return ctx.gateway().query(statement.sql(), params, work);
        }
        try (RowCursor cursor = work.query(route.partition(), statement.sql(), params)) {
            return drain(cursor);
        }
    }

    Route explain(ParsedStatement statement, List<Object> params) {
        return ctx.router().route(statement, params);
    }

    static SqlResult drain(RowCursor cursor) throws SQLException {
        int n = cursor.columns().size();
        List<List<Object>> rows = new ArrayList<>();
        while (cursor.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                row.add(cursor.get(i));
            }
            rows.add(row);
        }
        return new SqlResult(cursor.columns(), rows, null, 0);
    }
}
