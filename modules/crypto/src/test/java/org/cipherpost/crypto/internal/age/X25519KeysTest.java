package org.cipherpost.crypto.internal.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.InvalidKeyException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** X25519 on BouncyCastle against RFC 7748 (sections 5.2 and 6.1), u-coordinate masking and small-order points. */
class X25519KeysTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc7748FunctionVectors() throws Exception {
        assertArrayEquals(HEX.parseHex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
                X25519Keys.multiply(HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                        HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")));
        // the u-coordinate's top bit is set here and must be masked
        assertArrayEquals(HEX.parseHex("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"),
                X25519Keys.multiply(HEX.parseHex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
                        HEX.parseHex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493")));
    }

    @Test
    void rfc7748PublicKey() throws Exception {
        assertArrayEquals(HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"),
                X25519Keys.publicKey(HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")));
    }

    @Test
    void smallOrderPointAndWrongLengthsAreRefused() {
        final byte[] scalar = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        assertThrows(InvalidKeyException.class, () -> X25519Keys.multiply(scalar, new byte[32]));
        assertThrows(InvalidKeyException.class, () -> X25519Keys.multiply(scalar, new byte[31]));
        assertThrows(InvalidKeyException.class, () -> X25519Keys.multiply(new byte[33], new byte[32]));
    }
}
