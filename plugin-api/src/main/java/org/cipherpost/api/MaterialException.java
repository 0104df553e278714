package org.cipherpost.api;

import java.io.IOException;
import java.io.Serial;
import java.util.Objects;

/**
 * Typed failure of a {@link MaterialType}: the input is not material of the type, with a short curated reason.
 *
 * <p>The message is shown to the user as is: it must never contain input bytes or a parser's internal text.
 */
public final class MaterialException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What kind of failure. */
    public enum Reason {
        /** The input does not parse as this type. */
        MALFORMED,
        /** The input is this kind of thing but in a format the type does not accept (the message says how to convert). */
        UNSUPPORTED_FORMAT,
        /** Valid material followed by extra bytes. */
        TRAILING_DATA,
        /** Valid input of another kind (e.g. a keyring of several keys where one key is expected). */
        NOT_SUPPORTED,
        /** The requested rendering does not exist for this type. */
        UNSUPPORTED_RENDERING
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason kind of failure
     * @param message curated one-line message without input bytes
     */
    public MaterialException(final Reason reason, final String message) {
        super(Objects.requireNonNull(message, "Message required"));
        this.reason = Objects.requireNonNull(reason, "Reason required");
    }

    /**
     * Returns the kind of failure.
     *
     * @return reason
     */
    public Reason reason() {
        return reason;
    }
}
