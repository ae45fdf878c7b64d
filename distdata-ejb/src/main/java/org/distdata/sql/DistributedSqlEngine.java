package org.distdata.sql;

import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.update.Update;
import org.distdata.catalog.Catalog;
import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.error.ErrorTranslator;
import org.distdata.partition.ColumnDef;
import org.distdata.partition.HashPartitioner;
import org.distdata.partition.PartitionExecutor;
import org.distdata.partition.PartitionWork;
import org.distdata.partition.StatementTimeout;
import org.distdata.partition.WriteTransaction;
import org.distdata.relation.ColumnInfo;
import org.distdata.relation.SqlResult;
import org.distdata.sql.classify.ClassifiedStatement;
import org.distdata.sql.classify.StatementClassifier;
import org.distdata.sql.classify.StatementType;
import org.distdata.sql.exec.PlanExecutor;
import org.distdata.sql.gateway.GatewayDatabase;
import org.distdata.sql.plan.PlanPrinter;
import org.distdata.sql.plan.QueryPlanner;
import org.distdata.sql.route.PartitionPruner;
import org.distdata.sql.route.QueryRouter;
import org.distdata.sql.route.Route;
import org.distdata.sql.stats.ColumnStatistics;
import org.distdata.sql.stats.StatisticsStore;
import org.distdata.sql.stats.TableAnalyzer;
import org.distdata.sql.stats.TableStatistics;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The SQL engine over hash-partitioned tables: classifies a statement ({@link StatementClassifier},
 * the same reading the security gate authorizes), then runs it as a query
 * (on one pinned partition or through the gateway database), as DML routed to partitions
 * inside an atomic cross-partition transaction, or as DDL on every partition. DDL takes the
 * schema lock exclusively, so no statement ever sees a half-changed schema.
 */
public final class DistributedSqlEngine implements SqlEngine, AutoCloseable {
    /** Limit for a statement whose client named none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final EngineContext ctx;
    private final QueryExecutor queries;
    private final InsertExecutor inserts;
    private final ModificationExecutor modifications;
    private final DdlExecutor ddl;
    private final StatisticsStore statistics;
    private final TableAnalyzer analyzer;
    private final ReadWriteLock schemaLock = new ReentrantReadWriteLock();

    public DistributedSqlEngine(Catalog catalog, PartitionExecutor partitions) {
        HashPartitioner partitioner = new HashPartitioner(partitions.partitionCount());
        PartitionPruner pruner = new PartitionPruner(partitioner);
        this.ctx = new EngineContext(catalog, partitions, partitioner, new GatewayDatabase(catalog, partitioner),
                pruner, new QueryRouter(catalog, pruner), new RowIdAllocator(partitions));
        this.statistics = new StatisticsStore(catalog);
        this.queries = new QueryExecutor(ctx, new QueryPlanner(catalog, statistics, partitions.partitionCount()));
        this.inserts = new InsertExecutor(ctx, statistics);
        this.modifications = new ModificationExecutor(ctx, statistics);
        this.ddl = new DdlExecutor(ctx, statistics);
        this.analyzer = new TableAnalyzer(partitions, statistics);
    }

    /** Table statistics and their staleness, for the planner. */
    public StatisticsStore statistics() {
        return statistics;
    }

    @Override
    public SqlResult execute(SqlStatement statement) {
        long start = System.nanoTime();
        ClassifiedStatement parsed = StatementClassifier.classify(statement.sql());
        StatementTimeout.set(timeoutOf(statement));
        try {
            SqlResult result;
            try {
                result = locked(parsed, () -> run(parsed, statement.params(), null));
            } catch (DistDataException e) {
                // a table or view created through another node that this node has not applied yet
                if (!namesAnUnknownObject(e)) {
                    throw e;
                }
                ctx.catalog().catchUp();
                result = locked(parsed, () -> run(parsed, statement.params(), null));
            }
            return result.withElapsed((System.nanoTime() - start) / 1e6);
        } finally {
            StatementTimeout.clear();
        }
    }

    @Override
    public List<SqlResult> executeBatch(List<SqlStatement> statements, boolean atomic) {
        List<ClassifiedStatement> parsed = new ArrayList<>(statements.size());
        for (SqlStatement s : statements) {
            parsed.add(StatementClassifier.classify(s.sql()));
        }
        try {
            return atomic ? runAtomic(statements, parsed) : runEach(statements, parsed);
        } finally {
            StatementTimeout.clear();
        }
    }

    private List<SqlResult> runEach(List<SqlStatement> statements, List<ClassifiedStatement> parsed) {
        List<SqlResult> results = new ArrayList<>(statements.size());
        for (int i = 0; i < statements.size(); i++) {
            int index = i;
            long start = System.nanoTime();
            StatementTimeout.set(timeoutOf(statements.get(index)));
            SqlResult r = inBatch(index, results.size(), () ->
                    locked(parsed.get(index), () -> run(parsed.get(index), statements.get(index).params(), null)));
            results.add(r.withElapsed((System.nanoTime() - start) / 1e6));
        }
        return results;
    }

    private List<SqlResult> runAtomic(List<SqlStatement> statements, List<ClassifiedStatement> parsed) {
        List<SqlResult> results = new ArrayList<>(statements.size());
        for (int i = 0; i < parsed.size(); i++) {
            if (parsed.get(i).type() == StatementType.DDL) {
                throw new DistDataException(ErrorCode.SQL_SEMANTIC, "not supported yet: DDL inside an atomic batch "
                        + "(statement " + (i + 1) + ")", null, Map.of("statementIndex", i));
            }
        }
        catchUpWithCatalog();
        schemaLock.readLock().lock();
        try (WriteTransaction tx = ctx.partitions().begin()) {
            for (int i = 0; i < statements.size(); i++) {
                int index = i;
                long start = System.nanoTime();
                StatementTimeout.set(timeoutOf(statements.get(index)));
                SqlResult r = inBatch(index, 0, () -> run(parsed.get(index), statements.get(index).params(), tx));
                results.add(r.withElapsed((System.nanoTime() - start) / 1e6));
            }
            try {
                tx.commit();
            } catch (SQLException e) {
                throw ErrorTranslator.translate(e);
            }
            return results;
        } finally {
            schemaLock.readLock().unlock();
        }
    }

    /**
     * Opens the partition work of the explicit transaction {@code transactionId}: its
     * statements run through {@link #executeIn}, it ends by its own commit or rollback.
     */
    public WriteTransaction beginExplicit(String transactionId) {
        return ctx.partitions().begin(transactionId);
    }

    /**
     * Runs statements inside the explicit transaction {@code tx}, in order: queries at the
     * partitions' leaders under the transaction's locks (SERIALIZABLE), writes in its branches.
     * A schema change is refused (DDL commits on its own, partition by partition). The schema
     * lock is held per call, not for the transaction's life, so DDL elsewhere is not blocked by
     * an idle transaction. Errors name the failing statement's index when there are several.
     */
    public List<SqlResult> executeIn(WriteTransaction tx, List<SqlStatement> statements) {
        List<ClassifiedStatement> parsed = new ArrayList<>(statements.size());
        for (int i = 0; i < statements.size(); i++) {
            ClassifiedStatement st = StatementClassifier.classify(statements.get(i).sql());
            if (st.type() == StatementType.DDL) {
                String where = statements.size() > 1 ? " (statement " + (i + 1) + ")" : "";
                throw new DistDataException(ErrorCode.SQL_SEMANTIC, "not supported yet: DDL inside a transaction"
                        + where + "; run it outside the transaction", null,
                        statements.size() > 1 ? Map.of("statementIndex", i) : Map.of());
            }
            parsed.add(st);
        }
        catchUpWithCatalog();
        schemaLock.readLock().lock();
        try {
            List<SqlResult> results = new ArrayList<>(statements.size());
            for (int i = 0; i < statements.size(); i++) {
                int index = i;
                long start = System.nanoTime();
                StatementTimeout.set(timeoutOf(statements.get(index)));
                Work work = () -> run(parsed.get(index), statements.get(index).params(), tx);
                SqlResult r = statements.size() > 1 ? inBatch(index, results.size(), work) : translated(work);
                results.add(r.withElapsed((System.nanoTime() - start) / 1e6));
            }
            return results;
        } finally {
            StatementTimeout.clear();
            schemaLock.readLock().unlock();
        }
    }

    /**
     * Settles the outcome of explicit transaction {@code transactionId} from what the partitions
     * recorded (see {@link PartitionExecutor#settle}); every partition is asked when
     * {@code decisionPartition} is not known.
     */
    public java.util.Optional<Boolean> settle(String transactionId, java.util.OptionalInt decisionPartition) {
        List<Integer> candidates = new ArrayList<>();
        if (decisionPartition.isPresent()) {
            candidates.add(decisionPartition.getAsInt());
        } else {
            for (int p = 0; p < ctx.partitions().partitionCount(); p++) {
                candidates.add(p);
            }
        }
        return ctx.partitions().settle(transactionId, candidates);
    }

    private static SqlResult translated(Work work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw ErrorTranslator.translate(e);
        }
    }

    /** Bulk load of already typed rows into one table, in one atomic transaction. */
    public long insertRows(String table, List<String> columns, List<List<Object>> rows) {
        schemaLock.readLock().lock();
        try {
            TableDef def = ctx.catalog().require(table);
            List<ColumnDef> targets = new ArrayList<>();
            for (String c : columns) {
                targets.add(def.column(c).orElseThrow(() -> new DistDataException(ErrorCode.SQL_SEMANTIC,
                        "'" + c + "' is not a column in table '" + table + "'.")));
            }
            return LeaderChanges.retry(() -> {
                try (WriteTransaction tx = ctx.partitions().begin()) {
                    long n = inserts.insertRows(def, targets, rows, tx);
                    tx.commit();
                    return n;
                }
            });
        } catch (SQLException e) {
            throw ErrorTranslator.translate(e);
        } finally {
            schemaLock.readLock().unlock();
        }
    }

    private static Duration timeoutOf(SqlStatement statement) {
        return statement.timeout() == null ? DEFAULT_TIMEOUT : statement.timeout();
    }

    public Catalog catalog() {
        return ctx.catalog();
    }

    private interface Work {
        SqlResult run() throws SQLException;
    }

    private SqlResult locked(ClassifiedStatement parsed, Work work) {
        boolean exclusive = parsed.type() == StatementType.DDL;
        if (exclusive) {
            // a schema change first sees every change committed through other nodes: a table
            // dropped there a moment ago must not "already exist" here
            ctx.catalog().catchUp();
        }
        catchUpWithCatalog();
        var lock = exclusive ? schemaLock.writeLock() : schemaLock.readLock();
        lock.lock();
        try {
            return work.run();
        } catch (SQLException e) {
            throw ErrorTranslator.translate(e);
        } finally {
            lock.unlock();
        }
    }

    private static boolean namesAnUnknownObject(DistDataException e) {
        return e.code() == ErrorCode.SQL_SEMANTIC && e.detail() != null && e.detail().contains("does not exist");
    }

    /**
     * Defines in the gateway database what DDL through other nodes added to the catalog, under
     * the schema lock held exclusively so that no statement sees a half-defined gateway.
     */
    private void catchUpWithCatalog() {
        if (!ctx.gateway().behindCatalog()) {
            return;
        }
        schemaLock.writeLock().lock();
        try {
            if (ctx.gateway().behindCatalog()) {
                ctx.gateway().syncWithCatalog();
            }
        } catch (SQLException e) {
            throw ErrorTranslator.translate(e);
        } finally {
            schemaLock.writeLock().unlock();
        }
    }

    private static SqlResult inBatch(int index, int completed, Work work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw withIndex(ErrorTranslator.translate(e), index, completed);
        } catch (DistDataException e) {
            throw withIndex(e, index, completed);
        }
    }

    private static DistDataException withIndex(DistDataException e, int index, int completed) {
        var ext = new LinkedHashMap<>(e.extensions());
        ext.put("statementIndex", index);
        ext.put("statementsCompleted", completed);
        return new DistDataException(e.code(), "statement " + (index + 1) + ": " + e.detail(), e.getCause(), ext);
    }

    /** Runs one statement, in {@code tx} when given, else in its own unit of work. */
    private SqlResult run(ClassifiedStatement st, List<Object> params, WriteTransaction tx) throws SQLException {
        return switch (st.type()) {
            case QUERY -> queries.run(st, params, tx != null ? tx : new AutocommitReads(ctx.partitions()));
            case DML -> dml(st, params, tx);
            case DDL -> SqlResult.update(ddl.execute(st), 0);
            case EXPLAIN -> explain(st, params, tx);
            case ANALYZE -> analyze(st);
            case TRANSACTION_CONTROL, OTHER -> throw DistDataException.notSupported(st.keyword() + " statements");
        };
    }

    private SqlResult dml(ClassifiedStatement st, List<Object> params, WriteTransaction tx) throws SQLException {
        if (!st.parsed()) {
            ctx.gateway().compile(st.sql()); // Derby's own syntax error is the clearest message
            throw DistDataException.notSupported("this " + st.keyword() + " form (" + st.parseError() + ")");
        }
        if (!(st.ast() instanceof Insert || st.ast() instanceof Update || st.ast() instanceof Delete)) {
            throw DistDataException.notSupported(st.keyword() + " statements");
        }
        if (hasWithItems(st.ast())) {
            throw DistDataException.notSupported("WITH before INSERT, UPDATE or DELETE");
        }
        if (tx != null) {
            return SqlResult.update(modify(st, params, tx), 0);
        }
        return SqlResult.update(LeaderChanges.retry(() -> {
            try (WriteTransaction own = ctx.partitions().begin()) {
                long n = modify(st, params, own);
                own.commit();
                return n;
            }
        }), 0);
    }

    private static boolean hasWithItems(Statement ast) {
        List<?> with = ast instanceof Insert i ? i.getWithItemsList() : ast instanceof Update u ? u.getWithItemsList()
                : ((Delete) ast).getWithItemsList();
        return with != null && !with.isEmpty();
    }

    private long modify(ClassifiedStatement st, List<Object> params, WriteTransaction tx) throws SQLException {
        if (st.ast() instanceof Insert insert) {
            return inserts.execute(insert, params, tx, queries);
        }
        if (st.ast() instanceof Update update) {
            return modifications.update(update, st, params, tx);
        }
        if (st.ast() instanceof Delete delete) {
            return modifications.delete(delete, st, params, tx);
        }
        throw DistDataException.notSupported("this " + st.keyword() + " form");
    }

    /**
     * ANALYZE [[TABLE] name]: collects the statistics of one table, or of every table when
     * none is named, on every partition and shows them, one row per column (led by the
     * table's name when every table was analyzed).
     */
    private SqlResult analyze(ClassifiedStatement st) throws SQLException {
        boolean everyTable = st.analyzed() == null;
        List<TableDef> tables = everyTable ? ctx.catalog().allTables()
                : List.of(ctx.catalog().require(SqlNames.normalize(st.analyzed())));
        List<List<Object>> rows = new ArrayList<>();
        for (TableDef table : tables) {
            TableStatistics stats = analyzer.analyze(table, ctx.catalog().version());
            for (ColumnDef column : table.columns()) {
                ColumnStatistics c = stats.columns().get(column.name());
                List<Object> row = new ArrayList<>(everyTable ? List.of(table.name()) : List.of());
                row.addAll(Arrays.asList(column.name(), c.rows(), c.nulls(), c.distinct(),
                        c.exactDistinct() ? "EXACT" : "ESTIMATE", c.min() == null ? null : c.min().toString(),
                        c.max() == null ? null : c.max().toString()));
                rows.add(row);
            }
        }
        List<ColumnInfo> columns = new ArrayList<>(everyTable ? List.of(new ColumnInfo("TABLE_NAME", "VARCHAR"))
                : List.of());
        columns.addAll(List.of(new ColumnInfo("COLUMN_NAME", "VARCHAR"), new ColumnInfo("ROWS", "BIGINT"),
                new ColumnInfo("NULLS", "BIGINT"), new ColumnInfo("DISTINCT_VALUES", "BIGINT"),
                new ColumnInfo("DISTINCT_KIND", "VARCHAR"), new ColumnInfo("MIN_VALUE", "VARCHAR"),
                new ColumnInfo("MAX_VALUE", "VARCHAR")));
        return new SqlResult(columns, rows, null, 0);
    }

    /**
     * EXPLAIN [ANALYZE] query: the plan tree, root first, with estimated rows and cost per
     * node, the strategy of each join and the partitions each fragment runs on. ANALYZE runs
     * the query and adds, per node, the rows it produced, its time and the rows it moved.
     */
    private SqlResult explain(ClassifiedStatement st, List<Object> params, WriteTransaction tx) throws SQLException {
        boolean analyze = st.explain().analyze();
        ClassifiedStatement query = st.explain().statement();
        if (query.type() != StatementType.QUERY) {
            throw DistDataException.notSupported("EXPLAIN of " + query.keyword());
        }
        QueryExecutor.Decision d = queries.decide(query, params);
        PlanExecutor executor = new PlanExecutor(ctx.gateway(), ctx.pruner(), ctx.partitions().partitionCount());
        String total = null;
        if (analyze) {
            PartitionWork work = tx != null ? tx : new AutocommitReads(ctx.partitions());
            long start = System.nanoTime();
            SqlResult r = queries.run(d, query, params, work, executor);
            total = r.rowCount() + " rows in " + String.format(Locale.ROOT, "%.1f ms", (System.nanoTime() - start) / 1e6);
        }
        List<List<Object>> rows = new ArrayList<>();
        if (!d.route().isGateway()) {
            rows.add(Arrays.asList("F1", "FRAGMENT", "whole query on partition " + d.route().partition() + " ("
                    + d.route().reason() + "); " + query.sql(), null, null, total));
        } else if (d.plan() == null) {
            rows.add(Arrays.asList("gateway", "GATEWAY QUERY", "runs as written in the gateway database over "
                    + "partition scans (" + d.fallback() + ")", null, null, total));
        } else {
            for (PlanPrinter.Line line : PlanPrinter.lines(d.plan(), params, ctx.pruner(), name -> {
                PlanExecutor.NodeStats s = executor.stats().get(name);
                return s == null ? null : s.rows() + " rows, " + String.format(Locale.ROOT, "%.1f ms", s.millis())
                        + ", " + s.partitions() + (s.partitions() == 1 ? " part" : " parts")
                        + (s.rowsMoved() > 0 ? ", " + s.rowsMoved() + " rows moved" : "");
            })) {
                rows.add(Arrays.asList(line.node(), line.operation(), line.detail(),
                        Math.round(line.estimatedRows()), Math.round(line.estimatedCost()),
                        line.actual() != null ? line.actual() : rows.isEmpty() ? total : null));
            }
        }
        List<ColumnInfo> columns = new ArrayList<>(List.of(new ColumnInfo("NODE", "VARCHAR"),
                new ColumnInfo("OPERATION", "VARCHAR"), new ColumnInfo("DETAIL", "VARCHAR"),
                new ColumnInfo("EST_ROWS", "BIGINT"), new ColumnInfo("EST_COST", "BIGINT")));
        if (analyze) {
            columns.add(new ColumnInfo("ACTUAL", "VARCHAR"));
        } else {
            rows.replaceAll(r -> r.subList(0, 5));
        }
        return new SqlResult(columns, rows, null, 0);
    }

    @Override
    public void close() {
        ctx.gateway().close();
    }
}
