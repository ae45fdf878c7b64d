package org.distdata.load;

/** Outcome of a bulk import: rows loaded and wall time. */
public record ImportResult(long rowsImported, double elapsedMs) {
}
