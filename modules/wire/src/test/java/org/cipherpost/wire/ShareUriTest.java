package org.cipherpost.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Share URI, share_ref derivation and DHT labels. */
class ShareUriTest {
    /** The SPEC section 4 example. */
    private static final String Z32 = "yhigci4xwmadibrmj8wzmf45f3i8xg8mht9abnprq3r5cfxihj8y";
    private static final String HEX = "0123456789abcdef0123456789abcdef";
    private static final String URI = "cipherpost://" + Z32 + "/" + HEX;

    @Test
    void parsesAndFormatsSpecExample() throws IOException {
        final ShareUri uri = ShareUri.parse(URI);
        assertEquals(Z32, uri.senderZ32());
        assertEquals(HEX, uri.shareRef().hex());
        assertEquals(URI, uri.toString());
        assertEquals(98, URI.length());
        assertEquals(ShareUri.LENGTH, URI.length());
        assertEquals(uri, ShareUri.of(uri.senderPublicKey(), ShareRef.parse(HEX)));
        assertArrayEquals(ZBase32.decode(Z32), uri.senderPublicKey());
    }

    @Test
    void rejectsEdgeCases() {
        assertTrue(rejected(Z32).contains("not a bare key"));
        assertTrue(rejected("").contains("does not start with"));
        for (final String bad : new String[] {
            "CIPHERPOST://" + Z32 + "/" + HEX,
            "Cipherpost://" + Z32 + "/" + HEX,
            "cipherpost:/" + Z32 + "/" + HEX,
            "cipherpost:" + Z32 + "/" + HEX,
            "https://" + Z32 + "/" + HEX,
            " " + URI,
            URI + " ",
            URI + "\n",
            URI + "/",
            URI + "?x=1",
            URI + "#frag",
            URI + "/extra",
            "cipherpost://" + Z32 + HEX,
            "cipherpost://" + Z32 + "//" + HEX,
            "cipherpost://" + Z32 + "/" + HEX.toUpperCase(java.util.Locale.ROOT),
            "cipherpost://" + Z32 + "/" + HEX.substring(1),
            "cipherpost://" + Z32 + "/" + HEX + "0",
            "cipherpost://" + Z32 + "/" + HEX.substring(1) + "g",
            "cipherpost://" + Z32 + "/" + HEX.substring(1) + "\u0661",
            "cipherpost://" + Z32.toUpperCase(java.util.Locale.ROOT) + "/" + HEX,
            "cipherpost://pk:" + Z32 + "/" + HEX,
            "cipherpost://" + Z32.substring(1) + "/" + HEX,
            "cipherpost://" + Z32 + "y/" + HEX,
            "cipherpost://" + Z32.substring(0, 51) + "b/" + HEX,
            "cipherpost://" + Z32.substring(0, 51) + "l/" + HEX,
            "cipherpost://user@" + Z32 + "/" + HEX,
            "cipherpost://" + Z32 + ":80/" + HEX,
            "cipherpost://" + Z32 + "/%30" + HEX.substring(1),
            "cipherpost:///" + HEX,
            "cipherpost://" + Z32 + "/",
            "cipherpost://",
        }) {
            assertThrows(IOException.class, () -> ShareUri.parse(bad), bad);
        }
    }

    @Test
    void shareRefDerivation() throws IOException {
        assertEquals("a91c9a695cdc721ba62fcd0e522f421b", ShareRef.derive("hello".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII), 1_700_000_000L).hex());
        assertEquals("93446b46244b775be29afdb223c8c258",
                ShareRef.derive(HexFormat.of().parseHex("deadbeef"), -1).hex());
        assertEquals(ShareRef.parse(HEX), ShareRef.of(HexFormat.of().parseHex(HEX)));
        assertThrows(IOException.class, () -> ShareRef.parse(HEX.toUpperCase(java.util.Locale.ROOT)));
        assertThrows(IllegalArgumentException.class, () -> ShareRef.of(new byte[15]));
    }

    @Test
    void labels() throws IOException {
        assertEquals("_cipherpost", DhtLabels.OUTER);
        assertEquals("_cprcpt-" + HEX, DhtLabels.receipt(ShareRef.parse(HEX)));
        assertEquals(Optional.of(ShareRef.parse(HEX)), DhtLabels.receiptShareRef("_cprcpt-" + HEX));
        assertEquals(Optional.empty(), DhtLabels.receiptShareRef("_cprcpt-" + HEX.toUpperCase(java.util.Locale.ROOT)));
        assertEquals(Optional.empty(), DhtLabels.receiptShareRef("_cipherpost"));
        assertEquals(Optional.empty(), DhtLabels.receiptShareRef("_cprcpt"));
    }

    private static String rejected(final String text) {
        return assertThrows(IOException.class, () -> ShareUri.parse(text)).getMessage();
    }
}
