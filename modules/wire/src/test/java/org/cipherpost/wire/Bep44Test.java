package org.cipherpost.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.HexFormat;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.api.Test;

/** BEP 44 "Test vectors" section (bittorrent.org beps/bep_0044.rst) and item rules. */
class Bep44Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SPEC_KEY = HEX.parseHex("77ff84905a91936367c01360803104f92432fcd904a43511876df5cdf3e7e548");
    private static final byte[] SPEC_SIG_1 = HEX.parseHex("305ac8aeb6c9c151fa120f120ea2cfb923564e11552d06a5d856091e5e853cff"
            + "1260d3f39e4999684aa92eb73ffd136e6f4f3ecbfda0ce53a1608ecd7ae21f01");
    private static final byte[] SPEC_SIG_2 = HEX.parseHex("6834284b6b24c3204eb2fea824d82f88883a3d95e8b4a21b8c0ded553d17d17d"
            + "df9a8a7104b1258f30bed3787e6cb896fca78c58f8e03b5f18f14951a87d9a08");
    private static final BencodeBytes HELLO = BencodeBytes.utf8("Hello World!");
    private static final byte[] SALT = "foobar".getBytes(StandardCharsets.US_ASCII);

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void signableMatchesSpec() {
        final byte[] encoded = Bencode.encode(HELLO);
        assertArrayEquals(ascii("12:Hello World!"), encoded);
        assertArrayEquals(ascii("3:seqi1e1:v12:Hello World!"), Bep44.signable(null, 1, encoded));
        assertArrayEquals(ascii("3:seqi1e1:v12:Hello World!"), Bep44.signable(new byte[0], 1, encoded));
        assertArrayEquals(ascii("4:salt6:foobar3:seqi1e1:v12:Hello World!"), Bep44.signable(SALT, 1, encoded));
        assertArrayEquals(ascii("3:seqi4e1:v12:Hello world!"),
                Bep44.signable(null, 4, Bencode.encode(BencodeBytes.utf8("Hello world!"))));
    }

    @Test
    void targetsMatchSpec() {
        assertEquals("4a533d47ec9c7d95b1ad75f576cffc641853b750", HEX.formatHex(Bep44.mutableTarget(SPEC_KEY, null)));
        assertEquals("4a533d47ec9c7d95b1ad75f576cffc641853b750",
                HEX.formatHex(Bep44.mutableTarget(SPEC_KEY, new byte[0])));
        assertEquals("411eba73b6f087ca51a3795d9c8c938d365e32c1", HEX.formatHex(Bep44.mutableTarget(SPEC_KEY, SALT)));
        assertEquals("e5f96f6f38320f0f33959cb4d3d656452117aadb",
                HEX.formatHex(Bep44.immutableTarget(Bencode.encode(HELLO))));
    }

    @Test
    void verifiesSpecSignatures() throws Exception {
        final MutableItem unsalted = MutableItem.verify(SPEC_KEY, null, 1, HELLO, SPEC_SIG_1);
        assertEquals("4a533d47ec9c7d95b1ad75f576cffc641853b750", HEX.formatHex(unsalted.target()));
        final MutableItem salted = MutableItem.verify(SPEC_KEY, SALT, 1, HELLO, SPEC_SIG_2);
        assertEquals("411eba73b6f087ca51a3795d9c8c938d365e32c1", HEX.formatHex(salted.target()));
        assertArrayEquals(ascii("4:salt6:foobar3:seqi1e1:v12:Hello World!"), salted.signable());
    }

    @Test
    void rejectsChangedFields() {
        assertThrows(SignatureException.class, () -> MutableItem.verify(SPEC_KEY, null, 2, HELLO, SPEC_SIG_1));
        assertThrows(SignatureException.class, () -> MutableItem.verify(SPEC_KEY, SALT, 1, HELLO, SPEC_SIG_1));
        assertThrows(SignatureException.class, () -> MutableItem.verify(SPEC_KEY, null, 1, HELLO, SPEC_SIG_2));
        assertThrows(SignatureException.class,
                () -> MutableItem.verify(SPEC_KEY, null, 1, BencodeBytes.utf8("Hello World?"), SPEC_SIG_1));
        for (int bit = 0; bit < SPEC_SIG_1.length * 8; bit += 7) {
            final byte[] flipped = SPEC_SIG_1.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(SignatureException.class, () -> MutableItem.verify(SPEC_KEY, null, 1, HELLO, flipped));
        }
    }

    @Test
    void signsAndVerifiesOwnItems() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final BencodeValue value = BencodeDictionary.builder().put("a", 1).put("b", new byte[] {0, 1}).build();
            final MutableItem item = MutableItem.sign(seed, SALT, 7, value);
            assertArrayEquals(Ed25519.publicKey(seed), item.publicKey());
            final MutableItem again = MutableItem.verify(item.publicKey(), item.salt(), item.seq(), item.value(),
                    item.signature());
            assertEquals(7, again.seq());
            assertArrayEquals(Bencode.encode(value), again.encodedValue());
            assertArrayEquals(Bep44.mutableTarget(item.publicKey(), SALT), again.target());
        }
    }

    @Test
    void enforcesSizeRules() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            MutableItem.sign(seed, new byte[64], 0, BencodeBytes.of(new byte[1000]));
            final Bep44Exception salt = assertThrows(Bep44Exception.class,
                    () -> MutableItem.sign(seed, new byte[65], 0, HELLO));
            assertEquals(Bep44Exception.SALT_TOO_BIG, salt.code());
            assertEquals("Salt length [65] greater than maximum [64]", salt.getMessage());
            final Bep44Exception value = assertThrows(Bep44Exception.class,
                    () -> MutableItem.sign(seed, null, 0, BencodeBytes.of(new byte[1001])));
            assertEquals(Bep44Exception.VALUE_TOO_BIG, value.code());
            final BencodeList bigList = BencodeList.of(BencodeBytes.of(new byte[995]));
            assertEquals(1001, Bencode.encode(bigList).length);
            assertEquals(Bep44Exception.VALUE_TOO_BIG,
                    assertThrows(Bep44Exception.class, () -> MutableItem.sign(seed, null, 0, bigList)).code());
            assertEquals(Bep44Exception.PROTOCOL_ERROR,
                    assertThrows(Bep44Exception.class, () -> MutableItem.sign(seed, null, -1, HELLO)).code());
            assertEquals(Bep44Exception.PROTOCOL_ERROR, assertThrows(Bep44Exception.class,
                    () -> MutableItem.verify(new byte[31], null, 1, HELLO, SPEC_SIG_1)).code());
            assertEquals(Bep44Exception.PROTOCOL_ERROR, assertThrows(Bep44Exception.class,
                    () -> MutableItem.verify(SPEC_KEY, null, 1, HELLO, new byte[63])).code());
            assertTrue(MutableItem.sign(seed, null, 0, HELLO).toString().startsWith("MutableItem[k="));
        }
    }
}
