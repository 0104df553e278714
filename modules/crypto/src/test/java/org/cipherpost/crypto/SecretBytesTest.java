package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** SecretBytes never prints its content and zeroes it on close. */
class SecretBytesTest {
    @Test
    void toStringRevealsOnlyTheLength() {
        final byte[] content = "hunter2-passphrase".getBytes(StandardCharsets.UTF_8);
        try (SecretBytes secret = SecretBytes.copyOf(content)) {
            final String text = secret.toString();
            assertEquals("SecretBytes[18 bytes]", text);
            assertFalse(text.contains("hunter2"));
            assertFalse(text.contains(Hashes.hex(content)));
            assertFalse(text.contains(Arrays.toString(content)));
            assertFalse(String.valueOf(secret).contains("hunter2"));
        }
    }

    @Test
    void closeZeroesTheBackingArray() {
        final byte[] owned = {1, 2, 3, 4, 5, 6, 7, 8};
        final SecretBytes secret = SecretBytes.wrap(owned);
        final byte[] live = secret.bytes();
        assertFalse(secret.isDestroyed());
        secret.close();
        assertTrue(secret.isDestroyed());
        assertArrayEquals(new byte[8], live);
        assertArrayEquals(new byte[8], owned);
        assertThrows(IllegalStateException.class, secret::bytes);
        assertThrows(IllegalStateException.class, secret::copy);
        assertEquals("SecretBytes[8 bytes, destroyed]", secret.toString());
    }

    @Test
    void copiesAreIndependent() {
        final byte[] source = {9, 9, 9};
        try (SecretBytes secret = SecretBytes.copyOf(source)) {
            source[0] = 0;
            assertEquals(9, secret.bytes()[0]);
            final byte[] copy = secret.copy();
            copy[1] = 0;
            assertEquals(9, secret.bytes()[1]);
        }
        assertArrayEquals(new byte[] {0, 9, 9}, source);
    }

    @Test
    void fromCharsEncodesUtf8() {
        try (SecretBytes secret = SecretBytes.fromChars("pässwörd".toCharArray())) {
            assertArrayEquals("pässwörd".getBytes(StandardCharsets.UTF_8), secret.bytes());
        }
        assertThrows(IllegalArgumentException.class, () -> SecretBytes.fromChars(new char[] {'\ud800'}));
    }
}
