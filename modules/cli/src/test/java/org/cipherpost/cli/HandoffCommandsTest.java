package org.cipherpost.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.KeyConversion;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrSettings;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.dht.Testnet;
import org.cipherpost.dht.RelayServer;
import org.cipherpost.dht.SaltedItemStore;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.DhtLabels;
import org.cipherpost.wire.ItemSalts;
import org.cipherpost.wire.MutableItem;
import org.cipherpost.wire.ShareRef;
import org.cipherpost.wire.Envelope;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.ShareUri;
import org.cipherpost.wire.TxtData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code send}, {@code receive} and {@code receipts} in process, two identities in two homes, a 20-node testnet. */
@Timeout(180)
class HandoffCommandsTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final Pattern URI = Pattern.compile("cipherpost://[a-z0-9]{52}/[0-9a-f]{32}");

    private static Testnet testnet;
    private static DhtNode node;
    private static PkarrTransport transport;
    private static String bootstrap;
    private static RelayServer relay;

    @TempDir
    Path temp;

    private Path alice;
    private Path bob;
    private String aliceKey;
    private String bobKey;

    private record Result(int code, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void startNetwork() throws IOException, InterruptedException {
        // Chunked shares put up to ~70 items from one client: lift the per-source rate limit meant for the open DHT.
        testnet = Testnet.start(20, org.cipherpost.dht.DhtConfig.builder().rateLimit(100_000, 100_000).build());
        node = DhtNode.start(testnet.clientConfig().build());
        transport = PkarrTransport.dht(node);
        relay = RelayServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), transport);
        bootstrap = testnet.bootstrap().stream().map(address -> "127.0.0.1:" + address.getPort())
                .collect(Collectors.joining(","));
    }

    @AfterAll
    static void stopNetwork() {
        relay.close();
        transport.close();
        node.close();
        testnet.close();
    }

    @BeforeEach
    void identities() throws IOException {
        alice = temp.resolve("alice");
        bob = temp.resolve("bob");
        aliceKey = generate(alice);
        bobKey = generate(bob);
    }

    @Test
    void selfSendAndReceive() {
        final Result sent = run(alice, new FakeTerminal(false), "s3cret\u0000bin".getBytes(StandardCharsets.UTF_8),
                "send", "--self", "-p", "mine", "--material-file", "-");
        assertEquals(0, sent.code(), sent.err());
        final String uri = sent.out().strip();
        assertTrue(URI.matcher(uri).matches(), uri);
        assertTrue(uri.startsWith("cipherpost://" + aliceKey + "/"), uri);
        final Result received = run(alice, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", aliceKey);
        assertEquals(0, received.code(), received.err());
        assertArrayEquals("s3cret\u0000bin".getBytes(StandardCharsets.UTF_8), received.stdout());
        assertTrue(received.err().contains("Purpose:      mine"), received.err());
        assertTrue(received.err().contains("self share"), received.err());
    }

    @Test
    void shareTypedAcceptanceReceiptAndIdempotentReceive() throws Exception {
        assertEquals(0, run(bob, new FakeTerminal(false), new byte[0], "dht", "publish-text", "--label", "_other",
                "--value", "kept").code());
        final String uri = send(bobKey, "db password", "hunter2");
        final FakeTerminal terminal = new FakeTerminal(true, aliceKey);
        final Path output = temp.resolve("secret.txt");
        final Result received = run(bob, terminal, new byte[0], "receive", uri, "-o", output.toString());
        assertEquals(0, received.code(), received.err());
        assertEquals(1, terminal.prompts().size());
        assertEquals("hunter2", Files.readString(output));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(output)));
        assertEquals(0, received.stdout().length);
        assertTrue(received.err().contains("Share from:   " + aliceKey), received.err());
        assertTrue(received.err().contains("Fingerprint:  SHA256:"), received.err());
        assertTrue(received.err().contains("Material:     generic-secret, 7 bytes"), received.err());

        final List<String> names = names(bobKey);
        final String shareRef = uri.substring(uri.lastIndexOf('/') + 1);
        assertEquals(List.of("_other"), names, "the receipt is its own item; the packet keeps its records");
        final long receiptSeq = receiptItem(bobKey, shareRef).orElseThrow().seq();

        final Result table = run(alice, new FakeTerminal(false), new byte[0], "receipts", "--from", bobKey);
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains(shareRef + "  valid"), table.out());
        assertTrue(table.out().contains("from " + aliceKey + "  db password"), table.out());
        final Result audit = run(alice, new FakeTerminal(false), new byte[0], "receipts", "--from", bobKey,
                "--share-ref", shareRef);
        assertEquals(0, audit.code(), audit.err());
        assertTrue(audit.out().contains("Recipient:        " + bobKey), audit.out());
        assertTrue(audit.out().contains("Cleartext hash:   "), audit.out());
        final Result json = run(alice, new FakeTerminal(false), new byte[0], "receipts", "--from", bobKey, "--json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"valid\" : true"), json.out());
        assertTrue(json.out().contains("\"share_ref\" : \"" + shareRef + "\""), json.out());

        Files.delete(output);
        final Result again = run(bob, new FakeTerminal(true), new byte[0], "receive", uri, "-o", output.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("already accepted at"), again.err());
        assertFalse(Files.exists(output));
        assertEquals(receiptSeq, receiptItem(bobKey, shareRef).orElseThrow().seq(), "no second receipt published");
    }

    @Test
    void acceptFlagAndDeclines() throws Exception {
        final String uri = send(bobKey, "p", "value");
        final Result typedWrong = run(bob, new FakeTerminal(true, "not the key"), new byte[0], "receive", uri);
        assertEquals(ExitCodes.DECLINED, typedWrong.code(), typedWrong.err());
        assertEquals(0, typedWrong.stdout().length);
        final Path output = temp.resolve("out");
        final Result wrongAccept = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "-o",
                output.toString(), "--accept", bobKey);
        assertEquals(ExitCodes.DECLINED, wrongAccept.code(), wrongAccept.err());
        final Result noTerminal = run(bob, new FakeTerminal(false), new byte[0], "receive", uri);
        assertEquals(ExitCodes.DECLINED, noTerminal.code(), noTerminal.err());
        assertFalse(Files.exists(output));
        assertTrue(names(bobKey).isEmpty(), "no receipt after declines");
        assertTrue(receiptItem(bobKey, uri.substring(uri.lastIndexOf('/') + 1)).isEmpty(), "no receipt item");

        final Result accepted = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", aliceKey);
        assertEquals(0, accepted.code(), accepted.err());
        assertEquals("value", accepted.out());
    }

    @Test
    void armorOnMaterialWithoutATextFormIsRefusedBeforeAcceptanceAndWritesNothing() throws Exception {
        final String uri = send(bobKey, "p", "value");
        final Path output = temp.resolve("armored");
        final Result armored = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", aliceKey,
                "--armor", "-o", output.toString());
        assertEquals(ExitCodes.USAGE, armored.code(), armored.err());
        assertTrue(armored.err().contains("--armor: generic-secret material has no text form"), armored.err());
        assertFalse(Files.exists(output));
        assertTrue(receiptItem(bobKey, uri.substring(uri.lastIndexOf('/') + 1)).isEmpty(), "no receipt");
        final Result plain = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", aliceKey);
        assertEquals(0, plain.code(), "the share is still receivable: " + plain.err());
        assertEquals("value", plain.out());
    }

    @Test
    void wrongRecipientIsRefusedWithoutReceipt() throws Exception {
        final Path carol = temp.resolve("carol");
        final String carolKey = generate(carol);
        final String uri = send(bobKey, "for bob", "x");
        final Result result = run(carol, new FakeTerminal(true, aliceKey), new byte[0], "receive", uri);
        assertEquals(ExitCodes.PASSPHRASE, result.code(), result.err());
        assertTrue(result.err().contains("addressed to another identity"), result.err());
        assertFalse(result.err().contains("for bob"), result.err());
        assertEquals(0, result.stdout().length);
        assertTrue(names(carolKey).isEmpty());
    }

    @Test
    void expiredShareExitsTwo() throws Exception {
        final String uri = publishByHand(true, false);
        final Result result = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", "x");
        assertEquals(ExitCodes.EXPIRED, result.code(), result.err());
        assertTrue(result.err().contains("expired"), result.err());
        assertTrue(names(bobKey).isEmpty());
    }

    @Test
    void tamperedInnerRecordExitsThreeWithoutReceipt() throws Exception {
        final String uri = publishByHand(false, true);
        final Result result = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", "x");
        assertEquals(ExitCodes.SIGNATURE, result.code(), result.err());
        assertEquals("cipherpost: signature verification failed", result.err().strip());
        assertTrue(names(bobKey).isEmpty());
    }

    @Test
    void sizeCapsExitFiveBeforePublishing() throws Exception {
        final Result cap = run(alice, new FakeTerminal(false), new byte[65537], "send", "--self", "-p", "p",
                "--material-file", "-");
        assertEquals(ExitCodes.SIZE, cap.code(), cap.err());
        assertTrue(cap.err().contains("65536"), cap.err());
        final Result packet = run(alice, new FakeTerminal(false), new byte[900], "send", "--self", "-p", "p",
                "--material-file", "-", "--relay", relay.uri().toString());
        assertEquals(ExitCodes.SIZE, packet.code(), packet.err());
        assertTrue(packet.err().matches("(?s).*the share needs \\d{4} bytes; a DHT item holds at most 1000.*"),
                packet.err());
        assertTrue(packet.err().contains("which a relay cannot carry"), packet.err());
        assertTrue(names(aliceKey).isEmpty(), "nothing published");
    }

    @Test
    void chunkedSharesOfOneEightAndSixtyKibRoundTrip() throws Exception {
        for (final int size : new int[] {1024, 8192, 60 * 1024}) {
            final byte[] secret = new byte[size];
            new java.security.SecureRandom().nextBytes(secret);
            final long t0 = System.nanoTime();
            final Result sent = run(alice, new FakeTerminal(false), secret, "send", "--share", bobKey, "-p", "big",
                    "--material-file", "-");
            final long t1 = System.nanoTime();
            assertEquals(0, sent.code(), sent.err());
            assertTrue(sent.err().contains("protocol_version 2"), sent.err());
            assertTrue(sent.err().contains("cipherpost: note: chunked share"), sent.err());
            final String uri = sent.out().strip();
            final Result received = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept",
                    aliceKey);
            final long t2 = System.nanoTime();
            assertEquals(0, received.code(), received.err());
            assertArrayEquals(secret, received.stdout());
            assertTrue(received.err().contains("Material:     generic-secret, " + size + " bytes"), received.err());
            assertTrue(receiptItem(bobKey, uri.substring(uri.lastIndexOf('/') + 1)).isPresent());
            System.out.printf("CLI chunked share of %d bytes on a 20-node testnet: send %d ms, receive %d ms%n", size,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        }
        assertTrue(names(aliceKey).isEmpty(), "chunked records are not mirrored into the v1 packet");
    }

    /** Real key material, several KiB, goes through chunks; its typed checks need the plugins (PluginIT, HandoffIT). */
    @Test
    void realCertificateChainPgpKeyAndSshKeyRoundTrip() throws Exception {
        final Path work = Files.createDirectories(temp.resolve("material"));
        final Map<String, byte[]> materials = new java.util.LinkedHashMap<>();
        materials.put("x509-cert", certificateChain(work));
        materials.put("pgp-key", pgpKey(work));
        materials.put("ssh-key", sshKey(work));
        for (final Map.Entry<String, byte[]> material : materials.entrySet()) {
            final Path file = work.resolve(material.getKey() + ".in");
            Files.write(file, material.getValue());
            final Result typed = run(alice, new FakeTerminal(false), new byte[0], "send", "--share", bobKey, "-p",
                    material.getKey(), "--material", material.getKey(), "--material-file", file.toString());
            assertEquals(ExitCodes.USAGE, typed.code(), "no plugin is installed in this home: " + typed.err());
            assertTrue(typed.err().contains("'cipherpost plugin list'"), typed.err());
            final Result sent = run(alice, new FakeTerminal(false), new byte[0], "send", "--share", bobKey, "-p",
                    material.getKey(), "--material-file", file.toString());
            assertEquals(0, sent.code(), sent.err());
            final Path out = work.resolve(material.getKey() + ".out");
            final Result received = run(bob, new FakeTerminal(false), new byte[0], "receive", sent.out().strip(),
                    "--accept", aliceKey, "-o", out.toString());
            assertEquals(0, received.code(), received.err());
            assertArrayEquals(material.getValue(), Files.readAllBytes(out), material.getKey());
            assertTrue(received.err().contains("Material:     generic-secret, " + material.getValue().length
                    + " bytes"), received.err());
            System.out.printf("%s: %d bytes of material round-tripped%n", material.getKey(),
                    material.getValue().length);
        }
        final Result unknown = run(alice, new FakeTerminal(false), "x".getBytes(StandardCharsets.UTF_8), "send",
                "--self", "-p", "p", "--material", "blob-manifest", "--material-file", "-");
        assertEquals(ExitCodes.USAGE, unknown.code(), unknown.err());
    }

    @Test
    void chunkedShareWithAWrongOrMissingChunkExitsThreeOrSixWithNothingWrittenAndNoReceipt() throws Exception {
        final Path output = temp.resolve("never.bin");
        final String wrong = publishChunkedByHand(false);
        final Result mismatch = run(bob, new FakeTerminal(false), new byte[0], "receive", wrong, "--accept",
                wrong.substring("cipherpost://".length(), wrong.lastIndexOf('/')), "-o", output.toString());
        assertEquals(ExitCodes.SIGNATURE, mismatch.code(), mismatch.err());
        assertEquals("cipherpost: signature verification failed", mismatch.err().strip());
        assertFalse(Files.exists(output));
        assertTrue(receiptItem(bobKey, wrong.substring(wrong.lastIndexOf('/') + 1)).isEmpty(), "no receipt");

        final String missing = publishChunkedByHand(true);
        final Result notFound = run(bob, new FakeTerminal(false), new byte[0], "receive", missing, "--accept",
                missing.substring("cipherpost://".length(), missing.lastIndexOf('/')), "-o", output.toString());
        assertEquals(ExitCodes.NETWORK, notFound.code(), notFound.err());
        assertFalse(Files.exists(output));
        assertTrue(receiptItem(bobKey, missing.substring(missing.lastIndexOf('/') + 1)).isEmpty(), "no receipt");
    }

    /**
     * A chunked share from an in-test sender to bob whose chunks are wrong (the stored tree holds other bytes than
     * the signed SHA-256 names: every item matches its target, the whole does not) or missing (never put).
     */
    private String publishChunkedByHand(final boolean missing) throws Exception {
        try (Identity sender = Identity.generate()) {
            final long createdAt = Instant.now().getEpochSecond();
            final byte[] ciphertext;
            try (Envelope envelope = Envelope.builder().material(MaterialKind.GENERIC_SECRET, new byte[3000])
                    .purpose("p").createdAt(createdAt).build();
                 SecretBytes plaintext = envelope.canonicalBytes();
                 AgeRecipient recipient = AgeRecipient.fromX25519PublicKey(
                         KeyConversion.x25519PublicKey(PublicKeys.parseZ32(bobKey)))) {
                ciphertext = Age.encrypt(plaintext.bytes(), List.of(recipient));
            }
            final byte[] stored = ciphertext.clone();
            stored[stored.length / 2] ^= 0x01;
            final byte[] root = missing ? org.cipherpost.dht.ChunkedPayloads.describe(stored).root()
                    : org.cipherpost.dht.ChunkedPayloads.over(node).put(stored).manifest().root();
            final OuterRecord record = OuterRecord.builder().ciphertext(ciphertext)
                    .recipient(PublicKeys.parseZ32(bobKey)).ttlSeconds(3600).createdAt(createdAt).chunked(root)
                    .sign(sender);
            assertEquals(2, record.protocolVersion());
            assertTrue(SaltedItemStore.dht(node).put(MutableItem.sign(sender.seed(), ItemSalts.share(
                    record.shareRef()), createdAt, BencodeBytes.of(record.toJson())), java.util.OptionalLong.empty())
                    .stored() > 0);
            return ShareUri.of(sender.publicKey(), record.shareRef()).toString();
        }
    }

    /** A leaf and its CA as concatenated DER, from openssl when present, else the v1 fixture certificate. */
    private static byte[] certificateChain(final Path work) throws Exception {
        if (!onPath("openssl")) {
            return Files.readAllBytes(Path.of(System.getProperty("cipherpost.root"))
                    .resolve("../shared/vectors/cipherpost-v1/x509_cert_fixture.der"));
        }
        exec(work, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "30", "-subj", "/CN=Test CA");
        exec(work, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr",
                "-subj", "/CN=leaf.example");
        exec(work, "openssl", "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "leaf.pem", "-days", "30");
        exec(work, "openssl", "x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.der");
        exec(work, "openssl", "x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der");
        final ByteArrayOutputStream chain = new ByteArrayOutputStream();
        chain.write(Files.readAllBytes(work.resolve("leaf.der")));
        chain.write(Files.readAllBytes(work.resolve("ca.der")));
        return chain.toByteArray();
    }

    /** A 4096-bit RSA OpenPGP secret key from gpg when present, else the v1 realistic fixture. */
    private static byte[] pgpKey(final Path work) throws Exception {
        if (!onPath("gpg")) {
            return Files.readAllBytes(Path.of(System.getProperty("cipherpost.root"))
                    .resolve("../shared/vectors/cipherpost-v1/material_pgp_fixture_realistic.pgp"));
        }
        final Path home = Files.createDirectories(work.resolve("gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        exec(work, "gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-gen-key", "Test Key <test@example.org>", "rsa4096", "default", "never");
        exec(work, "gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--output", "key.pgp", "--export-secret-keys", "test@example.org");
        exec(work, "gpgconf", "--homedir", home.toString(), "--kill", "all");
        return Files.readAllBytes(work.resolve("key.pgp"));
    }

    /** A 4096-bit RSA OpenSSH private key from ssh-keygen. */
    private static byte[] sshKey(final Path work) throws Exception {
        exec(work, "ssh-keygen", "-q", "-t", "rsa", "-b", "4096", "-N", "", "-C", "test", "-f", "id_rsa");
        return Files.readAllBytes(work.resolve("id_rsa"));
    }

    private static boolean onPath(final String tool) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static void exec(final Path directory, final String... command) throws Exception {
        final Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    @Test
    void v1ShareIsReceivedItsReceiptMirroredAndAFullPacketOnlyCostsTheMirror() throws Exception {
        final String uri = publishByHand(false, false);
        final String shareRef = uri.substring(uri.lastIndexOf('/') + 1);
        final Result received = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept",
                uri.substring("cipherpost://".length(), uri.lastIndexOf('/')));
        assertEquals(0, received.code(), received.err());
        assertEquals("v", received.out());
        assertEquals(List.of("_cprcpt-" + shareRef), names(bobKey));
        assertTrue(receiptItem(bobKey, shareRef).isPresent(), "the receipt is also its own item");
        final Result own = run(bob, new FakeTerminal(false), "x".getBytes(StandardCharsets.UTF_8), "send",
                "--self", "-p", "p", "--material-file", "-");
        assertEquals(0, own.code(), own.err());
        assertTrue(own.err().contains("cipherpost: warning: the v1 record was not written"), own.err());
        assertEquals(List.of("_cprcpt-" + shareRef), names(bobKey), "the v1 packet is left as it was");
        final Result self = run(bob, new FakeTerminal(false), new byte[0], "receive", own.out().strip(), "--accept",
                bobKey);
        assertEquals(0, self.code(), self.err());
        assertEquals("x", self.out());
    }

    @Test
    void severalLiveSharesReceiptsRevokeAndRepublish() throws Exception {
        final List<String> uris = List.of(send(bobKey, "one", "1"), send(bobKey, "two", "2"), send(bobKey, "three",
                "3"));
        for (int i = 0; i < 3; i++) {
            final Result received = run(bob, new FakeTerminal(false), new byte[0], "receive", uris.get(i), "--accept",
                    aliceKey);
            assertEquals(0, received.code(), received.err());
            assertEquals(Integer.toString(i + 1), received.out());
        }
        final Result table = run(alice, new FakeTerminal(false), new byte[0], "receipts", "--from", bobKey);
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("Receipts published by " + bobKey + ": 3"), table.out());
        final String fourth = send(bobKey, "four", "4");
        final Result notSender = run(bob, new FakeTerminal(false), new byte[0], "revoke", fourth);
        assertEquals(ExitCodes.GENERIC, notSender.code(), notSender.err());
        assertTrue(notSender.err().contains("only the sender"), notSender.err());
        final Result revoked = run(alice, new FakeTerminal(false), new byte[0], "revoke", fourth);
        assertEquals(0, revoked.code(), revoked.err());
        assertTrue(revoked.err().contains("withdrawn at"), revoked.err());
        final Result withdrawn = run(bob, new FakeTerminal(false), new byte[0], "receive", fourth, "--accept",
                aliceKey);
        assertEquals(ExitCodes.EXPIRED, withdrawn.code(), withdrawn.err());
        assertTrue(withdrawn.err().matches("(?s)cipherpost: share [0-9a-f]{32} was withdrawn by its sender at "
                + "\\d{4}-\\d\\d-\\d\\dT.*"), withdrawn.err());
        assertEquals(0, withdrawn.stdout().length);
        final Result republished = run(alice, new FakeTerminal(false), new byte[0], "republish", "--json");
        assertEquals(0, republished.code(), republished.err());
        assertEquals("{\"shares\":3,\"shares_failed\":0,\"receipts\":0,\"receipts_failed\":0}",
                republished.out().strip());
        final Result receipts = run(bob, new FakeTerminal(false), new byte[0], "republish");
        assertEquals(0, receipts.code(), receipts.err());
        assertEquals("Republished 0 live share(s) and 3 receipt(s); 0 failed", receipts.out().strip());
    }

    @Test
    void burnShowsTheMarkerWritesOnceThenRefuses() {
        final Result sent = run(alice, new FakeTerminal(false), "once".getBytes(StandardCharsets.UTF_8), "send",
                "--share", bobKey, "-p", "one-time", "--material-file", "-", "--burn");
        assertEquals(0, sent.code(), sent.err());
        final String uri = sent.out().strip();
        final Result first = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", aliceKey);
        assertEquals(0, first.code(), first.err());
        assertEquals("once", first.out());
        assertTrue(first.err().startsWith("[BURN"), first.err());
        final Result second = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", aliceKey);
        assertEquals(ExitCodes.DECLINED, second.code(), second.err());
        assertTrue(second.err().matches("(?s)cipherpost: share [0-9a-f]{32} already consumed \\(burned at \\d{4}-.*\\)\\s*"),
                second.err());
        assertEquals(0, second.stdout().length);
    }

    @Test
    void weakPinIsRefusedBeforeAnythingIsPublishedAndAPinShareGoesOutChunked() throws Exception {
        final Path pinFile = temp.resolve("pin");
        Files.writeString(pinFile, "1234567\n");
        Files.setPosixFilePermissions(pinFile, PosixFilePermissions.fromString("rw-------"));
        final Result weak = run(alice, new FakeTerminal(false), "x".getBytes(StandardCharsets.UTF_8), "send",
                "--share", bobKey, "-p", "p", "--material-file", "-", "--pin", "--pin-file", pinFile.toString());
        assertEquals(ExitCodes.GENERIC, weak.code(), weak.err());
        assertEquals("cipherpost: PIN does not meet entropy requirements", weak.err().strip());
        assertTrue(names(aliceKey).isEmpty(), "nothing published");
        final FakeTerminal mismatch = new FakeTerminal(true, "good-pin-9731", "good-pin-9732");
        final Result differ = run(alice, mismatch, "x".getBytes(StandardCharsets.UTF_8), "send", "--share", bobKey,
                "-p", "p", "--material-file", "-", "--pin");
        assertEquals(ExitCodes.PASSPHRASE, differ.code(), differ.err());
        assertEquals(2, mismatch.prompts().size());
        assertTrue(names(aliceKey).isEmpty(), "nothing published");
        Files.writeString(pinFile, "good-pin-9731\n");
        final Result pinned = run(alice, new FakeTerminal(false), "x".getBytes(StandardCharsets.UTF_8), "send",
                "--share", bobKey, "-p", "p", "--material-file", "-", "--pin-file", pinFile.toString(), "--burn");
        assertEquals(0, pinned.code(), pinned.err());
        assertTrue(pinned.err().contains("protocol_version 2"), pinned.err());
        final String uri = pinned.out().strip();
        final String shareRef = uri.substring(uri.lastIndexOf('/') + 1);

        final Path wrongPin = temp.resolve("wrong-pin");
        Files.writeString(wrongPin, "good-pin-9732\n");
        Files.setPosixFilePermissions(wrongPin, PosixFilePermissions.fromString("rw-------"));
        final Result wrong = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", aliceKey,
                "--pin-file", wrongPin.toString());
        assertEquals(ExitCodes.PASSPHRASE, wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("wrong passphrase for identity file ["), wrong.err());
        assertEquals(0, wrong.stdout().length);
        assertTrue(receiptItem(bobKey, shareRef).isEmpty(), "no receipt after a wrong PIN");

        final Result right = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", aliceKey,
                "--pin-file", pinFile.toString());
        assertEquals(0, right.code(), right.err());
        assertEquals("x", right.out());
        assertTrue(right.err().contains("[BURN"), right.err());
        assertTrue(receiptItem(bobKey, shareRef).isPresent());
        final Result second = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", aliceKey,
                "--pin-file", pinFile.toString());
        assertEquals(ExitCodes.DECLINED, second.code(), second.err());
        assertTrue(second.err().contains("already consumed"), second.err());
    }

    @Test
    void tamperedSaltedItemExitsThreeWithoutReceipt() throws Exception {
        final String uri = send(bobKey, "p", "secret");
        final ShareUri parsed = ShareUri.parse(uri);
        final byte[] salt = ItemSalts.share(parsed.shareRef());
        final MutableItem stored = SaltedItemStore.dht(node).get(parsed.senderPublicKey(), salt).value().orElseThrow();
        final byte[] value = ((BencodeBytes) stored.value()).bytes();
        try (SecretBytes seed = aliceSeed()) {
            long seq = stored.seq();
            for (final int position : List.of(2, value.length / 3, value.length / 2, value.length - 3)) {
                final byte[] tampered = value.clone();
                tampered[position] ^= 0x01;
                seq++;
                SaltedItemStore.dht(node).put(MutableItem.sign(seed, salt, seq, BencodeBytes.of(tampered)),
                        java.util.OptionalLong.empty());
                final Result result = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept",
                        aliceKey);
                assertEquals(ExitCodes.SIGNATURE, result.code(), "position " + position + ": " + result.err());
                assertEquals("cipherpost: signature verification failed", result.err().strip());
            }
        }
        assertTrue(receiptItem(bobKey, parsed.shareRef().hex()).isEmpty());
        assertTrue(names(bobKey).isEmpty());
    }

    @Test
    void keepAliveRepublishesUntilTheTtlEnds() {
        final Result kept = run(alice, new FakeTerminal(false), "k".getBytes(StandardCharsets.UTF_8), "send",
                "--share", bobKey, "-p", "p", "--material-file", "-", "--ttl", "3s", "--keep-alive",
                "--keep-alive-interval", "1s");
        assertEquals(0, kept.code(), kept.err());
        assertTrue(URI.matcher(kept.out().strip()).matches(), kept.out());
        assertTrue(kept.err().contains("republished share"), kept.err());
        assertTrue(kept.err().contains("keep-alive done"), kept.err());
    }

    @Test
    void demoRunsAHandoffOnItsOwnTestnetAndCleansUp() {
        final Result demo = run(alice, new FakeTerminal(false), new byte[0], "demo");
        assertEquals(0, demo.code(), demo.out() + demo.err());
        final String out = demo.out();
        assertTrue(out.contains("bob's file now holds: staging-db: hunter2-but-longer"), out);
        assertTrue(out.contains("Status:           valid"), out);
        assertTrue(out.contains("bob tries it: exit 2, cipherpost: share "), out);
        assertTrue(out.contains("vault show example.org:"), out);
        assertTrue(out.contains("correct horse battery staple"), out);
        final Matcher root = Pattern.compile("two homes under (\\S+)").matcher(out);
        assertTrue(root.find(), out);
        assertFalse(Files.exists(Path.of(root.group(1))), "the temporary directory is removed");
    }

    @Test
    void throughARelayBothSidesUseTheV1PacketAlone() throws Exception {
        final String url = relay.uri().toString();
        final Result sent = run(alice, new FakeTerminal(false), "via relay".getBytes(StandardCharsets.UTF_8), "send",
                "--share", bobKey, "-p", "p", "--material-file", "-", "--relay", url);
        assertEquals(0, sent.code(), sent.err());
        assertTrue(sent.err().contains("a relay carries unsalted PKARR packets only"), sent.err());
        final String uri = sent.out().strip();
        final String shareRef = uri.substring(uri.lastIndexOf('/') + 1);
        assertEquals(List.of(DhtLabels.OUTER), names(aliceKey));
        assertTrue(SaltedItemStore.dht(node).get(PublicKeys.parseZ32(aliceKey),
                ItemSalts.share(ShareRef.parse(shareRef))).value().isEmpty());
        final Result received = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", aliceKey,
                "--relay", url);
        assertEquals(0, received.code(), received.err());
        assertEquals("via relay", received.out());
        assertEquals(List.of("_cprcpt-" + shareRef), names(bobKey));
        assertTrue(receiptItem(bobKey, shareRef).isEmpty(), "no salted item through a relay");
        final Result listed = run(alice, new FakeTerminal(false), new byte[0], "receipts", "--from", bobKey,
                "--share-ref", shareRef, "--relay", url);
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("Status:           valid"), listed.out());
        final Result keepAlive = run(alice, new FakeTerminal(false), "x".getBytes(StandardCharsets.UTF_8), "send",
                "--self", "-p", "p", "--material-file", "-", "--relay", url, "--keep-alive");
        assertEquals(ExitCodes.USAGE, keepAlive.code(), keepAlive.err());
    }

    @Test
    void helpShowsExamples() {
        for (final String command : List.of("send", "receive", "receipts", "revoke", "republish")) {
            final Result help = run(alice, new FakeTerminal(false), new byte[0], command, "--help");
            assertEquals(0, help.code());
            assertTrue(help.out().contains("Examples:"), help.out());
            assertTrue(help.out().contains("--bootstrap"), help.out());
        }
    }

    /** A share from a third, in-test sender to bob: expired (created two hours ago, TTL one hour) or tampered. */
    private String publishByHand(final boolean expired, final boolean tamper) throws Exception {
        try (Identity sender = Identity.generate()) {
            final long createdAt = Instant.now().getEpochSecond() - (expired ? 7200 : 0);
            final byte[] ciphertext;
            try (Envelope envelope = Envelope.builder().material(MaterialKind.GENERIC_SECRET,
                    "v".getBytes(StandardCharsets.UTF_8)).purpose("p").createdAt(createdAt).build();
                 SecretBytes plaintext = envelope.canonicalBytes();
                 AgeRecipient recipient = AgeRecipient.fromX25519PublicKey(
                         KeyConversion.x25519PublicKey(PublicKeys.parseZ32(bobKey)))) {
                ciphertext = Age.encrypt(plaintext.bytes(), List.of(recipient));
            }
            final OuterRecord record = OuterRecord.builder().ciphertext(ciphertext).recipient(PublicKeys.parseZ32(bobKey))
                    .ttlSeconds(3600).createdAt(createdAt).sign(sender);
            final byte[] value = ((TxtData) record.toTxtRecord().data()).value();
            if (tamper) {
                value[value.length / 2] ^= 0x01;
            }
            PkarrClient.create(transport).publish(sender.seed(), List.of(ResourceRecord.txt(DhtLabels.OUTER, 300,
                    value)));
            return ShareUri.of(sender.publicKey(), record.shareRef()).toString();
        }
    }

    private String send(final String recipient, final String purpose, final String secret) {
        final Result sent = run(alice, new FakeTerminal(false), secret.getBytes(StandardCharsets.UTF_8), "send",
                "--share", recipient, "-p", purpose, "--material-file", "-", "--ttl", "1h");
        assertEquals(0, sent.code(), sent.err());
        final Matcher matcher = URI.matcher(sent.out());
        assertTrue(matcher.find(), sent.out());
        return matcher.group();
    }

    private static List<String> names(final String key) throws Exception {
        final var packet = PkarrClient.create(transport).resolve(PublicKeys.parseZ32(key)).packet();
        final List<String> names = new ArrayList<>();
        packet.ifPresent(found -> found.records().forEach(record -> names.add(record.name())));
        return names;
    }

    private static Optional<MutableItem> receiptItem(final String key, final String shareRef) throws Exception {
        return SaltedItemStore.dht(node).get(PublicKeys.parseZ32(key), ItemSalts.receipt(ShareRef.parse(shareRef)))
                .value();
    }

    private SecretBytes aliceSeed() throws Exception {
        try (Identity identity = new IdentityLoader(new CliContext(Map.of("CIPHERPOST_HOME", alice.toString(),
                PassphraseReader.ENVIRONMENT_VARIABLE, PASSPHRASE), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), new FakeTerminal(false)))
                .unlock(new PassphraseOptions())) {
            return SecretBytes.wrap(identity.seed().copy());
        }
    }

    private String generate(final Path home) throws IOException {
        Files.createDirectories(home);
        final Result generated = run(home, new FakeTerminal(false), new byte[0], "identity", "generate",
                "--kdf-memory", "8192", "--kdf-iterations", "1", "--json");
        assertEquals(0, generated.code(), generated.err());
        final Matcher matcher = Pattern.compile("\"z32\" : \"([a-z0-9]{52})\"").matcher(generated.out());
        assertTrue(matcher.find(), generated.out());
        return matcher.group(1);
    }

    private Result run(final Path home, final Terminal terminal, final byte[] stdin, final String... args) {
        final Map<String, String> environment = new HashMap<>();
        environment.put("CIPHERPOST_HOME", home.toString());
        environment.put(PassphraseReader.ENVIRONMENT_VARIABLE, PASSPHRASE);
        final List<String> all = new ArrayList<>(List.of(args));
        if (List.of("send", "receive", "receipts", "dht", "revoke", "republish").contains(args[0]) && !all.contains("--help")) {
            all.addAll(List.of("--bootstrap", bootstrap, "--testnet"));
        }
        environment.remove(PkarrSettings.RELAY_VARIABLE);
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        final int code = Cli.run(all.toArray(String[]::new), new CliContext(environment,
                new ByteArrayInputStream(stdin), new BinaryPrintWriter(stdout), new PrintWriter(err, true), terminal));
        return new Result(code, stdout.toByteArray(), err.toString());
    }
}
