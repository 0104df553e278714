package org.cipherpost.crypto.internal.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

/** Our composed ChaCha20-Poly1305 must equal the JDK's AEAD byte for byte. */
class ChunkCipherTest {
    @Test
    void sealEqualsJdkAeadAndBothOpenEachOther() throws Exception {
        final Random random = new Random(3);
        final byte[] keyBytes = new byte[32];
        random.nextBytes(keyBytes);
        final PayloadKey key = new PayloadKey(keyBytes);
        try (ChunkCipher ours = new StandardChunkCipher(key); ChunkCipher jdk = new JcaChunkCipher(key)) {
            for (final int length : new int[] {0, 1, 15, 16, 17, 63, 64, 65, 1000, 65535, 65536}) {
                final byte[] plaintext = new byte[length];
                random.nextBytes(plaintext);
                final long counter = random.nextInt(1000);
                final boolean last = length % 2 == 0;
                final byte[] sealedOurs = new byte[length + 16];
                final byte[] sealedJdk = new byte[length + 16];
                assertEquals(length + 16, ours.seal(plaintext, 0, length, sealedOurs, 0, counter, last));
                jdk.seal(plaintext, 0, length, sealedJdk, 0, counter, last);
                assertArrayEquals(sealedJdk, sealedOurs, "length " + length);

                final byte[] opened = new byte[length];
                assertEquals(length, ours.open(sealedJdk, 0, sealedJdk.length, opened, 0, counter, last));
                assertArrayEquals(plaintext, opened);
                assertThrows(AEADBadTagException.class, () -> ours.open(sealedJdk, 0, sealedJdk.length, opened, 0, counter, !last));
                assertThrows(AEADBadTagException.class, () -> ours.open(sealedJdk, 0, sealedJdk.length, opened, 0, counter + 1, last));
                final byte[] tampered = sealedOurs.clone();
                tampered[tampered.length - 1] ^= 1;
                assertThrows(AEADBadTagException.class, () -> ours.open(tampered, 0, tampered.length, opened, 0, counter, last));
            }
        }
    }

    @Test
    void openWritesNothingWhenTheTagFails() throws Exception {
        final PayloadKey key = new PayloadKey(new byte[32]);
        try (ChunkCipher ours = new StandardChunkCipher(key)) {
            final byte[] sealed = new byte[1016];
            ours.seal(new byte[1000], 0, 1000, sealed, 0, 0, true);
            sealed[5] ^= 1;
            final byte[] out = new byte[1000];
            Arrays.fill(out, (byte) 7);
            assertThrows(AEADBadTagException.class, () -> ours.open(sealed, 0, sealed.length, out, 0, 0, true));
            for (final byte b : out) {
                assertEquals(7, b, "no unauthenticated plaintext is released");
            }
        }
    }

    @Test
    void nonceIsBigEndianCounterThenLastFlag() {
        final byte[] nonce = ChunkCipher.nonce(0x0102030405L, true);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 1}, nonce);
        assertEquals(0, ChunkCipher.nonce(7, false)[11]);
    }
}
