package org.cipherpost.cli.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.NoMatchingIdentityException;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code vault unlock | lock} with the real background agent process, and the agent server in process. */
@Timeout(120)
class VaultAgentTest {
    @TempDir
    Path root;

    private VaultCli cli;

    @AfterEach
    void lockAgent() {
        if (cli != null) {
            cli.vault("lock");
        }
    }

    private Path socket() {
        return AgentPaths.socket(Map.of(AgentPaths.RUNTIME_VARIABLE, cli.env(AgentPaths.RUNTIME_VARIABLE)),
                VaultOptions.of(cli.vault(), cli.home()));
    }

    private void initWithEntry() {
        cli = VaultCli.in(root);
        assertEquals(0, cli.init().exitCode());
        assertEquals(0, cli.withStdin("agent-secret\n").vault("add", "mail", "--stdin").exitCode());
    }

    @Test
    void unlockThenShowWithoutPassphraseThenLock() throws IOException {
        initWithEntry();
        final VaultCli.Result unlocked = cli.vault("unlock", "--timeout", "5m");
        assertEquals(0, unlocked.exitCode(), unlocked::describe);
        assertTrue(unlocked.err().contains("vault unlocked until"), unlocked::describe);
        assertTrue(Files.exists(socket()));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket().getParent())));

        final VaultCli locked = cli.withoutPassphrase();
        final VaultCli.Result shown = locked.vault("show", "mail");
        assertEquals(0, shown.exitCode(), shown::describe);
        assertEquals("agent-secret\nname: mail\n", shown.out());
        assertEquals(0, locked.withStdin("more\n").vault("add", "more", "--stdin").exitCode(), "writes work too");
        final Map<Path, byte[]> before = keyFiles();
        try (AgeIdentity phone = AgeIdentity.generate()) {
            final VaultCli.Result added = locked.vault("device", "add", phone.recipient().encoded(), "--name", "phone");
            assertEquals(0, added.exitCode(), added::describe);
        }
        final Map<Path, byte[]> keysAfter = keyFiles();
        assertEquals(before.keySet(), keysAfter.keySet());
        for (final Map.Entry<Path, byte[]> file : before.entrySet()) {
            assertArrayEquals(file.getValue(), keysAfter.get(file.getKey()),
                    "device add through the agent leaves key files alone (they are wrapped to the keyring): "
                            + file.getKey());
        }
        assertTrue(locked.vault("device", "ls").out().contains("phone"));

        final VaultCli.Result lock = locked.vault("lock");
        assertEquals(0, lock.exitCode(), lock::describe);
        assertTrue(lock.err().contains("vault locked"), lock::describe);
        assertFalse(Files.exists(socket()));
        final VaultCli.Result after = locked.vault("show", "mail");
        assertEquals(ExitCodes.PASSPHRASE, after.exitCode(), after::describe);
        assertEquals("", after.out());
        assertTrue(locked.vault("lock").err().contains("was not unlocked"));
    }

    @Test
    void theAgentLocksItselfWhenItsTimeIsUp() throws Exception {
        initWithEntry();
        final VaultCli.Result unlocked = cli.vault("unlock", "--timeout", "1s");
        assertEquals(0, unlocked.exitCode(), unlocked::describe);
        final Matcher pid = Pattern.compile("agent pid (\\d+)").matcher(unlocked.err());
        assertTrue(pid.find(), unlocked::describe);
        final ProcessHandle agent = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
        agent.onExit().get(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(socket()), "the agent removed its socket when it expired");
        assertEquals(ExitCodes.PASSPHRASE, cli.withoutPassphrase().vault("show", "mail").exitCode());
    }

    @Test
    void aWrongPassphraseStartsNoAgent() {
        initWithEntry();
        final VaultCli.Result wrong = cli.withEnv("CIPHERPOST_PASSPHRASE", "wrong").vault("unlock");
        assertEquals(ExitCodes.PASSPHRASE, wrong.exitCode(), wrong::describe);
        assertFalse(Files.exists(socket()));
        assertEquals(ExitCodes.USAGE, cli.vault("unlock", "--timeout", "soon").exitCode());
        assertEquals(ExitCodes.USAGE, cli.vault("unlock", "--timeout", "2d").exitCode());
    }

    @Test
    void serverOpensFilesForItsKeyOnlyAndOnlyAfterTheFingerprintMatches() throws Exception {
        final Path socket = root.resolve("run/agent.sock");
        final byte[] fingerprint = new byte[32];
        fingerprint[0] = 7;
        try (AgeIdentity identity = AgeIdentity.generate(); AgeIdentity other = AgeIdentity.generate()) {
            final String recipient = identity.recipient().encoded();
            final byte[] forAgent = Age.encrypt("for the agent".getBytes(StandardCharsets.US_ASCII), List.of(identity.recipient()));
            final byte[] forOther = Age.encrypt("for another".getBytes(StandardCharsets.US_ASCII), List.of(other.recipient()));
            final AgentServer server;
            try (SecretBytes encoded = identity.encode()) {
                final byte[] input = (new String(encoded.bytes(), StandardCharsets.US_ASCII) + "\n"
                        + java.util.HexFormat.of().formatHex(fingerprint) + "\n").getBytes(StandardCharsets.US_ASCII);
                server = AgentMain.start(socket, Duration.ofMinutes(1), new ByteArrayInputStream(input));
            }
            try (server) {
                final AgentClient client = new AgentClient(socket);
                assertTrue(client.present());
                assertNull(client.info(new byte[32]), "another device key file");
                assertEquals(recipient, client.info(fingerprint).recipient());
                assertEquals(ProcessHandle.current().pid(), client.info(fingerprint).pid());
                try (SecretBytes plaintext = client.decrypt(forAgent)) {
                    assertArrayEquals("for the agent".getBytes(StandardCharsets.US_ASCII), plaintext.bytes());
                }
                assertThrows(NoMatchingIdentityException.class, () -> client.decrypt(forOther));
                assertThrows(IOException.class, () -> client.decrypt("not age".getBytes(StandardCharsets.US_ASCII)));
                client.lock();
                server.awaitStop();
                assertFalse(Files.exists(socket));
                assertThrows(AgentUnavailableException.class, () -> client.decrypt(forAgent));
            }
        }
    }

    @Test
    void serverShowsEntriesOfItsVaultAndLeavesEverythingElseToTheCli() throws Exception {
        initWithEntry();
        final VaultOptions options = VaultOptions.of(cli.vault(), cli.home());
        final byte[] fingerprint;
        try (Stream<Path> keys = Files.list(cli.home().resolve("vault-devices"))) {
            final Path deviceKey = keys.filter(path -> path.toString().endsWith(".key")).findFirst().orElseThrow();
            fingerprint = Fingerprints.sha256(Files.readAllBytes(deviceKey));
        }
        final Path socket = root.resolve("run/show.sock");
        final AgentServer server;
        try (SecretBytes passphrase = SecretBytes.copyOf(VaultCli.PASSPHRASE.getBytes(StandardCharsets.UTF_8));
             SecretBytes identity = Vaults.exportDeviceIdentity(options, passphrase)) {
            final byte[] input = (new String(identity.bytes(), StandardCharsets.US_ASCII) + "\n"
                    + java.util.HexFormat.of().formatHex(fingerprint) + "\n").getBytes(StandardCharsets.US_ASCII);
            server = AgentMain.start(socket, Duration.ofMinutes(1), new ByteArrayInputStream(input), options);
        }
        try (server) {
            final Shown shown = show(socket, "mail".getBytes(StandardCharsets.UTF_8));
            assertEquals(AgentProtocol.OK, shown.status());
            assertArrayEquals(ByteBuffer.allocate(4).putInt(0).array(), java.util.Arrays.copyOf(shown.payload(), 4),
                    "no warnings");
            assertEquals("agent-secret\nname: mail\n", new String(shown.payload(), 4, shown.payload().length - 4,
                    StandardCharsets.UTF_8));
            assertEquals(AgentProtocol.UNSUPPORTED, show(socket, "nothing".getBytes(StandardCharsets.UTF_8)).status());
            assertEquals(AgentProtocol.UNSUPPORTED, show(socket, new byte[0]).status());
            assertEquals(AgentProtocol.BAD_REQUEST, show(socket, new byte[] {(byte) 0xC3}).status(), "not UTF-8");

            assertEquals(0, cli.withStdin("changed\n").vault("add", "later", "--stdin", "--field", "username=bob").exitCode());
            final Shown later = show(socket, "later".getBytes(StandardCharsets.UTF_8));
            assertEquals(AgentProtocol.OK, later.status(), "entries added by another process are found");
            final Shown found = request(socket, AgentProtocol.FIND, "BOB".getBytes(StandardCharsets.UTF_8));
            assertEquals(AgentProtocol.OK, found.status());
            assertEquals(cli.vault("find", "BOB").out(), new String(found.payload(), 4, found.payload().length - 4,
                    StandardCharsets.UTF_8), "the CLI's lines");
            assertEquals("later  user=bob\n", cli.vault("find", "BOB").out());
            final Shown none = request(socket, AgentProtocol.FIND, "zzz".getBytes(StandardCharsets.UTF_8));
            assertEquals(4, none.payload().length, "nothing found, no warnings");
            try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                silent.connect(UnixDomainSocketAddress.of(socket));
                assertEquals(AgentProtocol.OK, show(socket, "mail".getBytes(StandardCharsets.UTF_8)).status(),
                        "a client that sends nothing is cut off and the next one served");
                assertEquals(-1, silent.read(ByteBuffer.allocate(8)), "the silent client was closed");
            }

            try (Stream<Path> keys = Files.list(cli.home().resolve("vault-devices"))) {
                final Path deviceKey = keys.filter(path -> path.toString().endsWith(".key")).findFirst().orElseThrow();
                final byte[] bytes = Files.readAllBytes(deviceKey);
                Files.write(deviceKey, java.util.Arrays.copyOf(bytes, bytes.length + 1));
                assertEquals(AgentProtocol.UNSUPPORTED, show(socket, "mail".getBytes(StandardCharsets.UTF_8)).status(),
                        "a replaced device key file is the CLI's to handle, as its info request would be refused");
                Files.write(deviceKey, bytes);
                assertEquals(AgentProtocol.OK, show(socket, "mail".getBytes(StandardCharsets.UTF_8)).status());
            }
        }
        assertFalse(Files.exists(socket));
    }

    @Test
    @SuppressWarnings("try")
    void serverStartedWithoutItsVaultShowsNothingAndAReplacedDeviceKeyFileIsRefused() throws Exception {
        initWithEntry();
        final Path deviceKey;
        try (Stream<Path> keys = Files.list(cli.home().resolve("vault-devices"))) {
            deviceKey = keys.filter(path -> path.toString().endsWith(".key")).findFirst().orElseThrow();
        }
        final VaultOptions options = VaultOptions.of(cli.vault(), cli.home());
        try (SecretBytes passphrase = SecretBytes.copyOf(VaultCli.PASSPHRASE.getBytes(StandardCharsets.UTF_8));
             SecretBytes identity = Vaults.exportDeviceIdentity(options, passphrase)) {
            final String text = new String(identity.bytes(), StandardCharsets.US_ASCII);
            final Path bare = root.resolve("run/bare.sock");
            try (AgentServer server = AgentMain.start(bare, Duration.ofMinutes(1), new ByteArrayInputStream(
                    (text + "\n" + "00".repeat(32) + "\n").getBytes(StandardCharsets.US_ASCII)))) {
                assertEquals(AgentProtocol.UNSUPPORTED, show(bare, "mail".getBytes(StandardCharsets.UTF_8)).status());
            }
            final Path other = root.resolve("run/other.sock");
            final byte[] wrongFingerprint = Fingerprints.sha256("another device key file".getBytes(StandardCharsets.UTF_8));
            try (AgentServer server = AgentMain.start(other, Duration.ofMinutes(1), new ByteArrayInputStream(
                    (text + "\n" + java.util.HexFormat.of().formatHex(wrongFingerprint) + "\n")
                            .getBytes(StandardCharsets.US_ASCII)), options)) {
                assertEquals(AgentProtocol.UNSUPPORTED, show(other, "mail".getBytes(StandardCharsets.UTF_8)).status(),
                        "the device key file [" + deviceKey + "] is not the one this key came from");
            }
        }
    }

    /** Reads every key file of the vault. */
    private Map<Path, byte[]> keyFiles() throws IOException {
        final Map<Path, byte[]> files = new java.util.TreeMap<>();
        try (Stream<Path> keys = Files.list(cli.vault().resolve("keys"))) {
            for (final Path key : keys.toList()) {
                files.put(key.getFileName(), Files.readAllBytes(key));
            }
        }
        return files;
    }

    /** A show response. */
    private record Shown(byte status, byte[] payload) {
    }

    /** Sends a show request as the thin client does. */
    private static Shown show(final Path socket, final byte[] name) throws IOException {
        return request(socket, AgentProtocol.SHOW, name);
    }

    /** Sends a request as the thin client does. */
    private static Shown request(final Path socket, final byte op, final byte[] body) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            AgentProtocol.writeRequest(Channels.newOutputStream(channel), op, body);
            final java.io.InputStream in = Channels.newInputStream(channel);
            final byte status = AgentProtocol.readStatus(in);
            try (SecretBytes payload = AgentProtocol.readPayload(in)) {
                return new Shown(status, payload.copy());
            }
        }
    }

    @Test
    void theServerAnswersOnlyPeersOfTheSameUser() throws Exception {
        assumeTrue(AgentPaths.currentUid() == 0 && Files.isExecutable(Path.of("/usr/bin/setpriv"))
                && Files.isExecutable(Path.of("/usr/bin/python3")), "needs root, setpriv and python3 to act as another user");
        final Path base = Files.createTempDirectory("cp-peer-");
        try {
            final Path socket = base.resolve("run/a.sock");
            try (AgentServer server = AgentServer.start(socket, AgeIdentity.generate(), new byte[32], Duration.ofMinutes(1),
                    Clock.systemUTC())) {
                for (final Path open : List.of(base, socket.getParent())) {
                    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwx--x--x"));
                }
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
                assertNotEquals("0", infoRequestAs(List.of(), socket), "this user gets an answer");
                assertEquals("0", infoRequestAs(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                        "--clear-groups"), socket), "another user gets the connection closed");
                assertTrue(server.expiry().isAfter(java.time.Instant.now()));
            }
        } finally {
            try (var walk = Files.walk(base)) {
                for (final Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** Sends an info request from python3 (run through a prefix such as setpriv) and returns how many bytes came back. */
    private static String infoRequestAs(final List<String> prefix, final Path socket) throws Exception {
        final List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(List.of("/usr/bin/python3", "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX)
                s.connect(sys.argv[1])
                n = 0
                try:
                    s.sendall(bytes([1, 73, 0, 0, 0, 32]) + bytes(32))
                    while True:
                        d = s.recv(100)
                        if not d:
                            break
                        n += len(d)
                except (ConnectionResetError, BrokenPipeError):
                    pass
                print(n)
                """, socket.toString()));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void theAgentRefusesMalformedInputAndAnOpenDirectory() throws Exception {
        final Path socket = root.resolve("run/agent.sock");
        assertThrows(IOException.class, () -> AgentMain.start(socket, Duration.ofMinutes(1),
                new ByteArrayInputStream("no newline".getBytes(StandardCharsets.US_ASCII))));
        assertThrows(IOException.class, () -> AgentMain.start(socket, Duration.ofMinutes(1),
                new ByteArrayInputStream("AGE-SECRET-KEY-1\nzz\n".getBytes(StandardCharsets.US_ASCII))));
        final Path open = Files.createDirectory(root.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        final AgeIdentity identity = AgeIdentity.generate();
        final IOException refused = assertThrows(IOException.class, () -> AgentServer.start(open.resolve("a.sock"),
                identity, new byte[32], Duration.ofMinutes(1), Clock.systemUTC()));
        assertTrue(refused.getMessage().contains("must be 0700"), refused.getMessage());
        assertTrue(identity.isDestroyed(), "the refused key was wiped");
    }
}
