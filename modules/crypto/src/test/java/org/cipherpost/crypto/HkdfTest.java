package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** HKDF-SHA256 against RFC 5869 and the Cipherpost label rule. */
class HkdfTest {
    private static final byte[] IKM = filled(22, 0x0b);

    @Test
    void rfc5869TestCase1() {
        final byte[] okm = Hkdf.raw(Hashes.unhex("000102030405060708090a0b0c"), IKM,
                Hashes.unhex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                Hashes.hex(okm));
    }

    @Test
    void rfc5869TestCase3EmptySaltAndInfo() {
        final String expected = "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8";
        assertEquals(expected, Hashes.hex(Hkdf.raw(new byte[0], IKM, new byte[0], 42)));
        assertEquals(expected, Hashes.hex(Hkdf.raw(null, IKM, new byte[0], 42)));
    }

    @Test
    void deriveUsesPrefixedLabel() {
        final byte[] salt = filled(16, 0x5a);
        try (SecretBytes ikm = SecretBytes.copyOf(IKM);
                SecretBytes pin = Hkdf.derive(salt, ikm, Hkdf.PIN, 32);
                SecretBytes kek = Hkdf.derive(salt, ikm, Hkdf.IDENTITY_KEK, 32)) {
            assertArrayEquals(Hkdf.raw(salt, IKM, "cipherpost/v1/pin".getBytes(StandardCharsets.UTF_8), 32), pin.bytes());
            assertArrayEquals(Hkdf.raw(salt, IKM, "cipherpost/v1/identity-kek".getBytes(StandardCharsets.UTF_8), 32),
                    kek.bytes());
            assertFalse(pin.contentEquals(kek));
            assertFalse(Arrays.equals(pin.bytes(), Hkdf.raw(salt, IKM, "pin".getBytes(StandardCharsets.UTF_8), 32)));
        }
    }

    @Test
    void contextsMustBeSingleNonBlankNames() {
        try (SecretBytes ikm = SecretBytes.copyOf(IKM)) {
            for (final String context : new String[] {"", " ", "\t\n", "a/b", "/", "pin/", "v2/pin"}) {
                assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(null, ikm, context, 32), context);
            }
            assertThrows(NullPointerException.class, () -> Hkdf.derive(null, ikm, null, 32));
            assertEquals("Context [a/b] must not contain '/'",
                    assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(null, ikm, "a/b", 32)).getMessage());
        }
    }

    @Test
    void lengthBounds() {
        assertEquals(8160, Hkdf.raw(null, IKM, new byte[0], 8160).length);
        assertEquals(1, Hkdf.raw(null, IKM, new byte[0], 1).length);
        assertThrows(IllegalArgumentException.class, () -> Hkdf.raw(null, IKM, new byte[0], 0));
        assertThrows(IllegalArgumentException.class, () -> Hkdf.raw(null, IKM, new byte[0], 8161));
        final byte[] longer = Hkdf.raw(null, IKM, new byte[0], 100);
        assertArrayEquals(Arrays.copyOf(longer, 42), Hkdf.raw(null, IKM, new byte[0], 42));
    }

    private static byte[] filled(final int length, final int value) {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
