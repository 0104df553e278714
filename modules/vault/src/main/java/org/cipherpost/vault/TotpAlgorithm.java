package org.cipherpost.vault;

import java.util.Locale;
import java.util.Optional;

/** HMAC algorithms an {@code otpauth://totp} URI may name (RFC 6238); SHA1 is the default. */
public enum TotpAlgorithm {
    /** HMAC-SHA-1, the default and by far the most common. */
    SHA1("HmacSHA1"),
    /** HMAC-SHA-256. */
    SHA256("HmacSHA256"),
    /** HMAC-SHA-512. */
    SHA512("HmacSHA512");

    private final String macName;

    TotpAlgorithm(final String macName) {
        this.macName = macName;
    }

    /**
     * Returns the JCA name of the HMAC.
     *
     * @return MAC algorithm name
     */
    String macName() {
        return macName;
    }

    /**
     * Finds the algorithm for a URI parameter value, ignoring case and an optional hyphen ({@code SHA-256}).
     *
     * @param value parameter value
     * @return algorithm, or empty when not supported
     */
    static Optional<TotpAlgorithm> fromParameter(final String value) {
        final String normalized = value.toUpperCase(Locale.ROOT).replace("-", "");
        for (final TotpAlgorithm algorithm : values()) {
            if (algorithm.name().equals(normalized)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
