package org.distdata.sql.exec;

import org.distdata.partition.PartitionWork;
import org.distdata.partition.RowCursor;
import org.distdata.partition.StatementTimeout;
import org.distdata.relation.ColumnInfo;
import org.distdata.relation.Relation;
import org.distdata.relation.RelationColumn;
import org.distdata.relation.SqlResult;
import org.distdata.sql.gateway.GatewayDatabase;
import org.distdata.sql.plan.DistributedPlan;
import org.distdata.sql.plan.FinalStage;
import org.distdata.sql.plan.FragmentNode;
import org.distdata.sql.plan.JoinKind;
import org.distdata.sql.plan.JoinNode;
import org.distdata.sql.plan.JoinStrategy;
import org.distdata.sql.plan.PlanNode;
import org.distdata.sql.route.PartitionPruner;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a {@link DistributedPlan}: each fragment on its partitions (in parallel when the unit
 * of work allows it), each gateway join after its exchange, then the final stage in the
 * gateway database over the gathered rows. Records, per plan node, the rows it produced, the
 * time it took and the rows it moved, for EXPLAIN ANALYZE.
 */
public final class PlanExecutor {
    private static final ExecutorService FRAGMENTS = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "distdata-fragment");
        t.setDaemon(true);
        return t;
    });

    /** What one plan node did: rows out, wall time, partitions it ran on, rows moved between nodes. */
    public record NodeStats(long rows, double millis, int partitions, long rowsMoved) {
    }

    private final GatewayDatabase gateway;
    private final PartitionPruner pruner;
    private final int partitionCount;
    private final Map<String, NodeStats> stats = new LinkedHashMap<>();

    public PlanExecutor(GatewayDatabase gateway, PartitionPruner pruner, int partitionCount) {
        this.gateway = gateway;
        this.pruner = pruner;
        this.partitionCount = partitionCount;
    }

    /** Per plan node name (and "final" for the final stage): what it did in the last run. */
    public Map<String, NodeStats> stats() {
        return stats;
    }

    public SqlResult execute(DistributedPlan plan, List<Object> params, PartitionWork work) throws SQLException {
        Parts input = run(plan.input(), params, work);
        FinalStage stage = plan.finalStage();
        if (stage == null) {
            List<List<Object>> rows = new ArrayList<>();
            for (Relation part : input.parts()) {
                for (Object[] row : part.rows()) {
                    rows.add(java.util.Arrays.asList(row));
                }
            }
            return new SqlResult(input.columns(), rows, null, 0);
        }
        long start = System.nanoTime();
        List<RelationColumn> columns = new ArrayList<>();
        for (int i = 0; i < input.ddlTypes().size(); i++) {
            columns.add(new RelationColumn("C" + i, input.ddlTypes().get(i)));
        }
        Relation gathered = Exchange.gather(input.parts());
        gathered = new Relation(columns, gathered.rows());
        String sql = stage.sql().replace(FinalStage.INPUT, "TABLE(" + gateway.relationFunction(columns) + "('R'))");
        SqlResult result = gateway.queryOver(sql, pick(stage.parameters(), params), work, Map.of("R", gathered));
        stats.put("final", new NodeStats(result.rowCount(), (System.nanoTime() - start) / 1e6, 1, 0));
        return result;
    }

    /** The rows of one node, as parts (one per partition or bucket), with their column shape. */
    private record Parts(List<Relation> parts, List<ColumnInfo> columns, List<String> ddlTypes) {
        long rows() {
            long n = 0;
            for (Relation r : parts) {
                n += r.rows().size();
            }
            return n;
        }
    }

    private Parts run(PlanNode node, List<Object> params, PartitionWork work) throws SQLException {
        if (node instanceof FragmentNode f) {
            return fragment(f, params, work);
        }
        JoinNode j = (JoinNode) node;
        Parts probe = run(j.probe(), params, work);
        Parts build = run(j.build(), params, work);
        long start = System.nanoTime();
        Relation joined;
        long moved;
        if (j.strategy() == JoinStrategy.REPARTITION) {
            ExchangeStats exchange = new ExchangeStats();
            List<Relation> left = Exchange.repartition(probe.parts(), j.probeKeys(), partitionCount, exchange);
            List<Relation> right = Exchange.repartition(build.parts(), j.buildKeys(), partitionCount, exchange);
            joined = ParallelJoin.partitioned(left, right, j.probeKeys(), j.buildKeys(), j.kind());
            moved = exchange.rowsMoved();
        } else {
            Relation small = Exchange.gather(build.parts());
            joined = ParallelJoin.broadcast(probe.parts(), small, j.probeKeys(), j.buildKeys(), j.kind());
            moved = (long) small.rows().size() * Math.max(1, probe.parts().size());
        }
        stats.put(j.name(), new NodeStats(joined.rows().size(), (System.nanoTime() - start) / 1e6,
                Math.max(probe.parts().size(), 1), moved));
        List<ColumnInfo> columns = new ArrayList<>(probe.columns());
        List<String> types = new ArrayList<>(probe.ddlTypes());
        if (j.kind() == JoinKind.INNER) {
            columns.addAll(build.columns());
            types.addAll(build.ddlTypes());
        }
        return new Parts(List.of(joined), columns, types);
    }

    private Parts fragment(FragmentNode f, List<Object> params, PartitionWork work) throws SQLException {
        long start = System.nanoTime();
        BitSet partitions = f.partitions().partitions(params, pruner);
        List<Object> values = pick(f.parameters(), params);
        List<Integer> order = new ArrayList<>();
        partitions.stream().forEach(order::add);
        List<Callable<Part>> tasks = new ArrayList<>();
        Duration limit = StatementTimeout.remaining();
        for (int p : order) {
            tasks.add(() -> {
                if (limit != null) {
                    StatementTimeout.set(limit);
                }
                try (RowCursor c = work.query(p, f.sql(), values)) {
                    return read(c);
                } finally {
                    if (limit != null) {
                        StatementTimeout.clear();
                    }
                }
            });
        }
        List<Part> parts = runAll(tasks, work.concurrent());
        Part first = parts.get(0);
        List<ColumnInfo> columns = first.columns();
        List<String> types = first.ddlTypes();
        if (f.rowIdOrder()) {
            columns = columns.subList(0, columns.size() - 1);
            types = types.subList(0, types.size() - 1);
        }
        List<RelationColumn> shape = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            shape.add(new RelationColumn("C" + i, types.get(i)));
        }
        List<Relation> relations = new ArrayList<>();
        if (f.rowIdOrder()) {
            relations.add(new Relation(shape, mergeByRowId(parts, columns.size())));
        } else {
            for (Part part : parts) {
                relations.add(new Relation(shape, part.rows()));
            }
        }
        Parts out = new Parts(relations, columns, types);
        stats.put(f.name(), new NodeStats(out.rows(), (System.nanoTime() - start) / 1e6, order.size(), out.rows()));
        return out;
    }

    /** One partition's rows of a fragment. */
    private record Part(List<ColumnInfo> columns, List<String> ddlTypes, List<Object[]> rows) {
    }

    private static Part read(RowCursor c) throws SQLException {
        int n = c.columns().size();
        List<String> types = c.ddlTypes(); // before the rows: an exhausted result set may be closed already
        List<Object[]> rows = new ArrayList<>();
        while (c.next()) {
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = c.get(i);
            }
            rows.add(row);
            if ((rows.size() & 0xFFF) == 0) {
                StatementTimeout.check();
            }
        }
        return new Part(c.columns(), types, rows);
    }

    private static List<Part> runAll(List<Callable<Part>> tasks, boolean parallel) throws SQLException {
        List<Part> out = new ArrayList<>(tasks.size());
        try {
            if (!parallel || tasks.size() == 1) {
                for (Callable<Part> t : tasks) {
                    out.add(t.call());
                }
                return out;
            }
            List<Future<Part>> futures = new ArrayList<>();
            for (Callable<Part> t : tasks) {
                futures.add(FRAGMENTS.submit(t));
            }
            for (Future<Part> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new SQLException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", "XCL52");
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e);
        }
    }

    /** Merges parts each sorted by row id (column {@code idColumn}) into one, dropping that column. */
    private static List<Object[]> mergeByRowId(List<Part> parts, int idColumn) {
        record Head(int part, int index, long id) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> Long.compare(a.id(), b.id()));
        for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).rows().isEmpty()) {
                heads.add(new Head(i, 0, ((Number) parts.get(i).rows().get(0)[idColumn]).longValue()));
            }
        }
        List<Object[]> out = new ArrayList<>();
        while (!heads.isEmpty()) {
            Head h = heads.poll();
            List<Object[]> rows = parts.get(h.part()).rows();
            out.add(java.util.Arrays.copyOf(rows.get(h.index()), idColumn));
            if (h.index() + 1 < rows.size()) {
                heads.add(new Head(h.part(), h.index() + 1, ((Number) rows.get(h.index() + 1)[idColumn]).longValue()));
            }
        }
        return out;
    }

    private static List<Object> pick(List<Integer> indexes, List<Object> params) {
        List<Object> out = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            out.add(i - 1 < params.size() ? params.get(i - 1) : null);
        }
        return out;
    }
}
