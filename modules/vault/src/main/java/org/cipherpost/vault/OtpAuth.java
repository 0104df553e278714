package org.cipherpost.vault;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Destroyable;
import org.cipherpost.crypto.SecretBytes;

/**
 * A parsed {@code otpauth://totp/} URI: the TOTP secret (kept in a {@link SecretBytes}) and its parameters.
 *
 * <pre>
 * otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&amp;issuer=ISSUER&amp;algorithm=SHA1&amp;digits=6&amp;period=30
 * </pre>
 *
 * Counter-based {@code otpauth://hotp/} URIs are refused: using one needs the counter stored back after every
 * code, which a read-only lookup cannot do safely. Close the instance to wipe the secret.
 */
public final class OtpAuth implements Destroyable, AutoCloseable {
    /** Digits when the URI names none. */
    public static final int DEFAULT_DIGITS = 6;

    /** Period in seconds when the URI names none. */
    public static final int DEFAULT_PERIOD = 30;

    private final SecretBytes secret;
    private final TotpAlgorithm algorithm;
    private final int digits;
    private final int period;
    private final String issuer;
    private final String account;

    /**
     * Creates an instance that owns the secret.
     *
     * @param secret decoded shared secret, not empty
     * @param algorithm HMAC algorithm
     * @param digits code length, 6 to 8
     * @param period seconds per code, at least 1
     * @param issuer issuer, empty when unknown
     * @param account account name from the label, possibly empty
     */
    OtpAuth(final SecretBytes secret, final TotpAlgorithm algorithm, final int digits, final int period,
            final String issuer, final String account) {
        this.secret = Objects.requireNonNull(secret, "Secret required");
        this.algorithm = Objects.requireNonNull(algorithm, "Algorithm required");
        this.digits = digits;
        this.period = period;
        this.issuer = Objects.requireNonNull(issuer, "Issuer required");
        this.account = Objects.requireNonNull(account, "Account required");
    }

    /**
     * Parses an {@code otpauth://totp/} URI, such as the value of an entry's {@code otpauth} field.
     *
     * @param uri URI bytes (ASCII); read, not kept: the caller still closes the holder
     * @return parsed URI holding its own copy of the secret
     * @throws IOException when the URI is not a valid TOTP URI; the message never contains the secret
     */
    public static OtpAuth parse(final SecretBytes uri) throws IOException {
        Objects.requireNonNull(uri, "OTP Auth URI required");
        return OtpAuthParser.parse(uri.bytes());
    }

    /**
     * Returns a copy of the decoded shared secret that the caller owns and must close.
     *
     * @return secret bytes
     */
    public SecretBytes secret() {
        return SecretBytes.copyOf(secret.bytes());
    }

    /**
     * Returns the live secret bytes.
     *
     * @return secret bytes
     */
    byte[] secretBytes() {
        return secret.bytes();
    }

    /**
     * Returns the HMAC algorithm.
     *
     * @return algorithm, SHA1 by default
     */
    public TotpAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Returns the number of digits in a code.
     *
     * @return 6, 7 or 8
     */
    public int digits() {
        return digits;
    }

    /**
     * Returns how many seconds one code is valid.
     *
     * @return period in seconds, 30 by default
     */
    public int period() {
        return period;
    }

    /**
     * Returns the issuer: the {@code issuer} parameter, else the label's part before a colon.
     *
     * @return issuer, or empty
     */
    public Optional<String> issuer() {
        return issuer.isEmpty() ? Optional.empty() : Optional.of(issuer);
    }

    /**
     * Returns the account name: the label after an optional {@code ISSUER:} prefix.
     *
     * @return account name, possibly empty
     */
    public String account() {
        return account;
    }

    @Override
    public void destroy() {
        secret.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return secret.isDestroyed();
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "OtpAuth[totp, %s, %d digits, %d s%s]".formatted(algorithm, digits, period,
                isDestroyed() ? ", destroyed" : "");
    }
}
