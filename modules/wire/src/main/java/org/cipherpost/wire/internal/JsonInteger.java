package org.cipherpost.wire.internal;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A JSON number without fraction or exponent, kept exactly.
 *
 * @param value the integer
 */
public record JsonInteger(BigInteger value) implements JsonValue {
    /**
     * Creates an integer value.
     *
     * @param value the integer
     */
    public JsonInteger {
        Objects.requireNonNull(value, "Integer value required");
    }

    @Override
    public void wipe() {
        // nothing secret
    }
}
