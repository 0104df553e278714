package org.cipherpost.crypto.internal.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our radix-2^44 Poly1305 against RFC 8439 edge vectors and BouncyCastle. */
class Poly1305Test {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        // RFC 8439 A.3 #1: zero key, zero message
        "0000000000000000000000000000000000000000000000000000000000000000,"
                + "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000,"
                + "00000000000000000000000000000000",
        // A.3 #5: partially reduced result not fully reduced
        "0200000000000000000000000000000000000000000000000000000000000000,ffffffffffffffffffffffffffffffff,03000000000000000000000000000000",
        // A.3 #6: h + s overflows 2^128
        "02000000000000000000000000000000ffffffffffffffffffffffffffffffff,02000000000000000000000000000000,03000000000000000000000000000000",
        // A.3 #7
        "0100000000000000000000000000000000000000000000000000000000000000,"
                + "fffffffffffffffffffffffffffffffff0ffffffffffffffffffffffffffffff11000000000000000000000000000000,"
                + "05000000000000000000000000000000",
        // A.3 #8
        "0100000000000000000000000000000000000000000000000000000000000000,"
                + "fffffffffffffffffffffffffffffffffbfefefefefefefefefefefefefefefe01010101010101010101010101010101,"
                + "00000000000000000000000000000000",
        // A.3 #9
        "0200000000000000000000000000000000000000000000000000000000000000,fdffffffffffffffffffffffffffffff,faffffffffffffffffffffffffffffff"
    })
    void rfc8439EdgeVectors(final String key, final String message, final String tag) {
        assertArrayEquals(HEX.parseHex(tag), mac(HEX.parseHex(key), HEX.parseHex(message)));
    }

    @Test
    void matchesBouncyCastleOnRandomAndExtremeInputs() {
        final Random random = new Random(42);
        final org.bouncycastle.crypto.macs.Poly1305 reference = new org.bouncycastle.crypto.macs.Poly1305();
        for (int i = 0; i < 20_000; i++) {
            final byte[] key = new byte[32];
            random.nextBytes(key);
            final byte[] message = new byte[16 * random.nextInt(70)];
            random.nextBytes(message);
            if (i % 3 == 0) {
                Arrays.fill(message, (byte) 0xFF);
            }
            if (i % 5 == 0) {
                Arrays.fill(key, 0, 16, (byte) 0xFF);
            }
            if (i % 7 == 0) {
                Arrays.fill(key, 16, 32, (byte) 0xFF);
            }
            reference.init(new KeyParameter(key));
            reference.update(message, 0, message.length);
            final byte[] expected = new byte[16];
            reference.doFinal(expected, 0);
            assertArrayEquals(expected, mac(key, message), "case " + i);
        }
    }

    @Test
    void splitUpdatesGiveTheSameTag() {
        final byte[] key = new byte[32];
        final byte[] message = new byte[16 * 50];
        new Random(7).nextBytes(key);
        new Random(8).nextBytes(message);
        final Poly1305 poly = new Poly1305();
        poly.init(key, 0);
        poly.blocks(message, 0, 16 * 13);
        poly.blocks(message, 16 * 13, 16 * 37);
        final byte[] tag = new byte[16];
        poly.finish(tag, 0);
        assertArrayEquals(mac(key, message), tag);
    }

    @Test
    void pairedBlocksMatchOneBlockAtATimeAtExtremeKeys() {
        final Random random = new Random(9);
        for (int i = 0; i < 200; i++) {
            final byte[] key = new byte[32];
            random.nextBytes(key);
            if (i % 2 == 0) {
                // largest clamped r: the limbs of r^2 at their widest
                Arrays.fill(key, 0, 16, (byte) 0xFF);
            }
            final byte[] message = new byte[16 * (1 + random.nextInt(40))];
            if (i % 4 < 2) {
                Arrays.fill(message, (byte) 0xFF);
            } else {
                random.nextBytes(message);
            }
            final Poly1305 single = new Poly1305();
            single.init(key, 0);
            for (int offset = 0; offset < message.length; offset += 16) {
                single.blocks(message, offset, 16);
            }
            final byte[] tag = new byte[16];
            single.finish(tag, 0);
            assertArrayEquals(mac(key, message), tag, "case " + i);
        }
    }

    private static byte[] mac(final byte[] key, final byte[] message) {
        final Poly1305 poly = new Poly1305();
        poly.init(key, 0);
        poly.blocks(message, 0, message.length);
        final byte[] tag = new byte[16];
        poly.finish(tag, 0);
        return tag;
    }
}
