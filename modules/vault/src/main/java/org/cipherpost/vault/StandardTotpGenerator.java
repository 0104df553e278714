package org.cipherpost.vault;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cipherpost.crypto.SecretBytes;

/**
 * RFC 6238 TOTP on top of the RFC 4226 HOTP truncation.
 *
 * <pre>
 * T    = floor(unix seconds / period)                    (T0 = 0)
 * HS   = HMAC-alg(secret, T as 8 bytes big-endian)
 * o    = HS[last] &amp; 0x0f
 * code = (HS[o..o+3] as big-endian int &amp; 0x7fffffff) mod 10^digits, zero-padded
 * </pre>
 */
final class StandardTotpGenerator implements TotpGenerator {
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000};

    private final OtpAuth otpAuth;

    /**
     * Creates a generator.
     *
     * @param otpAuth parsed URI whose secret and parameters are used
     */
    StandardTotpGenerator(final OtpAuth otpAuth) {
        this.otpAuth = otpAuth;
    }

    @Override
    public TotpCode generate(final Instant instant) throws GeneralSecurityException {
        Objects.requireNonNull(instant, "Instant required");
        final long seconds = instant.getEpochSecond();
        if (seconds < 0) {
            throw new IllegalArgumentException("Instant [%s] before Unix epoch".formatted(instant));
        }
        final int period = otpAuth.period();
        final long counter = seconds / period;
        final int remaining = (int) (period - seconds % period);
        final Instant expiresAt = Instant.ofEpochSecond(Math.multiplyExact(counter + 1, (long) period));
        return new TotpCode(SecretBytes.wrap(code(counter)), counter, remaining, expiresAt);
    }

    /**
     * Computes the HOTP value for a counter.
     *
     * @param counter moving factor
     * @return ASCII digits owned by the caller
     * @throws GeneralSecurityException when the HMAC is not available or rejects the key
     */
    byte[] code(final long counter) throws GeneralSecurityException {
        final String macName = otpAuth.algorithm().macName();
        final Mac mac = Mac.getInstance(macName);
        mac.init(new SecretKeySpec(otpAuth.secretBytes(), macName));
        final byte[] message = new byte[8];
        for (int i = 7, shifted = 0; i >= 0; i--, shifted += 8) {
            message[i] = (byte) (counter >>> shifted);
        }
        final byte[] hash = mac.doFinal(message);
        try {
            final int offset = hash[hash.length - 1] & 0x0f;
            final int binary = (hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16
                    | (hash[offset + 2] & 0xff) << 8 | hash[offset + 3] & 0xff;
            int value = binary % POWERS_OF_TEN[otpAuth.digits()];
            final byte[] digits = new byte[otpAuth.digits()];
            for (int i = digits.length - 1; i >= 0; i--) {
                digits[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            return digits;
        } finally {
            Arrays.fill(hash, (byte) 0);
            mac.reset();
        }
    }
}
