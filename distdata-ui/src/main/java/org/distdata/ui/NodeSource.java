package org.distdata.ui;

import org.distdata.node.Node;

/**
 * Where the console's views find the running node. In the container it is the node the
 * startup bean opened ({@link ContainerNodeSource}); tests hand in a node opened on a
 * temporary directory.
 */
@FunctionalInterface
public interface NodeSource {

    Node node();
}
