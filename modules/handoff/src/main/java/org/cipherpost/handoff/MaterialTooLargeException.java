package org.cipherpost.handoff;

import java.io.IOException;
import java.io.Serial;

/** Material over the plaintext cap; nothing was published. */
public final class MaterialTooLargeException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    /**
     * Creates the exception.
     *
     * @param size material size in bytes
     * @param limit cap in bytes
     */
    public MaterialTooLargeException(final long size, final long limit) {
        super(String.format("Material size [%d] bytes greater than maximum [%d]", size, limit));
        this.size = size;
        this.limit = limit;
    }

    /**
     * Returns the material size.
     *
     * @return bytes
     */
    public long size() {
        return size;
    }

    /**
     * Returns the cap.
     *
     * @return bytes
     */
    public long limit() {
        return limit;
    }
}
