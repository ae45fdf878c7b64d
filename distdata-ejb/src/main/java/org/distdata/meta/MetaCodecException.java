package org.distdata.meta;

/**
 * Bytes that are not a meta command this node can read: malformed, truncated, or written by
 * a newer format version. Raised before anything is applied, so a batch holding such an
 * entry changes nothing.
 */
public final class MetaCodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MetaCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
