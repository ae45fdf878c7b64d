package org.distdata.meta;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;

/**
 * What applying one meta command decided: accepted (its effect, possibly none, is stored), or
 * refused with an error code and reason because the state it met forbids it (a name taken,
 * the last admin). A refusal is deterministic — every node refuses the same entry — and
 * changes nothing; the proposing node turns it into the same error a local check gave before.
 */
public record MetaOutcome(ErrorCode refusal, String reason) {
    public static final MetaOutcome ACCEPTED = new MetaOutcome(null, null);

    public static MetaOutcome refused(ErrorCode code, String reason) {
        return new MetaOutcome(code, reason);
    }

    public boolean accepted() {
        return refusal == null;
    }

    /** Throws the refusal as the client-facing exception; does nothing when accepted. */
    public void throwIfRefused() {
        if (refusal != null) {
            throw new DistDataException(refusal, reason);
        }
    }
}
