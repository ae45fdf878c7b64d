package org.distdata.meta;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The last log index of a Raft group whose commands this metadata database holds. Written in
 * the same transaction as the commands it covers, so after a crash the state machine knows
 * exactly which entries to skip on replay. Keyed by the group id as text: EclipseLink takes a
 * numeric key of 0 (the meta group's id) for an unset one.
 */
@Entity
@Table(name = "DD_APPLIED_INDEX")
public class AppliedIndex {
    @Id
    @Column(name = "GROUP_ID", length = 20)
    private String group;

    @Column(name = "APPLIED_INDEX", nullable = false)
    private long index;

    protected AppliedIndex() {
    }

    public AppliedIndex(long group, long index) {
        this.group = Long.toString(group);
        this.index = index;
    }

    public long group() {
        return Long.parseLong(group);
    }

    public long index() {
        return index;
    }

    public void index(long index) {
        this.index = index;
    }
}
