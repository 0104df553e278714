package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/** Point decoding, small-order and scalar checks against independent facts. */
class Edwards25519Test {
    @Test
    void curveConstantsMatchRfc8032() {
        assertEquals(Edwards25519.D,
                new BigInteger("37095705934669439343138083508754565189542113879843219016388785533085940283555"));
        assertEquals(Edwards25519.L,
                new BigInteger("7237005577332262213973186563042994240857116359379907606001950938285454250989"));
    }

    @Test
    void decodingAgreesWithBouncyCastle() {
        final SecureRandom random = new SecureRandom();
        int valid = 0;
        for (int i = 0; i < 400; i++) {
            final byte[] encoded = new byte[32];
            random.nextBytes(encoded);
            encoded[31] &= 0x7f;
            final boolean ours = Edwards25519.decodes(encoded) && !Edwards25519.smallOrder(encoded);
            assertEquals(org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartial(encoded, 0), ours,
                    Hashes.hex(encoded));
            valid += ours ? 1 : 0;
        }
        assertTrue(valid > 100 && valid < 300, "about half of all y decode: " + valid);
    }

    @Test
    void xZeroWithSignBitDoesNotDecode() {
        final byte[] identity = new byte[32];
        identity[0] = 1;
        assertTrue(Edwards25519.decodes(identity));
        identity[31] = (byte) 0x80;
        assertFalse(Edwards25519.decodes(identity));
    }

    @Test
    void smallOrderPointsGiveZeroX25519Secrets() {
        final byte[] scalar = new byte[32];
        new SecureRandom().nextBytes(scalar);
        int checked = 0;
        for (final BigInteger y : smallOrderY()) {
            final byte[] encoded = Ed25519Test.toLittleEndian(y);
            assertTrue(Edwards25519.decodes(encoded), y.toString(16));
            assertTrue(Edwards25519.smallOrder(encoded), y.toString(16));
            if (y.equals(BigInteger.ONE)) {
                continue;
            }
            final BigInteger p = Edwards25519.P;
            final BigInteger u = BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).modInverse(p)).mod(p);
            final byte[] shared = new byte[32];
            assertFalse(X25519.calculateAgreement(scalar, 0, Ed25519Test.toLittleEndian(u), 0, shared, 0),
                    "X25519 with a small-order u must be all zero: " + y.toString(16));
            checked++;
        }
        assertEquals(4, checked);
    }

    @Test
    void scalarCanonicalBoundary() {
        final byte[] below = Ed25519Test.toLittleEndian(Edwards25519.L.subtract(BigInteger.ONE));
        final byte[] at = Ed25519Test.toLittleEndian(Edwards25519.L);
        assertTrue(Edwards25519.canonicalScalar(below, 0));
        assertFalse(Edwards25519.canonicalScalar(at, 0));
        final byte[] padded = new byte[40];
        System.arraycopy(at, 0, padded, 8, 32);
        assertFalse(Edwards25519.canonicalScalar(padded, 8));
        Arrays.fill(padded, (byte) 0);
        assertTrue(Edwards25519.canonicalScalar(padded, 8));
    }

    private static BigInteger[] smallOrderY() {
        final BigInteger p = Edwards25519.P;
        return new BigInteger[] {
            BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE),
            new BigInteger("05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826", 16),
            new BigInteger("7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7", 16),
        };
    }
}
