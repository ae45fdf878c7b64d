package org.distdata.partition.boundary;

import java.sql.SQLException;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.node.NodeReplication;
import org.distdata.node.boundary.NodeBean;
import org.distdata.partition.PartitionService;
import org.distdata.partition.RowCursor;
import org.distdata.partition.TxnBranch;
import org.eclipse.microprofile.metrics.annotation.Counted;

/**
 * The partition work this node serves to other nodes: a write or a query fragment in a
 * transaction branch, the branch's commit or rollback, its two-phase commit (prepare, the
 * decision at the home partition, finish), or a linearizable read, each on a partition this
 * node leads. Other gateways' calls arrive over the node transport
 * ({@code PartitionServiceEndpoint}, which runs them on the node's worker threads, not on the
 * transport's) and enter the container here; the work itself is the node's leader service.
 * A gateway's calls to partitions its own node leads do not come through here.
 *
 * <p>Bean-managed transactions: a branch is a live Derby transaction the leader keeps across
 * calls, so the container must not start a JTA transaction around each. A
 * {@link DistDataException} ({@code NOT_LEADER}, {@code NO_QUORUM}...) is an application
 * exception (annotated so), so it reaches the endpoint as thrown and goes back to the caller
 * with its code. Each call is counted in {@code /metrics} as
 * {@code distdata_data_node_calls_total{call=...}}.
 */
@Stateless
@LocalBean
@TransactionManagement(TransactionManagementType.BEAN)
public class DataNodeBean implements PartitionService {
    private static final String CALLS = "distdata_data_node_calls";
    private static final String DESCRIPTION = "partition calls from other nodes served by this node's leaders";

    @EJB
    NodeBean nodeBean;

    @Override
    @Counted(name = CALLS, absolute = true, tags = "call=update", description = DESCRIPTION)
    public long update(TxnBranch branch, String sql, List<Object> params) throws SQLException {
        return leaders().update(branch, sql, params);
    }

    @Override
    @Counted(name = CALLS, absolute = true, tags = "call=update_batch", description = DESCRIPTION)
    public long updateBatch(TxnBranch branch, String sql, List<List<Object>> rows) throws SQLException {
        return leaders().updateBatch(branch, sql, rows);
    }

    @Override
    @Counted(name = CALLS, absolute = true, tags = "call=query", description = DESCRIPTION)
    public RowCursor query(TxnBranch branch, String sql, List<Object> params) throws SQLException {
        return leaders().query(branch, sql, params);
    }

    @Override
    @Counted(name = CALLS, absolute = true, tags = "call=read", description = DESCRIPTION)
    public RowCursor read(int partition, String sql, List<Object> params) throws SQLException {
        return leaders().read(partition, sql, params);
    }

    @Override
    @Counted(name = CALLS, absolute = true, tags = "call=commit", description = DESCRIPTION)
    public void commit(TxnBranch branch, boolean recordOutcome) throws SQLException {
        leaders().commit(branch, recordOutcome);
    }

    @Override
    @Counted(name = CALLS, absolute = true, tags = "call=rollback", description = DESCRIPTION)
    public void rollback(TxnBranch branch) {
        leaders().rollback(branch);
    }

    @Override
    @Counted(name = CALLS, absolute = true, tags = "call=prepare", description = DESCRIPTION)
    public boolean prepare(TxnBranch branch, int home) throws SQLException {
        return leaders().prepare(branch, home);
    }

    @Override
    @Counted(name = CALLS, absolute = true, tags = "call=decide", description = DESCRIPTION)
    public boolean decide(String transactionId, int home, boolean commit) throws SQLException {
        return leaders().decide(transactionId, home, commit);
    }

    @Override
    @Counted(name = CALLS, absolute = true, tags = "call=finish", description = DESCRIPTION)
    public void finish(TxnBranch branch, boolean commit) throws SQLException {
        leaders().finish(branch, commit);
    }

    /** Looked up per call: a node that is stopping answers NODE_UNAVAILABLE, which callers retry. */
    private PartitionService leaders() {
        return nodeBean.node().replication().map(NodeReplication::leaderService)
                .orElseThrow(() -> new DistDataException(ErrorCode.NODE_UNAVAILABLE,
                        "this node runs alone and serves no partition calls"));
    }
}
