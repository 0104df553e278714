package org.cipherpost.handoff;

import java.io.Serial;
import java.security.GeneralSecurityException;
import java.util.Objects;

/** A PIN refused at send; the message never says why (the reason is for tests), and nothing was published. */
public final class WeakPinException extends GeneralSecurityException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why a PIN is refused. */
    public enum Reason {
        /** Fewer than 8 characters. */
        TOO_SHORT,
        /** One character repeated. */
        ALL_SAME,
        /** Each character one above, or one below, the previous one. */
        MONOTONIC,
        /** A well-known PIN. */
        BLOCKLISTED
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the PIN is refused
     */
    public WeakPinException(final Reason reason) {
        super("PIN does not meet entropy requirements");
        this.reason = Objects.requireNonNull(reason, "Reason required");
    }

    /**
     * Returns why the PIN was refused, for tests; never shown to users.
     *
     * @return reason
     */
    public Reason reason() {
        return reason;
    }
}
