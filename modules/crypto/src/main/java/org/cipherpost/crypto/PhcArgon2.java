package org.cipherpost.crypto;

import java.io.IOException;
import java.util.Base64;
import java.util.Objects;

/**
 * Argon2id parameters and salt in PHC string form: {@code $argon2id$v=19$m=65536,t=3,p=1$<salt>[$<hash>]}.
 *
 * <p>The salt and hash use the PHC "B64" encoding: standard Base64 alphabet without padding.
 *
 * @param params Argon2id cost parameters
 * @param salt salt bytes
 * @param hasHash whether the string carried a hash segment (cipherpost v1 writes one; we never do)
 */
public record PhcArgon2(Argon2Params params, byte[] salt, boolean hasHash) {
    /** Smallest salt accepted, in bytes. */
    static final int MINIMUM_SALT = 8;

    /** Largest salt accepted, in bytes. */
    static final int MAXIMUM_SALT = 64;

    /** Longest PHC string accepted. */
    static final int MAXIMUM_LENGTH = 512;

    private static final String PREFIX = "$argon2id$v=19$";

    /**
     * Validates the components.
     *
     * @param params Argon2id cost parameters
     * @param salt salt bytes
     * @param hasHash whether a hash segment was present
     */
    public PhcArgon2 {
        Objects.requireNonNull(params, "Argon2 parameters required");
        Objects.requireNonNull(salt, "Salt required");
        if (salt.length < MINIMUM_SALT || salt.length > MAXIMUM_SALT) {
            throw new IllegalArgumentException("Salt length [%d] outside [%d, %d]".formatted(salt.length, MINIMUM_SALT, MAXIMUM_SALT));
        }
        salt = salt.clone();
    }

    /**
     * Returns a copy of the salt.
     *
     * @return salt bytes
     */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /**
     * Encodes parameters and salt without a hash segment.
     *
     * @return PHC string
     */
    public String encode() {
        return PREFIX + "m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + Base64.getEncoder().withoutPadding().encodeToString(salt);
    }

    /**
     * Parses a PHC string for Argon2id version 19; parameters may appear in any order, once each.
     *
     * @param phc PHC string
     * @return parsed parameters and salt
     * @throws IOException when the string is not a valid Argon2id PHC string
     */
    public static PhcArgon2 parse(final String phc) throws IOException {
        Objects.requireNonNull(phc, "PHC string required");
        if (phc.length() > MAXIMUM_LENGTH || !phc.startsWith(PREFIX)) {
            throw new IOException("Not an Argon2id version 19 PHC string");
        }
        final String[] parts = phc.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IOException("PHC string has [%d] segments after the version".formatted(parts.length));
        }
        final long[] values = {-1, -1, -1};
        for (final String assignment : parts[0].split(",", -1)) {
            final int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new IOException("PHC parameter malformed");
            }
            final int index = switch (assignment.substring(0, equals)) {
                case "m" -> 0;
                case "t" -> 1;
                case "p" -> 2;
                default -> throw new IOException("PHC parameter [%s] unknown".formatted(assignment.substring(0, equals)));
            };
            if (values[index] >= 0) {
                throw new IOException("PHC parameter repeated");
            }
            values[index] = decimal(assignment.substring(equals + 1));
        }
        if (values[0] < 0 || values[1] < 0 || values[2] < 0) {
            throw new IOException("PHC string lacks one of m, t, p");
        }
        final byte[] salt = b64(parts[1]);
        final boolean hasHash = parts.length == 3;
        if (hasHash) {
            b64(parts[2]);
        }
        try {
            return new PhcArgon2(new Argon2Params((int) values[0], (int) values[1], (int) values[2]), salt, hasHash);
        } catch (final IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static long decimal(final String text) throws IOException {
        if (text.isEmpty() || text.length() > 10 || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new IOException("PHC parameter value malformed");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("PHC parameter value malformed");
            }
            value = value * 10 + (c - '0');
        }
        if (value > Integer.MAX_VALUE) {
            throw new IOException("PHC parameter value [%d] too large".formatted(value));
        }
        return value;
    }

    private static byte[] b64(final String text) throws IOException {
        if (text.isEmpty() || text.indexOf('=') >= 0) {
            throw new IOException("PHC Base64 segment malformed");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (final IllegalArgumentException e) {
            throw new IOException("PHC Base64 segment malformed", e);
        }
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PhcArgon2 that && params.equals(that.params)
                && java.util.Arrays.equals(salt, that.salt) && hasHash == that.hasHash;
    }

    @Override
    public int hashCode() {
        return 31 * params.hashCode() + java.util.Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "PhcArgon2[" + params + ", salt " + salt.length + " bytes, hash " + hasHash + "]";
    }
}
