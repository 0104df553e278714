package org.cipherpost.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PublicKeysTest {
    /** From pubky/pkarr keys.rs tests: this z-base-32 text and these key bytes. */
    private static final String PKARR_Z32 = "yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5no";
    private static final byte[] PKARR_KEY = bytes(1, 180, 103, 163, 183, 145, 58, 178, 122, 4, 168, 237, 242, 243,
            251, 7, 76, 254, 14, 207, 75, 171, 225, 8, 214, 123, 227, 133, 59, 15, 38, 197);

    private static byte[] bytes(final int... values) {
        final byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void parsesPkarrVector() throws IOException {
        assertArrayEquals(PKARR_KEY, PublicKeys.parseZ32(PKARR_Z32));
        assertArrayEquals(PKARR_KEY, PublicKeys.parseZ32("pk:" + PKARR_Z32));
        assertArrayEquals(PKARR_KEY, PublicKeys.parseZ32("PK:" + PKARR_Z32.toUpperCase(Locale.ROOT)));
        assertArrayEquals(PKARR_KEY, PublicKeys.parseZ32(" " + PKARR_Z32 + "\n"));
        assertEquals(PKARR_Z32, PublicKeys.toZ32(PKARR_KEY));
        assertEquals("pk:" + PKARR_Z32, PublicKeys.toUri(PKARR_KEY));
    }

    @Test
    void roundTripsRandomKeys() throws IOException {
        final Random random = new Random(52);
        for (int i = 0; i < 500; i++) {
            final byte[] key = new byte[32];
            random.nextBytes(key);
            final String z32 = PublicKeys.toZ32(key);
            assertEquals(52, z32.length());
            assertArrayEquals(key, PublicKeys.parseZ32(z32));
        }
    }

    @Test
    void rejectsWrongLength() {
        final IOException shorter = assertThrows(IOException.class,
                () -> PublicKeys.parseZ32(PKARR_Z32.substring(1)));
        assertEquals("Public key length [51] not equal to required [52] characters", shorter.getMessage());
        assertThrows(IOException.class, () -> PublicKeys.parseZ32(PKARR_Z32 + "y"));
        assertThrows(IOException.class, () -> PublicKeys.parseZ32("pk:"));
        assertThrows(IOException.class, () -> PublicKeys.parseZ32("pk:pk:" + PKARR_Z32.substring(3)));
    }

    @Test
    void rejectsBadCharacters() {
        final String withZero = "0" + PKARR_Z32.substring(1);
        assertTrue(assertThrows(IOException.class, () -> PublicKeys.parseZ32(withZero)).getMessage()
                .contains("Character [0] at position [0]"));
        assertThrows(IOException.class, () -> PublicKeys.parseZ32("l" + PKARR_Z32.substring(1)));
        assertThrows(IOException.class, () -> PublicKeys.parseZ32("v" + PKARR_Z32.substring(1)));
        assertThrows(IOException.class, () -> PublicKeys.parseZ32("2" + PKARR_Z32.substring(1)));
    }

    @Test
    void rejectsNonZeroTrailingBits() {
        // The last character carries 1 key bit and 4 padding bits: only 'y' (0) and 'o' (16) are canonical.
        final String prefix = PKARR_Z32.substring(0, 51);
        for (int value = 0; value < 32; value++) {
            final String candidate = prefix + ZBase32.ALPHABET.charAt(value);
            if (value == 0 || value == 16) {
                continue;
            }
            assertThrows(IOException.class, () -> PublicKeys.parseZ32(candidate), candidate);
        }
    }

    @Test
    void rejectsWrongKeyLengthOnEncode() {
        assertThrows(IllegalArgumentException.class, () -> PublicKeys.toZ32(new byte[31]));
    }
}
