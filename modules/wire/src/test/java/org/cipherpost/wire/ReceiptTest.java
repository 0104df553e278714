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
import java.util.List;
import java.util.Random;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReceiptTest {
    private static Identity sender;
    private static Identity recipient;
    private static OuterRecord share;

    @BeforeAll
    static void identities() {
        try (SecretBytes a = seed(0xa1); SecretBytes b = seed(0xb2)) {
            sender = Identity.fromSeed(a);
            recipient = Identity.fromSeed(b);
        }
        share = OuterRecord.builder().createdAt(1_700_000_000L).pinCiphertext(new byte[32], new byte[] {9, 8, 7})
                .recipient(recipient.publicKey()).sign(sender);
    }

    @AfterAll
    static void close() {
        sender.close();
        recipient.close();
    }

    private static Receipt signed() {
        return Receipt.builder().acceptedAt(1_700_000_100L).share(share)
                .cleartextHash(Hashes.sha256(utf8("{}"))).purpose("deploy key \u00e9\ud83d\ude00").sign(recipient);
    }

    @Test
    void buildsFromShareSignsAndVerifies() throws IOException, SignatureException {
        final Receipt receipt = signed();
        receipt.verify();
        receipt.verify(recipient.publicKey());
        assertEquals(share.shareRef(), receipt.shareRef());
        assertArrayEquals(sender.publicKey(), receipt.senderPublicKey());
        assertArrayEquals(recipient.publicKey(), receipt.recipientPublicKey());
        assertArrayEquals(Hashes.sha256(new byte[] {9, 8, 7}), receipt.ciphertextHash(), "salt left out");
        assertArrayEquals(Hashes.sha256(utf8("{}")), receipt.cleartextHash());
        assertEquals(16, receipt.nonce().length);
        assertEquals(1_700_000_100L, receipt.acceptedAt());
        final Receipt parsed = Receipt.parse(receipt.toJson());
        assertEquals(receipt, parsed);
        parsed.verify();
        assertEquals("deploy key \u00e9\ud83d\ude00", parsed.purpose());
    }

    @Test
    void nonceIsRandomUnlessSet() {
        assertFalse(java.util.Arrays.equals(signed().nonce(), signed().nonce()));
        final byte[] nonce = new byte[16];
        nonce[15] = 1;
        final Receipt fixed = Receipt.builder().acceptedAt(1).share(share).cleartextHash(new byte[32]).purpose("")
                .nonce(nonce).sign(recipient);
        assertTrue(text(fixed.toJson()).contains("\"nonce\":\"00000000000000000000000000000001\""));
    }

    @Test
    void txtRecordUnderReceiptLabel() {
        final Receipt receipt = signed();
        final ResourceRecord txt = receipt.toTxtRecord();
        assertEquals("_cprcpt-" + share.shareRef().hex(), txt.name());
        assertEquals(300, txt.ttl());
        assertArrayEquals(receipt.toJson(), ((TxtData) txt.data()).value());
        assertEquals(share.shareRef(), DhtLabels.receiptShareRef(txt.name()).orElseThrow());
    }

    @Test
    void everyFlippedByteFailsToParseOrToVerify() {
        final byte[] json = signed().toJson();
        final Random random = new Random(11);
        int parsedButRejected = 0;
        for (int index = 0; index < json.length; index++) {
            final int i = index;
            final byte[] copy = json.clone();
            copy[i] ^= (byte) (1 << random.nextInt(7));
            final Receipt mutated;
            try {
                mutated = Receipt.parse(copy);
            } catch (final IOException e) {
                continue;
            }
            parsedButRejected++;
            assertEquals(Signatures.FAILURE, assertThrows(SignatureException.class, mutated::verify,
                    () -> "flip at " + i + " verified: " + text(copy)).getMessage());
        }
        assertTrue(parsedButRejected > 50, "flips that still parsed: " + parsedButRejected);
    }

    @Test
    void everyMemberIsSigned() throws IOException {
        final Receipt receipt = signed();
        final String json = text(receipt.toJson());
        final String senderZ32 = PublicKeys.toZ32(sender.publicKey());
        final List<String> mutations = List.of(
                json.replace("\"accepted_at\":1700000100", "\"accepted_at\":1700000101"),
                json.replace("\"purpose\":\"deploy", "\"purpose\":\"Deploy"),
                json.replace("\"sender_pubkey\":\"" + senderZ32, "\"sender_pubkey\":\"" + receipt.recipientZ32()),
                json.replace("\"share_ref\":\"" + receipt.shareRef().hex(), "\"share_ref\":\"" + "0".repeat(32)),
                json.replaceFirst("\"nonce\":\".", "\"nonce\":\"" + (text(receipt.toJson()).contains("\"nonce\":\"f")
                        ? "e" : "f")),
                json.replaceFirst("\"ciphertext_hash\":\"[0-9a-f]{64}", "\"ciphertext_hash\":\"" + "c".repeat(64)),
                json.replaceFirst("\"cleartext_hash\":\"[0-9a-f]{64}", "\"cleartext_hash\":\"" + "c".repeat(64)));
        for (final String mutation : mutations) {
            assertNotEquals(json, mutation);
            final Receipt parsed = Receipt.parse(utf8(mutation));
            assertThrows(SignatureException.class, parsed::verify, mutation);
        }
    }

    @Test
    void verifyRejectsAnotherRecipient() throws IOException {
        final Receipt receipt = signed();
        assertThrows(SignatureException.class, () -> receipt.verify(sender.publicKey()));
        final String json = text(receipt.toJson()).replace("\"recipient_pubkey\":\"" + receipt.recipientZ32(),
                "\"recipient_pubkey\":\"" + receipt.senderZ32());
        assertThrows(SignatureException.class, Receipt.parse(utf8(json))::verify);
    }

    @Test
    void strictParsing() {
        final String json = text(signed().toJson());
        assertParseError(json.replace("\"accepted_at\":1700000100", "\"accepted_at\":1.7e9"), "floating-point");
        assertParseError(json.replace("{\"accepted_at\"", "{\"extra\":null,\"accepted_at\""),
                "Member [extra] of [Receipt] not known");
        assertParseError(json.replace("{\"accepted_at\"", "{\"nonce\":\"x\",\"accepted_at\""), "duplicate");
        assertParseError(json.replaceFirst(",\"nonce\":\"[^\"]*\"", ""), "Member [nonce] of [Receipt] missing");
        assertParseError(json.replace("\"protocol_version\":1", "\"protocol_version\":\"1\""), "not an integer");
        assertParseError(json.replace("\"protocol_version\":1", "\"protocol_version\":2"), "not supported");
        assertParseError(json.replace("\"purpose\":\"deploy", "\"purpose\":\"\\u0007deploy"),
                "holds control character U+0007");
        assertParseError(json.replace("\"purpose\":\"deploy", "\"purpose\":\"\\u009bdeploy"), "U+009B");
        assertParseError(json.replaceFirst("\"nonce\":\"[0-9a-f]*\"", "\"nonce\":\"abc\""), "Member [nonce] length");
        assertParseError(json.replaceFirst("\"ciphertext_hash\":\"([0-9a-f]{63})[0-9a-f]",
                "\"ciphertext_hash\":\"$1G"), "not lowercase hexadecimal");
    }

    @Test
    void builderChecks() {
        assertThrows(IllegalArgumentException.class, () -> Receipt.builder().purpose("bell\u0007"));
        assertThrows(IllegalArgumentException.class, () -> Receipt.builder().purpose("half \ud800"));
        assertThrows(IllegalArgumentException.class, () -> Receipt.builder().nonce(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> Receipt.builder().cleartextHash(new byte[31]));
        assertEquals("Cleartext hash required", assertThrows(IllegalStateException.class,
                () -> Receipt.builder().acceptedAt(1).share(share).purpose("").sign(recipient)).getMessage());
    }

    private static void assertParseError(final String json, final String expected) {
        final IOException thrown = assertThrows(IOException.class, () -> Receipt.parse(utf8(json)), json);
        assertTrue(thrown.getMessage().contains(expected), thrown.getMessage());
    }
}
