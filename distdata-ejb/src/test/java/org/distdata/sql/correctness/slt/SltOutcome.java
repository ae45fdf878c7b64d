package org.distdata.sql.correctness.slt;

/**
 * What happened to one record on one engine: not run (guarded out, sampled out, after a
 * halt), passed, or failed with a one-line reason.
 */
public record SltOutcome(Status status, String detail) {
    public enum Status { NOT_RUN, PASSED, FAILED }

    public static final SltOutcome NOT_RUN = new SltOutcome(Status.NOT_RUN, null);
    public static final SltOutcome PASSED = new SltOutcome(Status.PASSED, null);

    public static SltOutcome failed(String detail) {
        return new SltOutcome(Status.FAILED, detail);
    }

    public boolean ran() {
        return status != Status.NOT_RUN;
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
