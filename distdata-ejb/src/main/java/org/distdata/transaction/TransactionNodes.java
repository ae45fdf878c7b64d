package org.distdata.transaction;

import java.util.Optional;

/** What the transaction registry needs to know of the other nodes: where they are and whether they are up. */
public interface TransactionNodes {

    /** The base URL of the HTTP API of the node named {@code nodeName}, when it announced one. */
    Optional<String> apiUrl(String nodeName);

    /** Whether {@code nodeName} is a member of the cluster. */
    boolean isMember(String nodeName);

    /** Whether {@code nodeName} is up as far as this node can tell. */
    boolean isUp(String nodeName);
}
