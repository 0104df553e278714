package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SHA-256 over parts and strict hexadecimal. */
class HashesTest {
    @Test
    void sha256KnownAnswers() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Hashes.hex(Hashes.sha256("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hashes.hex(Hashes.sha256()));
    }

    @Test
    void sha256HashesTheConcatenation() {
        assertArrayEquals(Hashes.sha256("abc".getBytes(StandardCharsets.US_ASCII)),
                Hashes.sha256(new byte[] {'a'}, new byte[0], new byte[] {'b', 'c'}));
        assertThrows(NullPointerException.class, () -> Hashes.sha256(new byte[1], null));
    }

    @Test
    void hexRoundTripAcceptsBothCases() {
        final byte[] bytes = {0, 1, (byte) 0xab, (byte) 0xff, 0x7f};
        assertEquals("0001abff7f", Hashes.hex(bytes));
        assertArrayEquals(bytes, Hashes.unhex("0001abff7f"));
        assertArrayEquals(bytes, Hashes.unhex("0001ABFF7F"));
        assertArrayEquals(bytes, Hashes.unhex("0001aBfF7f"));
        assertArrayEquals(new byte[0], Hashes.unhex(""));
    }

    @Test
    void unhexIsStrictAndDoesNotEchoInput() {
        assertEquals("Hexadecimal length [3] not even",
                assertThrows(IllegalArgumentException.class, () -> Hashes.unhex("abc")).getMessage());
        for (final String bad : new String[] {"0g", " 0", "0x", "+1", "\u0661\u0662", "\uff10\uff11", "00\n"}) {
            final String hex = bad.length() % 2 == 0 ? bad : bad + "0";
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hashes.unhex(hex), bad);
            assertFalse(e.getMessage().contains(hex));
        }
    }
}
