package org.distdata.meta;

import java.util.Objects;

/**
 * A {@link MetaCommand} as proposed to the meta group: the command and an id chosen by the
 * proposing node, by which that node learns the outcome of its own command when it is
 * applied (whether it was refused, whether its "first admin" won). Ids mean nothing to
 * other nodes.
 */
public record MetaProposal(long id, MetaCommand command) {
    public MetaProposal {
        Objects.requireNonNull(command, "command");
    }
}
