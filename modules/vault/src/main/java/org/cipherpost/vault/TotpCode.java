package org.cipherpost.vault;

import java.time.Instant;
import java.util.Objects;
import javax.security.auth.Destroyable;
import org.cipherpost.crypto.SecretBytes;

/** One time-based code with its time step and how long it stays valid; close it to wipe the digits. */
public final class TotpCode implements Destroyable, AutoCloseable {
    private final SecretBytes code;
    private final long counter;
    private final int secondsRemaining;
    private final Instant expiresAt;

    /**
     * Creates a code that owns its digits.
     *
     * @param code ASCII digits
     * @param counter time step the code belongs to
     * @param secondsRemaining seconds until the next time step, from 1 to the period
     * @param expiresAt start of the next time step
     */
    TotpCode(final SecretBytes code, final long counter, final int secondsRemaining, final Instant expiresAt) {
        this.code = Objects.requireNonNull(code, "Code required");
        this.counter = counter;
        this.secondsRemaining = secondsRemaining;
        this.expiresAt = Objects.requireNonNull(expiresAt, "Expiry required");
    }

    /**
     * Returns a copy of the code's ASCII digits, zero-padded, that the caller owns and must close.
     *
     * @return code digits
     */
    public SecretBytes code() {
        return SecretBytes.copyOf(code.bytes());
    }

    /**
     * Returns the RFC 6238 time step: whole periods since the Unix epoch.
     *
     * @return counter
     */
    public long counter() {
        return counter;
    }

    /**
     * Returns the whole seconds left before the next code, counted from the instant the code was made for.
     *
     * @return seconds, from 1 to the period
     */
    public int secondsRemaining() {
        return secondsRemaining;
    }

    /**
     * Returns the instant the next code takes over.
     *
     * @return expiry instant
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public void destroy() {
        code.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return code.isDestroyed();
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "TotpCode[%d digits, %d s remaining%s]".formatted(code.length(), secondsRemaining,
                isDestroyed() ? ", destroyed" : "");
    }
}
