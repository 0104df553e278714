package org.cipherpost.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZBase32Test {

    /** Vectors produced by the npm {@code z32} 1.1.0 package (pkarr's encoder). */
    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({"'',''", "f,ca", "fo,c3zo", "foo,c3zs6", "foob,c3zs6ao", "fooba,c3zs6aub", "foobar,c3zs6aubqe",
        "hello world,pb1sa5dxrb5s6hucco"})
    void matchesReferenceEncoder(final String text, final String expected) throws IOException {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertEquals(expected, ZBase32.encode(bytes));
        assertArrayEquals(bytes, ZBase32.decode(expected));
    }

    @Test
    void encodesEdgeBytes() throws IOException {
        assertEquals("9h", ZBase32.encode(new byte[] {(byte) 0xff}));
        assertEquals("y".repeat(52), ZBase32.encode(new byte[32]));
        final byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertEquals("9".repeat(51) + "o", ZBase32.encode(ones));
        assertArrayEquals(ones, ZBase32.decode("9".repeat(51) + "O"));
    }

    @Test
    void roundTripsRandomBytes() throws IOException {
        final Random random = new Random(32);
        for (int i = 0; i < 2_000; i++) {
            final byte[] bytes = new byte[random.nextInt(70)];
            random.nextBytes(bytes);
            final String encoded = ZBase32.encode(bytes);
            assertEquals(ZBase32.encodedLength(bytes.length), encoded.length());
            assertArrayEquals(bytes, ZBase32.decode(encoded));
            assertArrayEquals(bytes, ZBase32.decode(encoded.toUpperCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    void rejectsBadText() {
        assertTrue(assertThrows(IOException.class, () -> ZBase32.decode("c")).getMessage().contains("whole bytes"));
        assertTrue(assertThrows(IOException.class, () -> ZBase32.decode("c3z")).getMessage().contains("whole bytes"));
        assertTrue(assertThrows(IOException.class, () -> ZBase32.decode("c0")).getMessage()
                .contains("Character [0] at position [1]"));
        assertThrows(IOException.class, () -> ZBase32.decode("cl"));
        assertThrows(IOException.class, () -> ZBase32.decode("cv"));
        assertThrows(IOException.class, () -> ZBase32.decode("c\u00e9"));
        // "cb": 'b' = 00010 leaves a non-zero bit after the 8 data bits.
        assertTrue(assertThrows(IOException.class, () -> ZBase32.decode("cb")).getMessage().contains("trailing bits"));
    }
}
