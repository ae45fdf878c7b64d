package org.distdata.sql.boundary;

import java.io.Reader;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.distdata.load.CsvImporter;
import org.distdata.load.ImportResult;
import org.distdata.node.Node;
import org.distdata.node.boundary.NodeBean;
import org.distdata.sql.SqlEngine;
import org.distdata.relation.SqlResult;
import org.distdata.sql.SqlStatement;

/**
 * Where SQL enters the coordinator: one statement (EXPLAIN included), a batch (atomic or
 * not) or a CSV bulk load, run by this node as the gateway — parsed, planned into
 * per-partition fragments and executed by the SQL engine {@link Node} built; this bean builds
 * nothing; a multi-partition write commits with the engine's two-phase commit (ADR 0015).
 *
 * <p>Bean-managed concurrency and transactions, as {@link NodeBean} explains: the engine keeps
 * its own transactions (one per statement, or per atomic batch).
 */
@Singleton
@Startup
@DependsOn("NodeBean")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class SqlBean {

    @EJB
    NodeBean nodeBean;

    private SqlEngine sql;
    private CsvImporter importer;

    @PostConstruct
    void attach() {
        Node node = nodeBean.node();
        sql = node.sql();
        importer = node.importer();
    }

    public SqlResult execute(SqlStatement statement) {
        return sql.execute(statement);
    }

    public List<SqlResult> executeBatch(List<SqlStatement> statements, boolean atomic) {
        return sql.executeBatch(statements, atomic);
    }

    /** Loads {@code csv} (a header row of column names, then rows) into {@code table}, atomically per batch. */
    public ImportResult importCsv(String table, Reader csv) {
        return importer.importCsv(table, csv);
    }
}
