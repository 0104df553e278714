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
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cipherpost.dht.DhtConfig;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.PkarrSettings;
import org.cipherpost.dht.SaltedItemStore;
import org.cipherpost.dht.Testnet;
import org.cipherpost.testing.Nginx;
import org.cipherpost.testing.PubkyHomeserver;
import org.cipherpost.wire.ItemSalts;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.ShareRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code send-large} / {@code receive-large} in process against a 20-node testnet and a real WebDAV nginx. */
@Timeout(180)
class LargeHandoffCommandsTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final Pattern URI = Pattern.compile("cipherpost://[a-z0-9]{52}/[0-9a-f]{32}");

    private static Testnet testnet;
    private static DhtNode node;
    private static String bootstrap;
    private static Nginx nginx;
    private static Path nginxDirectory;

    @TempDir
    Path temp;

    private Path alice;
    private Path bob;
    private String aliceKey;
    private String bobKey;
    private Path tokenFile;
    private String lastAddress;

    private record Result(int code, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        testnet = Testnet.start(20, DhtConfig.builder().rateLimit(100_000, 100_000).build());
        node = DhtNode.start(testnet.clientConfig().build());
        bootstrap = testnet.bootstrap().stream().map(address -> "127.0.0.1:" + address.getPort())
                .collect(Collectors.joining(","));
        nginxDirectory = Files.createTempDirectory("cipherpost-nginx-");
        nginx = Nginx.start(nginxDirectory, Nginx.Reads.PUBLIC);
    }

    @AfterAll
    static void stop() throws IOException {
        nginx.close();
        node.close();
        testnet.close();
        try (Stream<Path> paths = Files.walk(nginxDirectory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @BeforeEach
    void identities() throws IOException {
        alice = temp.resolve("alice");
        bob = temp.resolve("bob");
        aliceKey = generate(alice);
        bobKey = generate(bob);
        tokenFile = temp.resolve("token");
        Files.writeString(tokenFile, Nginx.TOKEN + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    }

    /** A directory of a few files, one of them 3 MiB of random bytes, in a nested folder. */
    private Path tree() throws IOException {
        final Path source = Files.createDirectories(temp.resolve("source/nested"));
        final byte[] big = new byte[3 << 20];
        new SecureRandom().nextBytes(big);
        Files.write(source.resolve("big.bin"), big);
        Files.writeString(source.getParent().resolve("readme.txt"), "hello large world\n");
        return source.getParent();
    }

    private String sendLarge(final Path source) {
        final Result sent = run(alice, "send-large", "--share", bobKey, "-p", "backup", source.toString(),
                "--blob-store", nginx.base().toString(), "--blob-token-file", tokenFile.toString());
        assertEquals(0, sent.code(), sent.err());
        assertTrue(sent.err().contains("upload ["), sent.err());
        final Matcher address = Pattern.compile("SHA-256 ([0-9a-f]{64})").matcher(sent.err());
        assertTrue(address.find(), sent.err());
        lastAddress = address.group(1);
        assertTrue(Files.isRegularFile(nginx.blobs().resolve(lastAddress + ".age")), "the blob is on the server");
        final Matcher matcher = URI.matcher(sent.out());
        assertTrue(matcher.find(), sent.out());
        return matcher.group();
    }

    @Test
    void sendLargeAndReceiveLargeRoundTripWithReceipt() throws Exception {
        final Path source = tree();
        final long t0 = System.nanoTime();
        final String uri = sendLarge(source);
        final long t1 = System.nanoTime();
        final Path out = temp.resolve("out");
        final Result received = run(bob, "receive-large", uri, "-o", out.toString(), "--accept", aliceKey);
        final long t2 = System.nanoTime();
        assertEquals(0, received.code(), received.err());
        assertTrue(received.err().contains("SHA-256:      "), received.err());
        assertTrue(received.err().contains("download ["), received.err());
        assertTrue(received.err().contains("Accepted; receipt published"), received.err());
        assertArrayEquals(Files.readAllBytes(source.resolve("nested/big.bin")),
                Files.readAllBytes(out.resolve("nested/big.bin")));
        assertEquals("hello large world\n", Files.readString(out.resolve("readme.txt")));
        final String shareRef = uri.substring(uri.lastIndexOf('/') + 1);
        assertTrue(SaltedItemStore.dht(node).get(PublicKeys.parseZ32(bobKey), ItemSalts.receipt(ShareRef.parse(
                shareRef))).value().isPresent(), "receipt published");
        System.out.printf("send-large + receive-large of 3 MiB on loopback: send %d ms, receive %d ms%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);

        final Result again = run(bob, "receive-large", uri, "-o", temp.resolve("again").toString(), "--accept",
                aliceKey);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("already accepted"), again.err());
        assertFalse(Files.exists(temp.resolve("again")));
    }

    @Test
    void receiveRefusesLargeSharesAndReceiveLargeRefusesSmallOnes() throws Exception {
        final String large = sendLarge(tree());
        final Result plain = run(bob, "receive", large, "--accept", aliceKey);
        assertEquals(ExitCodes.USAGE, plain.code(), plain.err());
        assertTrue(plain.err().contains("receive-large"), plain.err());
        assertEquals(0, plain.stdout().length);

        final Result small = run(alice, "send", "--share", bobKey, "-p", "p", "--material-file", "-");
        assertEquals(0, small.code(), small.err());
        final Path out = temp.resolve("small");
        final Result wrongTool = run(bob, "receive-large", small.out().strip(), "-o", out.toString(), "--accept",
                aliceKey);
        assertEquals(ExitCodes.USAGE, wrongTool.code(), wrongTool.err());
        assertTrue(wrongTool.err().contains("cipherpost receive "), wrongTool.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void tamperedBlobExitsThreeWithNothingWrittenAndNoReceipt() throws Exception {
        final String uri = sendLarge(tree());
        final Path blob = nginx.blobs().resolve(lastAddress + ".age");
        final byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(blob, bytes);
        final Path out = temp.resolve("out");
        final Result received = run(bob, "receive-large", uri, "-o", out.toString(), "--accept", aliceKey);
        assertEquals(ExitCodes.SIGNATURE, received.code(), received.err());
        assertFalse(Files.exists(out), "nothing written");
        final String shareRef = uri.substring(uri.lastIndexOf('/') + 1);
        assertTrue(SaltedItemStore.dht(node).get(PublicKeys.parseZ32(bobKey), ItemSalts.receipt(ShareRef.parse(
                shareRef))).value().isEmpty(), "no receipt");
        try (Stream<Path> spool = Files.list(bob.resolve("spool"))) {
            assertTrue(spool.noneMatch(path -> path.toString().endsWith(".part")), "the bad download is deleted");
        }
    }

    @Test
    void anInterruptedDownloadResumesFromThePartialFile() throws Exception {
        final String uri = sendLarge(tree());
        final Path blob = nginx.blobs().resolve(lastAddress + ".age");
        // What a cut connection leaves behind: the first part of the blob under <sha256>.age.part in the spool.
        final byte[] bytes = Files.readAllBytes(blob);
        final String address = lastAddress;
        final Path spool = Files.createDirectories(bob.resolve("spool"));
        Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwx------"));
        final Path partial = spool.resolve(address + ".age.part");
        // A wrong prefix proves the kept bytes are used (resumed, not downloaded again): the hash then fails.
        final byte[] wrongPrefix = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        wrongPrefix[10] ^= 0x01;
        Files.write(partial, wrongPrefix);
        final Result kept = run(bob, "receive-large", uri, "-o", temp.resolve("first").toString(), "--accept",
                aliceKey);
        assertEquals(ExitCodes.SIGNATURE, kept.code(), kept.err());
        assertFalse(Files.exists(temp.resolve("first")));

        Files.write(partial, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        final Path out = temp.resolve("out");
        final Result resumed = run(bob, "receive-large", uri, "-o", out.toString(), "--accept", aliceKey);
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals("hello large world\n", Files.readString(out.resolve("readme.txt")));
    }

    @Test
    void targetAndTokenRules() throws Exception {
        final String uri = sendLarge(tree());
        final Path busy = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(busy.resolve("mine.txt"), "keep");
        final Result refused = run(bob, "receive-large", uri, "-o", busy.toString(), "--accept", aliceKey);
        assertEquals(ExitCodes.GENERIC, refused.code(), refused.err());
        assertTrue(refused.err().contains("--force-nonempty"), refused.err());
        final Result forced = run(bob, "receive-large", uri, "-o", busy.toString(), "--accept", aliceKey,
                "--force-nonempty", "--blob-store", nginx.base().toString(), "--blob-token-file",
                tokenFile.toString());
        assertEquals(0, forced.code(), forced.err());
        assertEquals("keep", Files.readString(busy.resolve("mine.txt")));
        assertTrue(Files.exists(busy.resolve("readme.txt")));

        final Path loose = temp.resolve("loose-token");
        Files.writeString(loose, Nginx.TOKEN);
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        final Result looseToken = run(alice, "send-large", "--self", "-p", "p", temp.resolve("source").toString(),
                "--blob-store", nginx.base().toString(), "--blob-token-file", loose.toString());
        assertEquals(ExitCodes.GENERIC, looseToken.code(), looseToken.err());
        assertTrue(looseToken.err().contains("must be 0600 or 0400"), looseToken.err());
        final Result tokenWithoutStore = run(bob, "receive-large", uri, "-o", temp.resolve("x").toString(),
                "--blob-token-file", tokenFile.toString(), "--accept", aliceKey);
        assertEquals(ExitCodes.USAGE, tokenWithoutStore.code(), tokenWithoutStore.err());
    }

    @Test
    void sendLargeSignsInToAPubkyHomeserverWithTheIdentityAndReceiveLargeReadsPublicly() throws Exception {
        try (PubkyHomeserver homeserver = PubkyHomeserver.start()) {
            homeserver.signUp(aliceKey);
            final String store = "pubky+http://" + homeserver.authority();
            final Path source = tree();
            final Result sent = run(alice, "send-large", "--share", bobKey, "-p", "backup", source.toString(),
                    "--blob-store", store);
            assertEquals(0, sent.code(), sent.err());
            assertTrue(sent.err().contains("Signing in to pubky homeserver"), sent.err());
            final Matcher address = Pattern.compile("SHA-256 ([0-9a-f]{64})").matcher(sent.err());
            assertTrue(address.find(), sent.err());
            final byte[] blob = homeserver.file(aliceKey, "/pub/cipherpost/blobs/" + address.group(1) + ".age");
            assertTrue(blob != null && blob.length > 3 << 20, "the blob is under alice's /pub/");
            assertEquals(0, homeserver.sessions(), "send-large signs its session out");
            final Matcher matcher = URI.matcher(sent.out());
            assertTrue(matcher.find(), sent.out());
            final String uri = matcher.group();

            // A blob on another homeserver than the one named is refused before any download.
            final Result elsewhere = run(bob, "receive-large", uri, "-o", temp.resolve("x").toString(), "--accept",
                    aliceKey, "--blob-store", "pubky+http://localhost:1");
            assertEquals(ExitCodes.NETWORK, elsewhere.code(), elsewhere.err());
            assertTrue(elsewhere.err().contains("not in this store"), elsewhere.err());
            final Path out = temp.resolve("out");
            final Result received = run(bob, "receive-large", uri, "-o", out.toString(), "--accept", aliceKey,
                    "--blob-store", store);
            assertEquals(0, received.code(), received.err());
            assertTrue(received.err().contains("pubky-host=" + aliceKey), received.err());
            assertArrayEquals(Files.readAllBytes(source.resolve("nested/big.bin")),
                    Files.readAllBytes(out.resolve("nested/big.bin")));
            assertTrue(SaltedItemStore.dht(node).get(PublicKeys.parseZ32(bobKey), ItemSalts.receipt(ShareRef.parse(
                    uri.substring(uri.lastIndexOf('/') + 1)))).value().isPresent(), "receipt published");
            assertEquals(List.of(), homeserver.refusals());

            final Result stranger = run(bob, "send-large", "--self", "-p", "p", source.toString(), "--blob-store",
                    store);
            assertEquals(ExitCodes.NETWORK, stranger.code(), stranger.err());
            assertTrue(stranger.err().contains("sign up there first"), stranger.err());
            assertFalse(stranger.err().contains("Sealing"), "signs in before sealing: " + stranger.err());
            final Result withToken = run(alice, "send-large", "--self", "-p", "p", source.toString(),
                    "--blob-store", store, "--blob-token-file", tokenFile.toString());
            assertEquals(ExitCodes.USAGE, withToken.code(), withToken.err());
            final Result remotePlain = run(alice, "send-large", "--self", "-p", "p", source.toString(),
                    "--blob-store", "pubky+http://hs.example:8080");
            assertEquals(ExitCodes.USAGE, remotePlain.code(), remotePlain.err());
            assertTrue(remotePlain.err().contains("this machine only"), remotePlain.err());
        }
    }

    private String generate(final Path home) throws IOException {
        Files.createDirectories(home);
        final Result generated = run(home, "identity", "generate", "--kdf-memory", "8192", "--kdf-iterations", "1",
                "--json");
        assertEquals(0, generated.code(), generated.err());
        final Matcher matcher = Pattern.compile("\"z32\" : \"([a-z0-9]{52})\"").matcher(generated.out());
        assertTrue(matcher.find(), generated.out());
        return matcher.group(1);
    }

    private Result run(final Path home, final String... args) {
        final Map<String, String> environment = new HashMap<>();
        environment.put("CIPHERPOST_HOME", home.toString());
        environment.put(PassphraseReader.ENVIRONMENT_VARIABLE, PASSPHRASE);
        environment.remove(PkarrSettings.RELAY_VARIABLE);
        final List<String> all = new ArrayList<>(List.of(args));
        if (List.of("send", "receive", "send-large", "receive-large").contains(args[0])) {
            all.addAll(List.of("--bootstrap", bootstrap, "--testnet"));
        }
        final byte[] stdin = "small secret".getBytes(StandardCharsets.UTF_8);
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        final int code = Cli.run(all.toArray(String[]::new), new CliContext(environment,
                new ByteArrayInputStream(stdin), new BinaryPrintWriter(stdout), new PrintWriter(err, true),
                new FakeTerminal(false)));
        return new Result(code, stdout.toByteArray(), err.toString());
    }
}
