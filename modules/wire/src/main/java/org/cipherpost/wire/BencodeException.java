package org.cipherpost.wire;

import java.io.IOException;

/**
 * Malformed or unexpected bencoded data; carries the input offset where decoding failed, when known.
 */
public final class BencodeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Offset value meaning the failure is not tied to an input position. */
    public static final int NO_OFFSET = -1;

    /** Input offset of the failure, or {@link #NO_OFFSET}. */
    private final int offset;

    /**
     * Creates an exception tied to an input offset.
     *
     * @param message description of the problem
     * @param offset input offset of the failure
     */
    public BencodeException(final String message, final int offset) {
        super(String.format("%s at offset [%d]", message, offset));
        this.offset = offset;
    }

    /**
     * Creates an exception not tied to an input offset (such as a missing dictionary key).
     *
     * @param message description of the problem
     */
    public BencodeException(final String message) {
        super(message);
        this.offset = NO_OFFSET;
    }

    /**
     * Returns the input offset of the failure.
     *
     * @return offset, or {@link #NO_OFFSET}
     */
    public int offset() {
        return offset;
    }
}
