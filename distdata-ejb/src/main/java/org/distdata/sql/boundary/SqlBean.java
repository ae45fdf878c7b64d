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
import org.distdata.transaction.ExplicitTransactions;
import org.distdata.transaction.TransactionState;

/**
 * Where SQL enters the coordinator: one statement (EXPLAIN included), a batch (atomic or
 * not) or a CSV bulk load, run by this node as the gateway — parsed, planned into
 * per-partition fragments and executed by the SQL engine {@link Node} built; this bean builds
 * nothing; a multi-partition write commits with the engine's two-phase commit (ADR 0015).
 *
 * <p>Bean-managed concurrency and transactions, as {@link NodeBean} explains: the engine keeps
 * its own transactions (one per statement, per atomic batch, or a client's explicit
 * transaction across requests, kept by {@link ExplicitTransactions}).
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
    private ExplicitTransactions transactions;

    @PostConstruct
    void attach() {
        Node node = nodeBean.node();
        sql = node.sql();
        importer = node.importer();
        transactions = node.transactions();
    }

    public SqlResult execute(SqlStatement statement) {
        return sql.execute(statement);
    }

    public List<SqlResult> executeBatch(List<SqlStatement> statements, boolean atomic) {
        return sql.executeBatch(statements, atomic);
    }

    /** Runs one statement in the explicit transaction {@code transactionId}. */
    public SqlResult execute(String transactionId, String user, SqlStatement statement) {
        return transactions.execute(transactionId, user, statement);
    }

    /** Runs statements in order in the explicit transaction {@code transactionId}. */
    public List<SqlResult> executeBatch(String transactionId, String user, List<SqlStatement> statements) {
        return transactions.executeBatch(transactionId, user, statements);
    }

    /** Begins an explicit transaction that only {@code user} may use. */
    public TransactionState begin(String user) {
        return transactions.begin(user);
    }

    public TransactionState commit(String transactionId, String user) {
        return transactions.commit(transactionId, user);
    }

    public TransactionState rollback(String transactionId, String user) {
        return transactions.rollback(transactionId, user);
    }

    public TransactionState transaction(String transactionId, String user) {
        return transactions.status(transactionId, user);
    }

    /** Loads {@code csv} (a header row of column names, then rows) into {@code table}, atomically per batch. */
    public ImportResult importCsv(String table, Reader csv) {
        return importer.importCsv(table, csv);
    }
}
