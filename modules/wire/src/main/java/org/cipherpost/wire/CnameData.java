package org.cipherpost.wire;

import java.util.Objects;

/**
 * CNAME record data: the canonical name, written without the final dot (it is always absolute).
 *
 * @param target canonical name such as {@code example.com}
 */
public record CnameData(String target) implements RecordData {
    /** IANA type code of CNAME. */
    public static final int TYPE = 5;

    /**
     * Checks the target is present.
     *
     * @param target canonical name
     */
    public CnameData {
        Objects.requireNonNull(target, "CNAME target required");
    }

    @Override
    public int type() {
        return TYPE;
    }
}
