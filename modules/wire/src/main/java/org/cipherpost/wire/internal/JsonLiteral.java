package org.cipherpost.wire.internal;

/** The JSON literals {@code true}, {@code false} and {@code null}. */
public enum JsonLiteral implements JsonValue {
    /** {@code true}. */
    TRUE,
    /** {@code false}. */
    FALSE,
    /** {@code null}. */
    NULL;

    @Override
    public void wipe() {
        // nothing secret
    }
}
