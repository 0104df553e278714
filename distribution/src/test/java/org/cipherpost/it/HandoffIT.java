package org.cipherpost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cipherpost.dht.Testnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code send}, {@code receive}, {@code receipts}, {@code revoke}, {@code republish} and {@code demo} through the real launcher. */
class HandoffIT {
    private static final List<String> FAST = List.of("--kdf-memory", "8192", "--kdf-iterations", "1");
    private static final String PASS = "correct horse battery staple";
    private static final Pattern Z32 = Pattern.compile("Public key \\(z-base-32\\):\\s+([a-z0-9]{52})");
    private static final Pattern URI = Pattern.compile("cipherpost://[a-z0-9]{52}/[0-9a-f]{32}");

    private static Testnet testnet;
    private static String bootstrap;

    @BeforeAll
    static void start() throws Exception {
        // Chunked shares put a few dozen items from one client: lift the per-source rate limit of the open DHT.
        testnet = Testnet.start(20, org.cipherpost.dht.DhtConfig.builder().rateLimit(100_000, 100_000).build());
        bootstrap = testnet.bootstrap().stream().map(address -> "127.0.0.1:" + address.getPort())
                .collect(Collectors.joining(","));
    }

    @AfterAll
    static void stop() {
        testnet.close();
    }

    private static LaunchResult net(final Launcher launcher, final String... args) throws Exception {
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", bootstrap, "--testnet"));
        return launcher.run(all);
    }

    private static String identity(final Launcher launcher) throws Exception {
        final List<String> args = new ArrayList<>(List.of("identity", "generate"));
        args.addAll(FAST);
        final LaunchResult generated = launcher.run(args);
        assertEquals(0, generated.exitCode(), generated::describe);
        final Matcher matcher = Z32.matcher(generated.out() + generated.err());
        assertTrue(matcher.find(), generated::describe);
        return matcher.group(1);
    }

    @Test
    void shareReceiveReceiptRevokeAndRepublish() throws Exception {
        final Launcher alice = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS);
        final Launcher bob = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS);
        final String aliceKey = identity(alice);
        final String bobKey = identity(bob);

        final LaunchResult sent = net(alice.withStdin("s3cret\n"), "send", "--share", bobKey, "-p", "db password",
                "--material-file", "-", "--ttl", "1h");
        assertEquals(0, sent.exitCode(), sent::describe);
        final String uri = sent.out().strip();
        assertTrue(URI.matcher(uri).matches(), sent::describe);

        final Path output = Launcher.newPrivateDirectory("handoff-").resolve("secret.txt");
        final LaunchResult declined = net(bob, "receive", uri, "--accept", bobKey, "-o", output.toString());
        assertEquals(7, declined.exitCode(), declined::describe);
        assertFalse(Files.exists(output));

        final LaunchResult received = net(bob, "receive", uri, "--accept", aliceKey, "-o", output.toString());
        assertEquals(0, received.exitCode(), received::describe);
        assertEquals("s3cret\n", Files.readString(output));
        assertTrue(received.err().contains("Purpose:      db password"), received::describe);

        final LaunchResult receipts = net(alice, "receipts", "--from", bobKey, "--json");
        assertEquals(0, receipts.exitCode(), receipts::describe);
        assertTrue(receipts.out().contains("\"valid\" : true"), receipts::describe);

        final LaunchResult second = net(alice.withStdin("other\n"), "send", "--share", bobKey, "-p", "oops",
                "--material-file", "-");
        assertEquals(0, second.exitCode(), second::describe);
        final String secondUri = second.out().strip();
        final LaunchResult revoked = net(alice, "revoke", secondUri);
        assertEquals(0, revoked.exitCode(), revoked::describe);
        final LaunchResult withdrawn = net(bob, "receive", secondUri, "--accept", aliceKey);
        assertEquals(2, withdrawn.exitCode(), withdrawn::describe);
        assertTrue(withdrawn.err().contains("was withdrawn by its sender at"), withdrawn::describe);

        final LaunchResult republished = net(alice, "republish", "--json");
        assertEquals(0, republished.exitCode(), republished::describe);
        assertTrue(republished.out().contains("\"shares\":1"), republished::describe);
    }

    @Test
    void chunkedPinShareAndAnSshKeyThroughTheLauncher() throws Exception {
        final Launcher alice = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS);
        final Launcher bob = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS);
        final String aliceKey = identity(alice);
        final String bobKey = identity(bob);
        final Path work = Launcher.newPrivateDirectory("chunked-");
        final byte[] secret = new byte[8192];
        new java.security.SecureRandom().nextBytes(secret);
        final Path secretFile = Files.write(work.resolve("secret.bin"), secret);
        final Path pin = Files.writeString(work.resolve("pin"), "launcher-pin-8841\n");
        final Path wrongPin = Files.writeString(work.resolve("wrong-pin"), "launcher-pin-8842\n");
        for (final Path file : List.of(pin, wrongPin)) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }

        final LaunchResult sent = net(alice, "send", "--share", bobKey, "-p", "big and pinned", "--material-file",
                secretFile.toString(), "--pin-file", pin.toString(), "--burn");
        assertEquals(0, sent.exitCode(), sent::describe);
        assertTrue(sent.err().contains("protocol_version 2"), sent::describe);
        final String uri = sent.out().strip();
        final Path output = work.resolve("out.bin");
        final LaunchResult wrong = net(bob, "receive", uri, "--accept", aliceKey, "--pin-file", wrongPin.toString(),
                "-o", output.toString());
        assertEquals(4, wrong.exitCode(), wrong::describe);
        assertTrue(wrong.err().contains("wrong passphrase for identity file"), wrong::describe);
        assertFalse(Files.exists(output));
        final LaunchResult right = net(bob, "receive", uri, "--accept", aliceKey, "--pin-file", pin.toString(),
                "-o", output.toString());
        assertEquals(0, right.exitCode(), right::describe);
        org.junit.jupiter.api.Assertions.assertArrayEquals(secret, Files.readAllBytes(output));
        final LaunchResult burned = net(bob, "receive", uri, "--accept", aliceKey, "--pin-file", pin.toString());
        assertEquals(7, burned.exitCode(), burned::describe);

        final Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "rsa", "-b", "4096", "-N", "", "-f",
                work.resolve("id_rsa").toString()).redirectErrorStream(true).start();
        keygen.getInputStream().readAllBytes();
        assertEquals(0, keygen.waitFor());
        final LaunchResult key = net(alice, "send", "--share", bobKey, "-p", "deploy key", "--material", "ssh-key",
                "--material-file", work.resolve("id_rsa").toString());
        assertEquals(0, key.exitCode(), key::describe);
        final Path keyOut = work.resolve("id_rsa.out");
        final LaunchResult keyReceived = net(bob, "receive", key.out().strip(), "--accept", aliceKey, "-o",
                keyOut.toString());
        assertEquals(0, keyReceived.exitCode(), keyReceived::describe);
        assertTrue(keyReceived.err().contains("Material:     ssh-key, "), keyReceived::describe);
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(work.resolve("id_rsa")),
                Files.readAllBytes(keyOut));
    }

    /** A PEM certificate goes through the x509 plugin: canonical DER on the wire, a preview before acceptance. */
    @Test
    void certificateIsCheckedPreviewedAndArmoredByItsPlugin() throws Exception {
        final Launcher alice = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS);
        final Launcher bob = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS);
        final String aliceKey = identity(alice);
        final String bobKey = identity(bob);
        final Path work = Launcher.newPrivateDirectory("certificate-");
        final byte[] der = Files.readAllBytes(Path.of(System.getProperty("cipherpost.root"))
                .resolve("../shared/vectors/cipherpost-v1/x509_cert_fixture.der"));
        final String pem = "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
        final Path pemFile = Files.writeString(work.resolve("cert.pem"), pem);
        final Path garbage = Files.writeString(work.resolve("not-a-cert.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");

        final LaunchResult refused = net(alice, "send", "--share", bobKey, "-p", "tls", "--material", "x509-cert",
                "--material-file", garbage.toString());
        assertEquals(1, refused.exitCode(), refused::describe);
        assertTrue(refused.err().startsWith("cipherpost: invalid x509-cert material: "), refused::describe);

        final LaunchResult sent = net(alice, "send", "--share", bobKey, "-p", "tls", "--material", "x509-cert",
                "--material-file", pemFile.toString());
        assertEquals(0, sent.exitCode(), sent::describe);
        final Path derOut = work.resolve("cert.der");
        final LaunchResult received = net(bob, "receive", sent.out().strip(), "--accept", aliceKey, "-o",
                derOut.toString());
        assertEquals(0, received.exitCode(), received::describe);
        assertTrue(received.err().contains("Material:     x509-cert, " + der.length + " bytes"), received::describe);
        assertTrue(received.err().contains("Subject:      CN=cipherpost-fixture"), received::describe);
        org.junit.jupiter.api.Assertions.assertArrayEquals(der, Files.readAllBytes(derOut), "PEM in, DER on the wire");

        final LaunchResult again = net(alice, "send", "--share", bobKey, "-p", "tls", "--material", "x509-cert",
                "--material-file", pemFile.toString());
        assertEquals(0, again.exitCode(), again::describe);
        final LaunchResult armored = net(bob, "receive", again.out().strip(), "--accept", aliceKey, "--armor");
        assertEquals(0, armored.exitCode(), armored::describe);
        assertEquals(pem.replace("\n", ""), armored.out().replace("\r", "").replace("\n", ""), armored::describe);
    }

    @Test
    void demoNarratesAHandoffAndExitsZero() throws Exception {
        final LaunchResult demo = Launcher.cipherpost().withTimeout(java.time.Duration.ofSeconds(120)).run("demo");
        assertEquals(0, demo.exitCode(), demo::describe);
        assertTrue(demo.out().contains("bob's file now holds: staging-db"), demo::describe);
        assertTrue(demo.out().contains("Status:           valid"), demo::describe);
    }
}
