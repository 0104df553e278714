package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PhcArgon2Test {
    private static final byte[] SALT = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @Test
    void encodesWithoutHashAndParsesBack() throws IOException {
        final PhcArgon2 phc = new PhcArgon2(new Argon2Params(65536, 3, 1), SALT, false);
        final String text = phc.encode();
        assertEquals("$argon2id$v=19$m=65536,t=3,p=1$AQIDBAUGBwgJCgsMDQ4PEA", text);
        final PhcArgon2 parsed = PhcArgon2.parse(text);
        assertEquals(phc, parsed);
        assertArrayEquals(SALT, parsed.salt());
        assertFalse(parsed.hasHash());
    }

    @Test
    void acceptsV1HashSegmentAndAnyParameterOrder() throws IOException {
        final PhcArgon2 parsed = PhcArgon2.parse("$argon2id$v=19$p=2,t=4,m=32768$AQIDBAUGBwgJCgsMDQ4PEA$c2VjcmV0IGhhc2ggYnl0ZXMgaGVyZQ");
        assertEquals(new Argon2Params(32768, 4, 2), parsed.params());
        assertTrue(parsed.hasHash());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "$argon2i$v=19$m=65536,t=3,p=1$AQIDBAUGBwgJCgsMDQ4PEA",
        "$argon2id$v=16$m=65536,t=3,p=1$AQIDBAUGBwgJCgsMDQ4PEA",
        "$argon2id$v=19$m=65536,t=3$AQIDBAUGBwgJCgsMDQ4PEA",
        "$argon2id$v=19$m=65536,t=3,p=1,p=1$AQIDBAUGBwgJCgsMDQ4PEA",
        "$argon2id$v=19$m=065536,t=3,p=1$AQIDBAUGBwgJCgsMDQ4PEA",
        "$argon2id$v=19$m=65536,t=3,p=1,x=1$AQIDBAUGBwgJCgsMDQ4PEA",
        "$argon2id$v=19$m=65536,t=3,p=1$",
        "$argon2id$v=19$m=65536,t=3,p=1$AQID",
        "$argon2id$v=19$m=65536,t=3,p=1$AQIDBAUGBwgJCgsMDQ4PEA==",
        "$argon2id$v=19$m=65536,t=3,p=1$!!!!BAUGBwgJCgsMDQ4PEA",
        "$argon2id$v=19$m=99999999999,t=3,p=1$AQIDBAUGBwgJCgsMDQ4PEA",
        "$argon2id$v=19$m=4194305,t=3,p=1$AQIDBAUGBwgJCgsMDQ4PEA",
        "$argon2id$v=19$m=65536,t=0,p=1$AQIDBAUGBwgJCgsMDQ4PEA",
        "$argon2id$v=19$m=65536,t=3,p=1$AQIDBAUGBwgJCgsMDQ4PEA$aGFzaA$extra",
        "$argon2id$v=19$m=-1,t=3,p=1$AQIDBAUGBwgJCgsMDQ4PEA"
    })
    void rejectsMalformedStrings(final String text) {
        assertThrows(IOException.class, () -> PhcArgon2.parse(text));
    }

    @Test
    void rejectsOverlongStrings() {
        final String text = "$argon2id$v=19$m=65536,t=3,p=1$" + "A".repeat(600);
        assertThrows(IOException.class, () -> PhcArgon2.parse(text));
    }

    @Test
    void toStringRevealsNoSalt() {
        final String text = new PhcArgon2(Argon2Params.DEFAULT, SALT, false).toString();
        assertFalse(text.contains("AQID"));
    }
}
