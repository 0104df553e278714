package org.cipherpost.wire;

import static org.cipherpost.wire.WireTestSupport.seed;
import static org.cipherpost.wire.WireTestSupport.text;
import static org.cipherpost.wire.WireTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OuterRecordTest {
    private static Identity sender;
    private static Identity recipient;

    @BeforeAll
    static void identities() {
        try (SecretBytes a = seed(0xa1); SecretBytes b = seed(0xb2)) {
            sender = Identity.fromSeed(a);
            recipient = Identity.fromSeed(b);
        }
    }

    @AfterAll
    static void close() {
        sender.close();
        recipient.close();
    }

    private static byte[] ciphertext(final int length) {
        final byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static OuterRecord signed() {
        return OuterRecord.builder().createdAt(1_700_000_000L).ciphertext(ciphertext(200))
                .recipient(recipient.publicKey()).sign(sender);
    }

    @Test
    void buildsSignsAndVerifies() throws IOException, SignatureException {
        final OuterRecord record = signed();
        record.verify();
        record.verify(sender.publicKey());
        assertEquals(PublicKeys.toZ32(sender.publicKey()), record.pubkeyZ32());
        assertArrayEquals(sender.publicKey(), record.publicKey());
        assertArrayEquals(recipient.publicKey(), record.recipient().orElseThrow());
        assertEquals(ShareRef.derive(ciphertext(200), 1_700_000_000L), record.shareRef());
        assertArrayEquals(ciphertext(200), record.ciphertext());
        assertEquals(OuterRecord.DEFAULT_TTL_SECONDS, record.ttlSeconds());
        assertEquals(1_700_086_400L, record.expiresAt());
        assertFalse(record.pinRequired());
        assertTrue(record.pinSalt().isEmpty());
        final OuterRecord parsed = OuterRecord.parse(record.toJson());
        assertEquals(record, parsed);
        parsed.verify();
        assertEquals(WireVersion.V1, parsed.protocolVersion());
    }

    /** The TXT value is the whole record's JCS: signable bytes plus "signature" at its sorted place. */
    @Test
    void jsonIsSignablePlusSignature() {
        final OuterRecord record = signed();
        final String signable = text(record.signableBytes());
        final String json = text(record.toJson());
        assertEquals(signable.replace(",\"ttl_seconds\"", ",\"signature\":\"" + record.signature()
                + "\",\"ttl_seconds\""), json);
        assertTrue(json.startsWith("{\"blob\":\""));
        assertTrue(json.contains("\"protocol_version\":1,\"pubkey\":\""));
        assertFalse(json.contains("pin_required"));
        assertEquals(88, record.signature().length());
    }

    @Test
    void selfShareHasNullRecipient() throws IOException, SignatureException {
        final OuterRecord record = OuterRecord.builder().createdAt(5).ciphertext(ciphertext(10)).selfShare()
                .ttlSeconds(60).sign(sender);
        assertTrue(text(record.toJson()).contains("\"recipient\":null,"));
        assertTrue(record.recipient().isEmpty());
        final OuterRecord parsed = OuterRecord.parse(record.toJson());
        parsed.verify();
        assertTrue(parsed.recipientZ32().isEmpty());
    }

    /** PIN shares: blob = salt || outer ciphertext; share_ref and ciphertext() leave the salt out. */
    @Test
    void pinShareLayout() throws IOException, SignatureException {
        final byte[] salt = ciphertext(32);
        final byte[] outer = ciphertext(100);
        final OuterRecord record = OuterRecord.builder().createdAt(1_700_000_000L).pinCiphertext(salt, outer)
                .recipient(recipient.publicKey()).sign(sender);
        assertTrue(record.pinRequired());
        assertTrue(text(record.toJson()).contains("\"created_at\":1700000000,\"pin_required\":true,"));
        final byte[] blob = java.util.Base64.getDecoder().decode(record.blob());
        assertArrayEquals(salt, Arrays.copyOf(blob, 32));
        assertArrayEquals(outer, Arrays.copyOfRange(blob, 32, blob.length));
        assertArrayEquals(salt, record.pinSalt().orElseThrow());
        assertArrayEquals(outer, record.ciphertext());
        assertEquals(ShareRef.derive(outer, 1_700_000_000L), record.shareRef());
        OuterRecord.parse(record.toJson()).verify();
    }

    @Test
    void rejectsPinBlobWithoutCiphertext() {
        final String json = text(signed().toJson()).replace("\"created_at\":1700000000,",
                "\"created_at\":1700000000,\"pin_required\":true,");
        final String shortBlob = json.replaceFirst("\"blob\":\"[^\"]*\"",
                "\"blob\":\"" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\"");
        assertEquals("Member [blob] of [OuterRecord] too short [32] bytes",
                assertThrows(IOException.class, () -> OuterRecord.parse(utf8(shortBlob))).getMessage());
    }

    /** Non-canonical but valid JSON parses, and the signature still checks over the re-canonicalized bytes. */
    @Test
    void acceptsNonCanonicalInput() throws IOException, SignatureException {
        final OuterRecord record = signed();
        final String pubkey = record.pubkeyZ32();
        final String scrambled = "\n{ \"ttl_seconds\" : 86400 ,\n \"signature\" : \""
                + record.signature().replace("/", "\\/") + "\",\n \"share_ref\" : \"" + record.shareRef().hex()
                + "\", \"recipient\" : \"" + record.recipientZ32().orElseThrow() + "\",\n \"pubkey\":\""
                + String.format("\\u%04X", (int) pubkey.charAt(0)) + pubkey.substring(1)
                + "\", \"protocol_version\": 1, \"pin_required\": false,\n \"created_at\" : 1700000000,"
                + " \"blob\" : \"" + record.blob() + "\" }\r\n";
        final OuterRecord parsed = OuterRecord.parse(utf8(scrambled));
        assertArrayEquals(record.toJson(), parsed.toJson());
        parsed.verify();
    }

    @Test
    void everyFlippedByteFailsToParseOrToVerify() {
        final byte[] json = signed().toJson();
        final Random random = new Random(7);
        int parsedButRejected = 0;
        for (int index = 0; index < json.length; index++) {
            final int i = index;
            final byte[] copy = json.clone();
            copy[i] ^= (byte) (1 << random.nextInt(7));
            final OuterRecord mutated;
            try {
                mutated = OuterRecord.parse(copy);
            } catch (final IOException e) {
                continue;
            }
            parsedButRejected++;
            final SignatureException thrown = assertThrows(SignatureException.class, mutated::verify,
                    () -> "flip at " + i + " verified: " + text(copy));
            assertEquals(Signatures.FAILURE, thrown.getMessage());
            assertEquals(null, thrown.getCause());
        }
        assertTrue(parsedButRejected > 50, "flips that still parsed: " + parsedButRejected);
    }

    /** Each member changed to another valid value: the record parses and the signature fails. */
    @Test
    void everyMemberIsSigned() throws IOException {
        final OuterRecord record = signed();
        final String json = text(record.toJson());
        final String otherKey = PublicKeys.toZ32(recipient.publicKey());
        final List<String> mutations = List.of(
                json.replace("\"created_at\":1700000000", "\"created_at\":1700000001"),
                json.replace("\"ttl_seconds\":86400", "\"ttl_seconds\":86401"),
                json.replace("\"blob\":\"" + record.blob().charAt(0), "\"blob\":\"" + (record.blob().charAt(0) == 'A'
                        ? 'B' : 'A')),
                json.replace("\"share_ref\":\"" + record.shareRef().hex().charAt(0), "\"share_ref\":\""
                        + (record.shareRef().hex().charAt(0) == 'a' ? 'b' : 'a')),
                json.replace("\"recipient\":\"" + otherKey + "\"", "\"recipient\":null"),
                json.replace("\"created_at\":1700000000,", "\"created_at\":1700000000,\"pin_required\":true,"),
                json.replace("\"pubkey\":\"" + record.pubkeyZ32(), "\"pubkey\":\"" + otherKey));
        for (final String mutation : mutations) {
            assertNotEquals(json, mutation);
            final OuterRecord parsed = OuterRecord.parse(utf8(mutation));
            assertEquals(Signatures.FAILURE, assertThrows(SignatureException.class, parsed::verify).getMessage(),
                    mutation);
        }
    }

    @Test
    void verifyRejectsAnotherSender() {
        final OuterRecord record = signed();
        assertEquals(Signatures.FAILURE,
                assertThrows(SignatureException.class, () -> record.verify(recipient.publicKey())).getMessage());
        assertThrows(SignatureException.class, () -> record.verifyWith(recipient.publicKey()));
    }

    @Test
    void malformedSignaturesAreSignatureFailures() throws IOException {
        final String json = text(signed().toJson());
        final String signature = json.replaceFirst(".*\"signature\":\"([^\"]*)\".*", "$1");
        for (final String bad : new String[] {"", "AAAA", signature.substring(0, 86), signature.replace("==", "=A"),
            signature.replace("==", ""), signature.substring(0, 84) + "AA==", "!" + signature.substring(1),
            java.util.Base64.getEncoder().encodeToString(new byte[65])}) {
            final OuterRecord parsed = OuterRecord.parse(utf8(json.replace(signature, bad)));
            assertEquals(Signatures.FAILURE, assertThrows(SignatureException.class, parsed::verify).getMessage(),
                    bad);
        }
    }

    @Test
    void strictParsing() {
        final String json = text(signed().toJson());
        assertParseError(json.replace("\"ttl_seconds\":86400", "\"ttl_seconds\":86400.0"), "floating-point");
        assertParseError(json.replace("\"ttl_seconds\":86400", "\"ttl_seconds\":8.64e4"), "floating-point");
        assertParseError(json.replace("{\"blob\"", "{\"ttl\":86400,\"blob\""),
                "Member [ttl] of [OuterRecord] not known");
        assertParseError(json.replace("{\"blob\"", "{\"ttl_seconds\":1,\"blob\""), "duplicate member name");
        assertParseError(json.replace("\"created_at\":1700000000", "\"created_at\":\"1700000000\""),
                "Member [created_at] of [OuterRecord] not an integer");
        assertParseError(json.replaceFirst("\"recipient\":\"[^\"]*\"", "\"recipient\":7"),
                "Member [recipient] of [OuterRecord] not a string or null");
        assertParseError(json.replace("\"created_at\":1700000000,", "\"created_at\":1700000000,\"pin_required\":1,"),
                "Member [pin_required] of [OuterRecord] not a boolean");
        assertParseError(json.replaceFirst("\"recipient\":\"[^\"]*\",", ""),
                "Member [recipient] of [OuterRecord] missing");
        assertParseError(json.replaceFirst(",\"signature\":\"[^\"]*\"", ""),
                "Member [signature] of [OuterRecord] missing");
        assertParseError(json.replace("\"protocol_version\":1", "\"protocol_version\":2"),
                "Member [chunks] of [OuterRecord] missing");
        assertParseError(json.replace("\"protocol_version\":1", "\"protocol_version\":3"),
                "Protocol version [3] of [OuterRecord] not supported");
        assertParseError(json.replace("\"ttl_seconds\":86400", "\"ttl_seconds\":-1"),
                "Member [ttl_seconds] of [OuterRecord] out of range");
        assertParseError(json.replace("\"ttl_seconds\":86400", "\"ttl_seconds\":18446744073709551615"),
                "out of range");
        assertParseError(json.replace("\"ttl_seconds\":86400", "\"ttl_seconds\":true"), "not an integer");
        // Depth 2 is allowed since version 2 records nest "chunks"; deeper nesting is refused by the parser.
        assertParseError(json.replace("\"ttl_seconds\":86400", "\"ttl_seconds\":{}"),
                "Member [ttl_seconds] of [OuterRecord] not an integer");
        assertParseError(json.replace("\"ttl_seconds\":86400", "\"ttl_seconds\":{\"a\":[]}"), "nesting depth [3]");
        assertParseError("[" + json + "]", "not an object");
        assertParseError("\"" + json.replace("\"", "\\\"") + "\"", "JSON value of [OuterRecord] not an object");
        assertParseError(json.replace("\"pubkey\":\"", "\"pubkey\":\"pk:"), "Member [pubkey] length [55]");
        assertParseError(json.replaceFirst("\"pubkey\":\"(.)", "\"pubkey\":\"Y"), "not lowercase z-base-32");
        assertParseError(json.replaceFirst("\"share_ref\":\"(.)", "\"share_ref\":\"A"), "not lowercase hexadecimal");
        assertParseError(json.replaceFirst("\"blob\":\"[^\"]*\"", "\"blob\":\"AAA\""), "not canonical padded");
        assertParseError(json.replaceFirst("\"blob\":\"[^\"]*\"", "\"blob\":\"AAB=\""), "not canonical padded");
        assertParseError(json.replaceFirst("\"blob\":\"[^\"]*\"", "\"blob\":\"\""), "too short [0]");
        assertParseError(json.replaceFirst("\"blob\":\"[^\"]*\"", "\"blob\":\"" + "A".repeat(4100) + "\""),
                "greater than maximum [4096]");
    }

    @Test
    void txtRecordUnderOuterLabel() throws IOException {
        final OuterRecord record = signed();
        final ResourceRecord txt = record.toTxtRecord();
        assertEquals("_cipherpost", txt.name());
        assertEquals(300, txt.ttl());
        assertArrayEquals(record.toJson(), ((TxtData) txt.data()).value());
        try (SecretBytes seed = SecretBytes.copyOf(sender.seed().bytes())) {
            final SignedPacket packet = SignedPacket.build(seed, List.of(txt), 1_700_000_000_000_000L);
            final ResourceRecord back = SignedPacket.parse(packet.bytes()).records().get(0);
            assertEquals(record, OuterRecord.parse(((TxtData) back.data()).value()));
        } catch (final SignatureException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void builderChecks() {
        assertEquals("Recipient or self share required", assertThrows(IllegalStateException.class,
                () -> OuterRecord.builder().createdAt(1).ciphertext(new byte[1]).sign(sender)).getMessage());
        assertEquals("Created At required", assertThrows(IllegalStateException.class,
                () -> OuterRecord.builder().ciphertext(new byte[1]).selfShare().sign(sender)).getMessage());
        assertEquals("Ciphertext required", assertThrows(IllegalStateException.class,
                () -> OuterRecord.builder().createdAt(1).selfShare().sign(sender)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> OuterRecord.builder().ciphertext(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> OuterRecord.builder().pinCiphertext(new byte[31],
                new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> OuterRecord.builder().ttlSeconds(-1));
        assertThrows(IllegalArgumentException.class, () -> OuterRecord.builder().recipient(new byte[31]));
    }

    @Test
    void chunkedRecordRoundTripsAndKeepsShareRefAndSignatureRules() throws Exception {
        final byte[] ciphertext = new byte[5000];
        new java.security.SecureRandom().nextBytes(ciphertext);
        final byte[] root = new byte[OuterRecord.ROOT_LENGTH];
        root[0] = 7;
        final OuterRecord record = OuterRecord.builder().createdAt(1700000000).ciphertext(ciphertext).selfShare()
                .chunked(root).sign(sender);
        assertEquals(OuterRecord.CHUNKED_VERSION, record.protocolVersion());
        final OuterRecord.Chunks chunks = record.chunks().orElseThrow();
        assertArrayEquals(root, chunks.root());
        assertArrayEquals(org.cipherpost.crypto.Hashes.sha256(ciphertext), chunks.sha256());
        assertEquals(5000, chunks.size());
        assertEquals(ShareRef.derive(ciphertext, 1700000000), record.shareRef(), "share_ref as in v1");
        final String json = new String(record.toJson(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.matches("\\{\"chunks\":\\{\"root\":\"07[0-9a-f]{38}\",\"sha256\":\"[0-9a-f]{64}\","
                + "\"size\":5000},\"created_at\":1700000000,\"protocol_version\":2,\"pubkey\":.*"), json);
        final OuterRecord parsed = OuterRecord.parse(record.toJson());
        assertEquals(record, parsed);
        parsed.verify(sender.publicKey());
        assertThrows(IllegalStateException.class, parsed::ciphertext, "no blob to read");
        assertArrayEquals(ciphertext, parsed.ciphertextOf(ciphertext));

        final byte[] salt = new byte[OuterRecord.PIN_SALT_LENGTH];
        salt[1] = 9;
        final OuterRecord pinned = OuterRecord.builder().createdAt(1700000000).pinCiphertext(salt, ciphertext)
                .recipient(sender.publicKey()).chunked(root).sign(sender);
        final byte[] blob = new byte[salt.length + ciphertext.length];
        System.arraycopy(salt, 0, blob, 0, salt.length);
        System.arraycopy(ciphertext, 0, blob, salt.length, ciphertext.length);
        assertArrayEquals(org.cipherpost.crypto.Hashes.sha256(blob), pinned.chunks().orElseThrow().sha256(),
                "a PIN share's chunks hold salt || ciphertext, like v1's blob");
        assertEquals(ShareRef.derive(ciphertext, 1700000000), pinned.shareRef(), "share_ref without the salt");
        assertArrayEquals(salt, pinned.pinSaltOf(blob).orElseThrow());
        assertArrayEquals(ciphertext, pinned.ciphertextOf(blob));

        final String signed = json;
        final String tamperedSize = signed.replace("\"size\":5000", "\"size\":5001");
        assertThrows(java.security.SignatureException.class, () -> OuterRecord.parse(
                tamperedSize.getBytes(java.nio.charset.StandardCharsets.UTF_8)).verify(sender.publicKey()));
        assertParseError(signed.replace("\"size\":5000", "\"size\":0"), "out of range");
        assertParseError(signed.replace("\"size\":5000", "\"size\":1048577"), "out of range");
        assertParseError(signed.replace("\"size\":5000", "\"size\":5000,\"x\":1"), "not known");
        assertParseError(signed.replace("{\"chunks\"", "{\"blob\":\"AA==\",\"chunks\""),
                "Member [blob] of [OuterRecord] not known");
        assertParseError(signed.replace("\"protocol_version\":2", "\"protocol_version\":1"),
                "Member [blob] of [OuterRecord] missing");
        assertParseError(signed.replaceFirst("\"root\":\"07", "\"root\":\"0"), "chunks.root");
    }

    @Test
    void expiresAtSaturates() {
        final OuterRecord record = OuterRecord.builder().createdAt(Long.MAX_VALUE - 5).ciphertext(new byte[1])
                .selfShare().ttlSeconds(10).sign(sender);
        assertEquals(Long.MAX_VALUE, record.expiresAt());
    }

    private static void assertParseError(final String json, final String expected) {
        final IOException thrown = assertThrows(IOException.class, () -> OuterRecord.parse(utf8(json)), json);
        assertTrue(thrown.getMessage().contains(expected), thrown.getMessage());
    }
}
