package org.distdata.sql;

import org.distdata.error.DistDataException;
import org.distdata.partition.PartitionWork;
import org.distdata.partition.RowCursor;
import org.distdata.relation.SqlResult;
import org.distdata.sql.classify.ClassifiedStatement;
import org.distdata.sql.exec.PlanExecutor;
import org.distdata.sql.plan.DistributedPlan;
import org.distdata.sql.plan.PlannerFallback;
import org.distdata.sql.plan.QueryPlanner;
import org.distdata.sql.route.Route;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a query: on the one partition its distribution keys pin it to, else along the
 * planner's distributed plan, else (a shape the planner leaves alone) as written in the
 * gateway database.
 */
final class QueryExecutor {
    private static final Logger LOG = Logger.getLogger(QueryExecutor.class.getName());
    private static final boolean STRICT = Boolean.getBoolean("distdata.planner.strict");
    private final EngineContext ctx;
    private final QueryPlanner planner;

    QueryExecutor(EngineContext ctx, QueryPlanner planner) {
        this.ctx = ctx;
        this.planner = planner;
    }

    /** How a query runs: pinned to one partition, along a plan, or in the gateway (with the reason). */
    record Decision(Route route, DistributedPlan plan, String fallback) {
    }

    Decision decide(ClassifiedStatement statement, List<Object> params) {
        Route route = ctx.router().route(statement, params);
        if (!route.isGateway()) {
            return new Decision(route, null, null);
        }
        try {
            return new Decision(route, planner.plan(statement), null);
        } catch (PlannerFallback fallback) {
            return new Decision(route, null, fallback.getMessage());
        } catch (DistDataException clientMistake) {
            throw clientMistake;
        } catch (RuntimeException plannerDefect) {
            // The gateway runs every query correctly, if slowly: a planner defect must not fail the
            // client. Tests set distdata.planner.strict so that such defects fail them instead.
            if (STRICT) {
                throw plannerDefect;
            }
            LOG.log(Level.WARNING, "planner failed on: " + statement.sql(), plannerDefect);
            return new Decision(route, null, "planner error: " + plannerDefect);
        }
    }

    SqlResult run(ClassifiedStatement statement, List<Object> params, PartitionWork work) throws SQLException {
        return run(decide(statement, params), statement, params, work, null);
    }

    SqlResult run(Decision d, ClassifiedStatement statement, List<Object> params, PartitionWork work,
                  PlanExecutor executor) throws SQLException {
        if (!d.route().isGateway()) {
            try (RowCursor cursor = work.query(d.route().partition(), statement.sql(), params)) {
                return drain(cursor);
            }
        }
        if (d.plan() != null) {
            PlanExecutor e = executor != null ? executor
                    : new PlanExecutor(ctx.gateway(), ctx.pruner(), ctx.partitions().partitionCount());
            return e.execute(d.plan(), params, work);
        }
        return ctx.gateway().query(statement.sql(), params, work);
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
