package org.cipherpost.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 appendix B and RFC 4226 appendix D vectors, time steps and remaining seconds. */
class TotpTest {
    private static final String SEED_SHA1 = "12345678901234567890";
    private static final String SEED_SHA256 = "12345678901234567890123456789012";
    private static final String SEED_SHA512 =
            "1234567890123456789012345678901234567890123456789012345678901234";

    @ParameterizedTest
    @CsvSource({
        "59, SHA1, 94287082", "59, SHA256, 46119246", "59, SHA512, 90693936",
        "1111111109, SHA1, 07081804", "1111111109, SHA256, 68084774", "1111111109, SHA512, 25091201",
        "1111111111, SHA1, 14050471", "1111111111, SHA256, 67062674", "1111111111, SHA512, 99943326",
        "1234567890, SHA1, 89005924", "1234567890, SHA256, 91819424", "1234567890, SHA512, 93441116",
        "2000000000, SHA1, 69279037", "2000000000, SHA256, 90698825", "2000000000, SHA512, 38618901",
        "20000000000, SHA1, 65353130", "20000000000, SHA256, 77737706", "20000000000, SHA512, 47863826",
    })
    void rfc6238AppendixB(final long seconds, final TotpAlgorithm algorithm, final String expected)
            throws GeneralSecurityException, IOException {
        final String seed = switch (algorithm) {
            case SHA1 -> SEED_SHA1;
            case SHA256 -> SEED_SHA256;
            case SHA512 -> SEED_SHA512;
        };
        final String uri = "otpauth://totp/RFC:6238?secret=" + base32(seed.getBytes(StandardCharsets.US_ASCII))
                + "&algorithm=" + algorithm + "&digits=8";
        try (SecretBytes bytes = ascii(uri); OtpAuth otp = OtpAuth.parse(bytes);
                TotpCode code = TotpGeneratorFactory.newTotpGenerator(otp).generate(Instant.ofEpochSecond(seconds))) {
            assertEquals(expected, text(code.code()));
            assertEquals(seconds / 30, code.counter());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
        "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489",
    })
    void rfc4226AppendixD(final long counter, final String expected) throws GeneralSecurityException {
        try (OtpAuth otp = otp(SEED_SHA1, TotpAlgorithm.SHA1, 6, 30)) {
            assertEquals(expected, new String(new StandardTotpGenerator(otp).code(counter), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void sixDigitsKeepLeadingZeros() throws GeneralSecurityException {
        try (OtpAuth otp = otp(SEED_SHA1, TotpAlgorithm.SHA1, 6, 30);
                TotpCode code = TotpGeneratorFactory.newTotpGenerator(otp).generate(Instant.ofEpochSecond(1111111109))) {
            assertEquals("081804", text(code.code()));
        }
    }

    @Test
    void sevenDigits() throws GeneralSecurityException {
        try (OtpAuth otp = otp(SEED_SHA1, TotpAlgorithm.SHA1, 7, 30);
                TotpCode code = TotpGeneratorFactory.newTotpGenerator(otp).generate(Instant.ofEpochSecond(59))) {
            assertEquals("4287082", text(code.code()));
        }
    }

    @Test
    void secondsRemainingAndExpiry() throws GeneralSecurityException {
        try (OtpAuth otp = otp(SEED_SHA1, TotpAlgorithm.SHA1, 6, 30)) {
            final TotpGenerator generator = TotpGeneratorFactory.newTotpGenerator(otp);
            try (TotpCode last = generator.generate(Instant.ofEpochSecond(59, 999_000_000));
                    TotpCode first = generator.generate(Instant.ofEpochSecond(60))) {
                assertEquals(1, last.secondsRemaining());
                assertEquals(Instant.ofEpochSecond(60), last.expiresAt());
                assertEquals(1, last.counter());
                assertEquals(30, first.secondsRemaining());
                assertEquals(2, first.counter());
                assertEquals(Instant.ofEpochSecond(90), first.expiresAt());
            }
        }
    }

    @Test
    void periodChangesTheTimeStep() throws GeneralSecurityException {
        try (OtpAuth otp = otp(SEED_SHA1, TotpAlgorithm.SHA1, 8, 60);
                TotpCode code = TotpGeneratorFactory.newTotpGenerator(otp).generate(Instant.ofEpochSecond(119))) {
            assertEquals(1, code.counter());
            assertEquals(1, code.secondsRemaining());
            assertEquals("94287082", text(code.code()));
        }
    }

    @Test
    void rejectsInstantsBeforeTheEpoch() {
        try (OtpAuth otp = otp(SEED_SHA1, TotpAlgorithm.SHA1, 6, 30)) {
            final TotpGenerator generator = TotpGeneratorFactory.newTotpGenerator(otp);
            assertThrows(IllegalArgumentException.class, () -> generator.generate(Instant.ofEpochSecond(-1)));
        }
    }

    @Test
    void closeWipesTheCode() throws GeneralSecurityException {
        try (OtpAuth otp = otp(SEED_SHA1, TotpAlgorithm.SHA1, 6, 30)) {
            final TotpCode code = TotpGeneratorFactory.newTotpGenerator(otp).generate(Instant.ofEpochSecond(59));
            assertFalse(code.toString().contains("287082"));
            code.close();
            assertThrows(IllegalStateException.class, code::code);
        }
    }

    @Test
    void testEncoderMatchesKnownBase32() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", base32(SEED_SHA1.getBytes(StandardCharsets.US_ASCII)));
    }

    private static OtpAuth otp(final String seed, final TotpAlgorithm algorithm, final int digits, final int period) {
        return new OtpAuth(SecretBytes.copyOf(seed.getBytes(StandardCharsets.US_ASCII)), algorithm, digits, period,
                "", "");
    }

    /** Unpadded RFC 4648 Base32, written independently of the decoder under test. */
    static String base32(final byte[] bytes) {
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        final StringBuilder out = new StringBuilder();
        for (int bit = 0; bit < bytes.length * 8; bit += 5) {
            int value = 0;
            for (int j = 0; j < 5; j++) {
                final int b = bit + j;
                final int set = b < bytes.length * 8 ? bytes[b / 8] >> (7 - b % 8) & 1 : 0;
                value = value << 1 | set;
            }
            out.append(alphabet.charAt(value));
        }
        return out.toString();
    }

    static SecretBytes ascii(final String text) {
        return SecretBytes.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(final SecretBytes secret) {
        try (secret) {
            return new String(secret.bytes(), StandardCharsets.US_ASCII);
        }
    }
}
