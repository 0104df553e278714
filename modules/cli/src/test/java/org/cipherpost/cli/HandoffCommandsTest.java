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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.cipherpost.wire.DhtLabels;
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
        testnet = Testnet.start(20);
        node = DhtNode.start(testnet.clientConfig().build());
        transport = PkarrTransport.dht(node);
        bootstrap = testnet.bootstrap().stream().map(address -> "127.0.0.1:" + address.getPort())
                .collect(Collectors.joining(","));
    }

    @AfterAll
    static void stopNetwork() {
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
        assertEquals(1, terminal.prompts.size());
        assertEquals("hunter2", Files.readString(output));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(output)));
        assertEquals(0, received.stdout().length);
        assertTrue(received.err().contains("Share from:   " + aliceKey), received.err());
        assertTrue(received.err().contains("Fingerprint:  SHA256:"), received.err());
        assertTrue(received.err().contains("Material:     generic_secret, 7 bytes"), received.err());

        final List<String> names = names(bobKey);
        final String shareRef = uri.substring(uri.lastIndexOf('/') + 1);
        assertTrue(names.contains("_other"), names::toString);
        assertTrue(names.contains("_cprcpt-" + shareRef), names::toString);

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
        final long timestamp = timestamp(bobKey);
        final Result again = run(bob, new FakeTerminal(true), new byte[0], "receive", uri, "-o", output.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("already accepted at"), again.err());
        assertFalse(Files.exists(output));
        assertEquals(timestamp, timestamp(bobKey), "no second receipt published");
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

        final Result accepted = run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", aliceKey);
        assertEquals(0, accepted.code(), accepted.err());
        assertEquals("value", accepted.out());
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
    void sizeCapsExitFiveBeforePublishing() {
        final Result cap = run(alice, new FakeTerminal(false), new byte[65537], "send", "--self", "-p", "p",
                "--material-file", "-");
        assertEquals(ExitCodes.SIZE, cap.code(), cap.err());
        assertTrue(cap.err().contains("65536"), cap.err());
        final Result packet = run(alice, new FakeTerminal(false), new byte[900], "send", "--self", "-p", "p",
                "--material-file", "-");
        assertEquals(ExitCodes.SIZE, packet.code(), packet.err());
        assertTrue(packet.err().matches("(?s).*the records need \\d{4} bytes; a PKARR packet holds at most 1000.*"),
                packet.err());
    }

    @Test
    void sendKeepsOtherRecordsSoAReceiptLeavesNoRoomForAShare() throws Exception {
        final String uri = send(bobKey, "p", "v");
        assertEquals(0, run(bob, new FakeTerminal(false), new byte[0], "receive", uri, "--accept", aliceKey).code());
        final Result blocked = run(bob, new FakeTerminal(false), "x".getBytes(StandardCharsets.UTF_8), "send",
                "--self", "-p", "p", "--material-file", "-");
        assertEquals(ExitCodes.SIZE, blocked.code(), blocked.err());
        assertTrue(blocked.err().matches("(?s).*the records need 1\\d{3} bytes; a PKARR packet holds at most 1000.*"),
                blocked.err());
        assertEquals(List.of("_cprcpt-" + uri.substring(uri.lastIndexOf('/') + 1)), names(bobKey));
    }

    @Test
    void helpShowsExamples() {
        for (final String command : List.of("send", "receive", "receipts")) {
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

    private static long timestamp(final String key) throws Exception {
        return PkarrClient.create(transport).resolve(PublicKeys.parseZ32(key)).packet().orElseThrow().timestamp();
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
        if (List.of("send", "receive", "receipts", "dht").contains(args[0]) && !all.contains("--help")) {
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
