package org.distdata.replication.partition;

/**
 * Names one proposal cluster-wide: the proposing node, a random number drawn when that node
 * started (so ids never repeat across restarts) and a sequence number.
 */
public record ProposalId(long node, long incarnation, long sequence) {

    @Override
    public String toString() {
        return node + "/" + Long.toHexString(incarnation) + "/" + sequence;
    }
}
