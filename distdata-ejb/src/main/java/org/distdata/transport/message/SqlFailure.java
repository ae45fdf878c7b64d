package org.distdata.transport.message;

import java.util.List;
import java.util.Objects;

/**
 * A partition call failed with an {@link java.sql.SQLException}: the exception and the chain
 * of exceptions it names as next (or, when it names none, as its SQLException cause), first
 * the one thrown. SQLState, vendor code and message travel exactly, because the gateway maps
 * SQLStates to API error codes and must see what Derby said. Sent in a frame flagged
 * {@code RESPONSE | ERROR}.
 */
public record SqlFailure(List<Link> chain) {

    /** One SQLException of the chain. */
    public record Link(String sqlState, int vendorCode, String message) {
    }

    public SqlFailure {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an SQL failure holds at least one exception");
        }
        chain.forEach(link -> Objects.requireNonNull(link, "link"));
    }
}
