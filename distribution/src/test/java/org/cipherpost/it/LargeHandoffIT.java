package org.cipherpost.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cipherpost.dht.DhtConfig;
import org.cipherpost.dht.Testnet;
import org.cipherpost.testing.Nginx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code send-large}, {@code receive-large} and {@code receipts} through the real launcher, a WebDAV nginx and a testnet. */
class LargeHandoffIT {
    private static final List<String> FAST = List.of("--kdf-memory", "8192", "--kdf-iterations", "1");
    private static final String PASS = "correct horse battery staple";
    private static final Duration LARGE_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern Z32 = Pattern.compile("Public key \\(z-base-32\\):\\s+([a-z0-9]{52})");
    private static final Pattern URI = Pattern.compile("cipherpost://[a-z0-9]{52}/([0-9a-f]{32})");
    private static final Pattern ADDRESS = Pattern.compile("SHA-256 ([0-9a-f]{64})");

    private static Testnet testnet;
    private static String bootstrap;
    private static Nginx nginx;

    private final List<LaunchResult> results = new ArrayList<>();
    private Launcher alice;
    private Launcher bob;
    private String aliceKey;
    private String bobKey;
    private Path work;
    private Path tokenFile;

    /** What one send-large printed: the share URI and the blob's content address. */
    private record Sent(String uri, String shareRef, String address) {
    }

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Nginx.BINARY), "nginx not installed");
        // A large share is one share record plus a receipt, but a small testnet sees every put: lift the rate limit.
        testnet = Testnet.start(20, DhtConfig.builder().rateLimit(100_000, 100_000).build());
        bootstrap = testnet.bootstrap().stream().map(address -> "127.0.0.1:" + address.getPort())
                .collect(Collectors.joining(","));
        nginx = Nginx.start(Launcher.newPrivateDirectory("nginx-"), Nginx.Reads.PUBLIC);
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (testnet != null) {
            testnet.close();
        }
    }

    @BeforeEach
    void identities() throws Exception {
        alice = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS).withTimeout(LARGE_TIMEOUT);
        bob = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS).withTimeout(LARGE_TIMEOUT);
        aliceKey = identity(alice);
        bobKey = identity(bob);
        work = Launcher.newPrivateDirectory("large-");
        // The token lives outside both homes, in a 0600 file created with its final mode; never on a command line.
        tokenFile = Files.createFile(work.resolve("blob-token"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, Nginx.TOKEN + "\n");
    }

    /** Round trip of a directory tree, byte for byte, and the sender verifies the recipient's receipt. */
    @Test
    void directoryTreeRoundTripsAndTheReceiptVerifies() throws Exception {
        final Path source = tree();
        final long t0 = System.nanoTime();
        final Sent sent = sendLarge(source);
        final long t1 = System.nanoTime();

        final Path target = Files.createDirectory(work.resolve("restore")).resolve("tree");
        final LaunchResult declined = net(bob, "receive-large", sent.uri(), "--accept", bobKey, "-o",
                target.toString());
        assertEquals(7, declined.exitCode(), declined::describe);
        assertFalse(Files.exists(target), "declining writes nothing");

        final long t2 = System.nanoTime();
        final LaunchResult received = net(bob, "receive-large", sent.uri(), "--accept", aliceKey, "-o",
                target.toString());
        final long t3 = System.nanoTime();
        assertEquals(0, received.exitCode(), received::describe);
        assertTrue(received.err().contains("SHA-256:      " + sent.address()), received::describe);
        assertTrue(received.err().contains("Accepted; receipt published"), received::describe);
        assertEquals(regularFiles(source), regularFiles(target), "the same files arrive");
        for (final String file : regularFiles(source)) {
            assertArrayEquals(Files.readAllBytes(source.resolve(file)), Files.readAllBytes(target.resolve(file)),
                    file);
        }
        assertSpoolHoldsNoDownload();

        final LaunchResult receipt = net(alice, "receipts", "--from", bobKey, "--share-ref", sent.shareRef());
        assertEquals(0, receipt.exitCode(), receipt::describe);
        assertTrue(receipt.out().contains("Status:           valid"), receipt::describe);
        assertTrue(receipt.out().contains("Share ref:        " + sent.shareRef()), receipt::describe);
        assertTrue(receipt.out().contains("Sender:           " + aliceKey), receipt::describe);
        final LaunchResult receipts = net(alice, "receipts", "--from", bobKey, "--json");
        assertEquals(0, receipts.exitCode(), receipts::describe);
        assertTrue(receipts.out().contains("\"valid\" : true"), receipts::describe);

        assertTokenNowhere();
        System.out.printf("LargeHandoffIT: 3 MiB tree through bin/cipherpost: send-large %d ms, receive-large %d ms%n",
                (t1 - t0) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    /** One flipped byte in the stored blob: exit 3, nothing in the target, no receipt. */
    @Test
    void tamperedBlobExitsThreeWritesNothingAndPublishesNoReceipt() throws Exception {
        final Sent sent = sendLarge(tree());
        final Path blob = nginx.blobs().resolve(sent.address() + ".age");
        final byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(blob, bytes);

        final Path parent = Files.createDirectory(work.resolve("restore"));
        final Path target = parent.resolve("tree");
        final LaunchResult received = net(bob, "receive-large", sent.uri(), "--accept", aliceKey, "-o",
                target.toString());
        assertEquals(3, received.exitCode(), received::describe);
        assertFalse(Files.exists(target), "nothing written into the target");
        try (Stream<Path> left = Files.list(parent)) {
            assertEquals(List.of(), left.toList(), "no staging directory left beside the target");
        }
        assertSpoolHoldsNoDownload();

        final LaunchResult receipt = net(alice, "receipts", "--from", bobKey, "--share-ref", sent.shareRef());
        assertEquals(6, receipt.exitCode(), receipt::describe);
        assertTrue(receipt.err().contains("no receipt for share [" + sent.shareRef() + "]"), receipt::describe);

        assertTokenNowhere();
    }

    /** A tree: a small file at the top, a 3 MiB random file in a nested folder, and a file one level deeper. */
    private Path tree() throws IOException {
        final Path source = Files.createDirectories(work.resolve("source/nested/deeper")).getParent().getParent();
        final byte[] big = new byte[3 << 20];
        new SecureRandom().nextBytes(big);
        Files.write(source.resolve("nested/big.bin"), big);
        Files.writeString(source.resolve("readme.txt"), "hello large world\n");
        Files.writeString(source.resolve("nested/deeper/config.json"), "{\"retention\": \"30d\"}\n");
        return source;
    }

    /** Runs send-large from alice to bob with the token file; checks the blob landed on nginx. */
    private Sent sendLarge(final Path source) throws Exception {
        final LaunchResult sent = net(alice, "send-large", "--share", bobKey, "-p", "backup", source.toString(),
                "--blob-store", nginx.base().toString(), "--blob-token-file", tokenFile.toString());
        assertEquals(0, sent.exitCode(), sent::describe);
        final Matcher uri = URI.matcher(sent.out().strip());
        assertTrue(uri.matches(), sent::describe);
        final Matcher address = ADDRESS.matcher(sent.err());
        assertTrue(address.find(), sent::describe);
        final Path blob = nginx.blobs().resolve(address.group(1) + ".age");
        assertTrue(Files.isRegularFile(blob) && Files.size(blob) > 3 << 20, "the sealed blob is on the server");
        return new Sent(uri.group(), uri.group(1), address.group(1));
    }

    /** Runs a command on the testnet and records its result for the token check. */
    private LaunchResult net(final Launcher launcher, final String... args) throws Exception {
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", bootstrap, "--testnet"));
        final LaunchResult result = launcher.run(all);
        results.add(result);
        return result;
    }

    /** Generates an identity in the launcher's home and returns its z-base-32 public key. */
    private String identity(final Launcher launcher) throws Exception {
        final List<String> args = new ArrayList<>(List.of("identity", "generate"));
        args.addAll(FAST);
        final LaunchResult generated = launcher.run(args);
        results.add(generated);
        assertEquals(0, generated.exitCode(), generated::describe);
        final Matcher matcher = Z32.matcher(generated.out() + generated.err());
        assertTrue(matcher.find(), generated::describe);
        return matcher.group(1);
    }

    /** Returns the relative paths of every regular file under a directory. */
    private static Set<String> regularFiles(final Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).map(path -> root.relativize(path).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Bob's spool keeps neither a verified blob nor a partial download. */
    private void assertSpoolHoldsNoDownload() throws IOException {
        final Path spool = bob.home().resolve("spool");
        if (Files.isDirectory(spool)) {
            try (Stream<Path> left = Files.list(spool)) {
                assertEquals(List.of(), left.toList(), "the download is deleted from the spool");
            }
        }
    }

    /** The token appears in no output of any run and in no file under either home. */
    private void assertTokenNowhere() throws IOException {
        final byte[] token = Nginx.TOKEN.getBytes(StandardCharsets.UTF_8);
        assertTrue(results.size() > 4, "runs recorded");
        assertTrue(contains(Files.readAllBytes(tokenFile), token), "the search finds the token where it is");
        for (final LaunchResult result : results) {
            assertFalse(contains(result.stdout(), token), result::describe);
            assertFalse(contains(result.stderr(), token), result::describe);
        }
        for (final Path home : List.of(alice.home(), bob.home())) {
            final List<Path> files;
            try (Stream<Path> paths = Files.walk(home)) {
                files = paths.filter(Files::isRegularFile).toList();
            }
            assertFalse(files.isEmpty(), "the home holds files: " + home);
            for (final Path file : files) {
                assertFalse(contains(Files.readAllBytes(file), token), "token found in " + file);
            }
        }
    }

    /** Tells whether a byte sequence occurs in another. */
    private static boolean contains(final byte[] haystack, final byte[] needle) {
        outer:
        for (int start = 0; start <= haystack.length - needle.length; start++) {
            for (int i = 0; i < needle.length; i++) {
                if (haystack[start + i] != needle[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
