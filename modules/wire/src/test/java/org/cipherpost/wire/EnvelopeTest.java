package org.cipherpost.wire;

import static org.cipherpost.wire.WireTestSupport.text;
import static org.cipherpost.wire.WireTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Base64;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
    private static final String CANONICAL = "{\"created_at\":1700000000,\"material\":{\"bytes\":\"AAECAw==\","
            + "\"type\":\"generic_secret\"},\"protocol_version\":1,\"purpose\":\"test\"}";

    @Test
    void normalizesPurposeOnceAtBuild() {
        assertEquals("abcdef\u00a0\u00e9\ud83d\ude00 x", Purpose.normalize(
                "a\u0000b\u001fc\u007fd\u0080e\u009ff\u00a0\u00e9\ud83d\ude00\t\n\r x"));
        assertEquals("already fine", Purpose.normalize("already fine"));
        assertEquals("", Purpose.normalize("\u0001\u0002"));
        assertEquals("\u2028\u200b\ufeff", Purpose.normalize("\u2028\u200b\ufeff"), "only Cc is removed");
        assertThrows(IllegalArgumentException.class, () -> Purpose.normalize("lone \udc00"));
        try (Envelope envelope = Envelope.builder().createdAt(1).material(MaterialKind.GENERIC_SECRET, new byte[1])
                .purpose("prod\u0007 key\r\n").build()) {
            assertEquals("prod key", envelope.purpose());
        }
    }

    @Test
    void parsesNonCanonicalInputToCanonicalBytes() throws IOException {
        final String loose = "{ \"purpose\" : \"t\\u0065st\", \"protocol_version\" : 1, \"burn_after_read\" : false,\n"
                + "  \"material\" : { \"type\" : \"generic_secret\", \"bytes\" : \"AAECAw\\u003d=\" },"
                + " \"created_at\" : 1700000000 }";
        try (Envelope envelope = Envelope.parse(utf8(loose)); SecretBytes canonical = envelope.canonicalBytes()) {
            assertEquals(CANONICAL, text(canonical.bytes()));
            assertFalse(envelope.burnAfterRead());
            assertEquals(1_700_000_000L, envelope.createdAt());
            assertArrayEquals(new byte[] {0, 1, 2, 3}, envelope.material().bytes().bytes());
            assertEquals(4, envelope.material().length());
        }
    }

    @Test
    void closeWipesMaterial() throws IOException {
        final Envelope envelope = Envelope.parse(utf8(CANONICAL));
        final byte[] live = envelope.material().bytes().bytes();
        envelope.close();
        assertTrue(envelope.isDestroyed());
        assertArrayEquals(new byte[4], live);
        assertThrows(IllegalStateException.class, envelope::canonicalBytes);
    }

    @Test
    void builderCopiesMaterialAndHidesItInToString() {
        final byte[] secret = utf8("hunter2hunter2");
        try (Envelope envelope = Envelope.builder().createdAt(1).material(MaterialKind.SSH_KEY, secret)
                .purpose("p").burnAfterRead(true).build()) {
            secret[0] = 'X';
            assertEquals('h', envelope.material().bytes().bytes()[0]);
            assertEquals("Envelope[Material[ssh_key, 14 bytes], burn]", envelope.toString());
            assertFalse(envelope.toString().contains("hunter"));
        }
    }

    @Test
    void allMaterialKindsRoundTrip() throws IOException {
        for (final MaterialKind kind : MaterialKind.values()) {
            try (Envelope envelope = Envelope.builder().createdAt(-5).material(kind, new byte[] {(byte) 0xff})
                    .purpose("").build(); SecretBytes canonical = envelope.canonicalBytes();
                    Envelope parsed = Envelope.parse(canonical.bytes())) {
                assertTrue(text(canonical.bytes()).contains("\"type\":\"" + kind.wireName() + "\""));
                assertEquals(kind, parsed.material().kind());
            }
        }
    }

    @Test
    void strictParsing() {
        assertParseError(CANONICAL.replace("generic_secret", "large_payload"), "Material type not known");
        assertParseError(CANONICAL.replace("\"type\"", "\"hash\":\"x\",\"type\""),
                "Member [hash] of [Envelope.material] not known");
        assertParseError(CANONICAL.replace("{\"created_at\"", "{\"pin_required\":true,\"created_at\""),
                "Member [pin_required] of [Envelope] not known");
        assertParseError(CANONICAL.replace("AAECAw==", "AAECAw"), "not canonical padded standard Base64");
        assertParseError(CANONICAL.replace("AAECAw==", "AAECAx=="), "not canonical");
        assertParseError(CANONICAL.replace("AAECAw==", "AAEC Aw=="), "not canonical");
        assertParseError(CANONICAL.replace("AAECAw==", "AAECAw\u00e9="), "not canonical");
        assertParseError(CANONICAL.replace("1700000000", "1700000000.5"), "floating-point");
        assertParseError(CANONICAL.replace("\"purpose\":\"test\"", "\"purpose\":\"te\\u001bst\""), "U+001B");
        assertParseError(CANONICAL.replace("\"purpose\":\"test\"", "\"purpose\":null"), "not a string");
        assertParseError(CANONICAL.replace("{\"created_at\"", "{\"burn_after_read\":\"yes\",\"created_at\""),
                "not a boolean");
        assertParseError(CANONICAL.replace("{\"bytes\":\"AAECAw==\",", "{"), "Member [bytes] of [Envelope.material]");
        assertParseError(CANONICAL.replace("\"protocol_version\":1", "\"protocol_version\":0"), "not supported");
        assertParseError(CANONICAL.replace(",\"purpose\":\"test\"", ",\"purpose\":\"test\",\"purpose\":\"x\""),
                "duplicate");
    }

    @Test
    void enforcesMaterialCap() throws IOException {
        final String atCap = CANONICAL.replace("AAECAw==", Base64.getEncoder().encodeToString(
                new byte[Material.MAX_BYTES]));
        try (Envelope envelope = Envelope.parse(utf8(atCap))) {
            assertEquals(Material.MAX_BYTES, envelope.material().length());
        }
        final String overCap = CANONICAL.replace("AAECAw==", Base64.getEncoder().encodeToString(
                new byte[Material.MAX_BYTES + 1]));
        assertParseError(overCap, "longer than [65536] bytes");
        assertThrows(IllegalArgumentException.class,
                () -> Material.copyOf(MaterialKind.GENERIC_SECRET, new byte[Material.MAX_BYTES + 1]));
        final String huge = CANONICAL.replace("\"test\"", "\"" + "p".repeat(Envelope.MAX_JSON_BYTES) + "\"");
        assertParseError(huge, "greater than maximum [131072]");
    }

    @Test
    void builderChecks() {
        assertEquals("Material required", assertThrows(IllegalStateException.class,
                () -> Envelope.builder().createdAt(1).purpose("").build()).getMessage());
        assertEquals("Purpose required", assertThrows(IllegalStateException.class,
                () -> Envelope.builder().createdAt(1).material(MaterialKind.GENERIC_SECRET, new byte[0]).build())
                .getMessage());
        assertEquals("Created At required", assertThrows(IllegalStateException.class,
                () -> Envelope.builder().purpose("").material(MaterialKind.GENERIC_SECRET, new byte[0]).build())
                .getMessage());
    }

    private static void assertParseError(final String json, final String expected) {
        final IOException thrown = assertThrows(IOException.class, () -> Envelope.parse(utf8(json)));
        assertTrue(thrown.getMessage().contains(expected), thrown.getMessage());
    }
}
