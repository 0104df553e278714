package org.cipherpost.plugin.yubikey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.cipherpost.api.AgeStanza;
import org.junit.jupiter.api.Test;

/** The stanza format on a software P-256 key, checked against the README's recipe written out step by step. */
class PivWrapTest {
    @Test
    void hkdfMatchesRfc5869TestCase1() throws Exception {
        final HexFormat hex = HexFormat.of();
        final byte[] okm = Hkdf.derive(hex.parseHex("000102030405060708090a0b0c"), hex.parseHex("0b".repeat(22)),
                hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 32);
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf", hex.formatHex(okm));
    }

    @Test
    void stanzaFollowsTheReadmeRecipe() throws Exception {
        final KeyPair device = generate();
        final byte[] recipient = point(device);
        final byte[] fileKey = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        final AgeStanza stanza = PivWrap.wrap(recipient, fileKey);

        final byte[] tag = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(recipient), 4);
        assertEquals(PivWrap.encode(tag), stanza.arguments().get(0));
        final byte[] ephemeral = PivWrap.decode(stanza.arguments().get(1));
        assertEquals(65, ephemeral.length);

        final byte[] shared = softwareAgreement(device).agree(ephemeral);
        final byte[] salt = new byte[130];
        System.arraycopy(ephemeral, 0, salt, 0, 65);
        System.arraycopy(recipient, 0, salt, 65, 65);
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        final byte[] prk = mac.doFinal(shared);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update("cipherpost/v1/piv-wrap".getBytes(StandardCharsets.US_ASCII));
        final byte[] wrapKey = mac.doFinal(new byte[] {1});
        final Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(wrapKey, "ChaCha20"), new IvParameterSpec(new byte[12]));
        assertArrayEquals(fileKey, cipher.doFinal(stanza.body()));

        assertArrayEquals(fileKey, PivWrap.unwrap(recipient, stanza, softwareAgreement(device)));
    }

    @Test
    void otherKeyCannotUnwrap() throws Exception {
        final KeyPair device = generate();
        final KeyPair thief = generate();
        final AgeStanza stanza = PivWrap.wrap(point(device), new byte[16]);
        assertThrows(GeneralSecurityException.class,
                () -> PivWrap.unwrap(point(device), stanza, softwareAgreement(thief)));
    }

    @Test
    void pointsChecked() throws Exception {
        final byte[] good = point(generate());
        assertArrayEquals(good, P256.check(good));
        final byte[] off = good.clone();
        off[40] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> P256.check(off));
        final byte[] compressed = Arrays.copyOf(good, 33);
        compressed[0] = 2;
        assertThrows(GeneralSecurityException.class, () -> P256.check(compressed));
        assertThrows(GeneralSecurityException.class, () -> P256.check(new byte[65]));
        assertThrows(GeneralSecurityException.class, () -> PivWrap.decode("AAAA="));
        assertThrows(GeneralSecurityException.class, () -> PivWrap.decode("AB"));
    }

    private static KeyPair generate() throws GeneralSecurityException {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static byte[] point(final KeyPair pair) {
        final ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
        return P256.encode(w.getAffineX(), w.getAffineY());
    }

    private static CardAgreement softwareAgreement(final KeyPair pair) {
        return peer -> {
            final ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(peer, 1, 33)),
                    new BigInteger(1, Arrays.copyOfRange(peer, 33, 65)));
            final KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(pair.getPrivate());
            agreement.doPhase(KeyFactory.getInstance("EC").generatePublic(
                    new ECPublicKeySpec(w, ((ECPublicKey) pair.getPublic()).getParams())), true);
            return agreement.generateSecret();
        };
    }
}
