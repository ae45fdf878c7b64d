package org.distdata.replication;

import java.util.concurrent.CompletableFuture;

import org.distdata.raft.ReadMode;

/** The {@link RaftGroups} of a running {@link RaftHost}. */
public final class HostGroups implements RaftGroups {

    private final long self;
    private final RaftHost host;

    public HostGroups(long self, RaftHost host) {
        this.self = self;
        this.host = host;
    }

    @Override
    public CompletableFuture<Long> propose(long group, byte[] command) {
        return host.propose(group, command);
    }

    @Override
    public CompletableFuture<Long> read(long group, ReadMode mode) {
        return host.read(group, mode);
    }

    @Override
    public long leader(long group) {
        return host.leader(group);
    }

    @Override
    public long self() {
        return self;
    }
}
