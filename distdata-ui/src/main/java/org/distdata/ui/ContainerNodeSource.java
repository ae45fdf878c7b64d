package org.distdata.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.distdata.node.Node;
import org.distdata.node.boundary.NodeBean;

/** The node opened by the application's startup bean, offered to the console's views. */
@ApplicationScoped
public class ContainerNodeSource implements NodeSource {

    @Inject
    NodeBean nodeBean;

    @Override
    public Node node() {
        return nodeBean.node();
    }
}
