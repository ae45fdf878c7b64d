package org.distdata.partition.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.distdata.node.boundary.NodeBean;

/**
 * Once the node is open, routes the partition work other nodes send here through
 * {@link DataNodeBean}. A startup bean of its own, after {@link NodeBean}: the node bean
 * does not know the data node bean (the boundary packages point one way), and other nodes'
 * calls must not enter a bean whose node is still opening (ADR 0012).
 */
@Singleton
@Startup
@DependsOn("NodeBean")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class DataNodeEntry {

    @EJB
    NodeBean nodeBean;

    @EJB
    DataNodeBean dataNode;

    @PostConstruct
    void serveThroughTheDataNodeBean() {
        nodeBean.node().replication().ifPresent(r -> r.serveRemoteCallsThrough(dataNode));
    }
}
