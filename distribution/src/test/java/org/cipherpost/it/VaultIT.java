package org.cipherpost.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code cipherpost vault ...} and {@code ciphey ...} through the real launchers of the built image. */
class VaultIT {
    private static final List<String> FAST = List.of("--kdf-memory", "8192", "--kdf-iterations", "1");
    private static final String PASS = "correct horse battery staple";
    private static final Pattern RECOVERY_CODE = Pattern.compile("CPVR1(-[0-9A-HJKMNP-TV-Z]{5}){24}\n");
    private static final Pattern JVM_NOISE = Pattern.compile("(?m)^(WARNING|NOTE|Picked up|OpenJDK|Java HotSpot|SLF4J)");

    /** A short runtime directory: socket paths are limited to about 100 bytes. */
    private Path runtime;
    private Launcher alice;

    @BeforeEach
    void setUp() throws IOException {
        runtime = Files.createTempDirectory("cp-run-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        alice = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS).withEnv("XDG_RUNTIME_DIR", runtime.toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        alice.run("vault", "lock");
        try (Stream<Path> walk = Files.walk(runtime)) {
            for (final Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static LaunchResult init(final Launcher launcher, final String... prefix) throws Exception {
        final List<String> args = new ArrayList<>(List.of(prefix));
        args.add("init");
        args.addAll(FAST);
        final LaunchResult result = launcher.run(args);
        assertEquals(0, result.exitCode(), result::describe);
        return result;
    }

    private static void assertQuiet(final LaunchResult result) {
        assertFalse(JVM_NOISE.matcher(result.err()).find(), result::describe);
    }

    @Test
    void initAddShowListFindRemove() throws Exception {
        final LaunchResult created = init(alice, "vault");
        assertTrue(RECOVERY_CODE.matcher(created.out()).matches(), created::describe);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(alice.home().resolve("vault"))));

        final LaunchResult added = alice.withStdin("Tr0ub4dor&3\nusername: bob\ntag: mail\n")
                .run("vault", "add", "mail", "--stdin", "--field", "url=https://mail.example");
        assertEquals(0, added.exitCode(), added::describe);
        assertQuiet(added);
        final LaunchResult shown = alice.run("vault", "show", "mail");
        assertEquals("Tr0ub4dor&3\nusername: bob\ntag: mail\nurl: https://mail.example\nname: mail\n", shown.out(), shown::describe);
        assertEquals("", shown.err(), shown::describe);

        final LaunchResult listed = alice.run("vault", "ls", "--json");
        assertEquals(0, listed.exitCode(), listed::describe);
        assertTrue(listed.out().contains("\"name\" : \"mail\""), listed::describe);
        assertTrue(listed.out().contains("\"tags\" : [ \"mail\" ]"), listed::describe);
        assertFalse(listed.out().contains("Tr0ub4dor"), listed::describe);
        final LaunchResult found = alice.run("vault", "find", "BOB");
        assertTrue(found.out().startsWith("mail "), found::describe);
        assertEquals("", alice.run("vault", "find", "Tr0ub4dor").out());

        final LaunchResult unconfirmed = alice.run("vault", "rm", "mail");
        assertEquals(1, unconfirmed.exitCode(), unconfirmed::describe);
        assertEquals(0, alice.run("vault", "rm", "mail", "--force").exitCode());
        assertEquals("[ ]\n", alice.run("vault", "ls", "--json").out());
    }

    @Test
    void cipheyRunsTheSameCommands() throws Exception {
        final Launcher ciphey = Launcher.ciphey().withHome(alice.home()).withEnv("CIPHERPOST_PASSPHRASE", PASS);
        init(ciphey);
        assertEquals(0, ciphey.withStdin("pw\n").run("add", "wifi", "--stdin").exitCode());
        final LaunchResult viaCiphey = ciphey.run("show", "wifi");
        final LaunchResult viaCipherpost = alice.run("vault", "show", "wifi");
        assertEquals("pw\nname: wifi\n", viaCiphey.out(), viaCiphey::describe);
        assertEquals(viaCipherpost.out(), viaCiphey.out());
        assertEquals(alice.run("vault", "ls").out(), ciphey.run("ls").out());
    }

    @Test
    void wrongPassphraseIsExit4AndExportIsRefused() throws Exception {
        init(alice, "vault");
        assertEquals(0, alice.withStdin("pw\n").run("vault", "add", "x", "--stdin").exitCode());
        final LaunchResult wrong = alice.withEnv("CIPHERPOST_PASSPHRASE", "wrong").run("vault", "show", "x");
        assertEquals(4, wrong.exitCode(), wrong::describe);
        assertEquals("", wrong.out());
        assertEquals("cipherpost: wrong passphrase for this device's vault key\n", wrong.err());

        final LaunchResult refused = alice.run("vault", "export");
        assertEquals(64, refused.exitCode(), refused::describe);
        assertTrue(refused.err().contains("export refused"), refused::describe);
        assertEquals("", refused.out());
    }

    @Test
    void editWithAnEditorScript() throws Exception {
        init(alice, "vault");
        assertEquals(0, alice.withStdin("old\n").run("vault", "add", "note", "--stdin").exitCode());
        final Path script = Launcher.newPrivateDirectory("editor-").resolve("edit.sh");
        final Path seen = script.resolveSibling("seen");
        Files.writeString(script, "#!/bin/sh\nprintf '%s' \"$1\" > '" + seen + "'\nprintf 'new\\nname: note\\n' > \"$1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        final LaunchResult edited = alice.withEnv("EDITOR", script.toString()).run("vault", "edit", "note");
        assertEquals(0, edited.exitCode(), edited::describe);
        assertEquals("new\nname: note\n", alice.run("vault", "show", "note").out());
        assertFalse(Files.exists(Path.of(Files.readString(seen)).getParent()), "the private directory is gone");

        final LaunchResult unchanged = alice.withEnv("EDITOR", "true").run("vault", "edit", "note");
        assertEquals(0, unchanged.exitCode(), unchanged::describe);
        assertTrue(unchanged.err().contains("no changes"), unchanged::describe);
    }

    @Test
    void otpPrintsTheRfc6238CodeOfNow() throws Exception {
        init(alice, "vault");
        final String entry = "pw\notpauth: otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example\n";
        assertEquals(0, alice.withStdin(entry).run("vault", "add", "site", "--stdin").exitCode());
        final long before = Instant.now().getEpochSecond();
        final LaunchResult code = alice.run("vault", "otp", "site");
        final long after = Instant.now().getEpochSecond();
        assertEquals(0, code.exitCode(), code::describe);
        assertTrue(code.out().matches("\\d{6}\n"), code::describe);
        assertTrue(List.of(totp(before), totp(after)).contains(code.out().strip()), code::describe);
        assertTrue(code.err().contains("(period 30 s)"), code::describe);
    }

    @Test
    void deviceJoinAddAndRevoke() throws Exception {
        final List<String> initLaptop = new ArrayList<>(List.of("vault", "init", "--name", "laptop"));
        initLaptop.addAll(FAST);
        assertEquals(0, alice.run(initLaptop).exitCode());
        assertEquals(0, alice.withStdin("pw\n").run("vault", "add", "mail", "--stdin").exitCode());
        final Launcher phone = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", "phone pass")
                .withEnv("CIPHERPOST_VAULT", alice.home().resolve("vault").toString())
                .withEnv("XDG_RUNTIME_DIR", runtime.toString());
        final List<String> join = new ArrayList<>(List.of("vault", "join"));
        join.addAll(FAST);
        final LaunchResult joined = phone.run(join);
        assertEquals(0, joined.exitCode(), joined::describe);
        final LaunchResult added = alice.run("vault", "device", "add", joined.out().strip(), "--name", "phone");
        assertEquals(0, added.exitCode(), added::describe);
        assertEquals("pw\nname: mail\n", phone.run("vault", "show", "mail").out());
        assertEquals(2, alice.run("vault", "device", "ls").out().lines().count());

        final LaunchResult revoked = alice.run("vault", "device", "revoke", added.out().strip());
        assertEquals(0, revoked.exitCode(), revoked::describe);
        final LaunchResult denied = phone.run("vault", "show", "mail");
        assertEquals(4, denied.exitCode(), denied::describe);
        assertEquals("", denied.out());
        assertEquals("pw\nname: mail\n", alice.run("vault", "show", "mail").out());
    }

    @Test
    void attachAndDetachAThreeMebibyteFileWithAProgressBarOnlyOnATerminal() throws Exception {
        init(alice, "vault");
        final byte[] content = new byte[3 << 20];
        new Random(7).nextBytes(content);
        final Path work = Launcher.newPrivateDirectory("files-");
        final Path file = Files.write(work.resolve("big.bin"), content);
        final LaunchResult attached = alice.run("vault", "attach", "big", file.toString());
        assertEquals(0, attached.exitCode(), attached::describe);
        assertFalse(attached.err().contains("\r"), attached::describe);

        final Path out = work.resolve("out.bin");
        final LaunchResult detached = alice.run("vault", "detach", "big", out.toString());
        assertEquals(0, detached.exitCode(), detached::describe);
        assertArrayEquals(content, Files.readAllBytes(out));

        final Path passphrase = work.resolve("pass");
        Files.writeString(passphrase, PASS);
        Files.setPosixFilePermissions(passphrase, PosixFilePermissions.fromString("rw-------"));
        final String bin = Launcher.image().resolve("bin/cipherpost").toString();
        final TerminalSession session = TerminalSession.start(alice.home(), "'" + bin + "' vault attach big2 '" + file
                + "' --passphrase-file '" + passphrase + "'");
        assertEquals(0, session.finish(), session::transcript);
        final String transcript = session.transcript();
        assertTrue(transcript.contains("\rattach ["), transcript);
        assertTrue(transcript.contains("] 100%    3.0/3.0 MiB"), transcript);
        assertFalse(JVM_NOISE.matcher(transcript).find(), transcript);
        final Path out2 = work.resolve("out2.bin");
        assertEquals(0, alice.run("vault", "detach", "big2", out2.toString()).exitCode());
        assertArrayEquals(content, Files.readAllBytes(out2));
    }

    @Test
    void importAPassageStoreMadeWithTheAgeCli() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/age")), "age CLI not installed");
        init(alice, "vault");
        final Path work = Launcher.newPrivateDirectory("passage-");
        final Path identities = work.resolve("identities");
        tool(List.of("age-keygen", "-o", identities.toString()), null);
        final String recipient = Files.readAllLines(identities).stream().filter(line -> line.startsWith("# public key: "))
                .findFirst().orElseThrow().substring("# public key: ".length());
        final Path store = Files.createDirectories(work.resolve("store/email"));
        tool(List.of("age", "-r", recipient, "-o", store.resolve("work.age").toString()), "pw-work\nlogin: bob\n");
        tool(List.of("age", "-r", recipient, "-o", work.resolve("store/bank.age").toString()), "pw-bank\n");

        final LaunchResult imported = alice.withEnv("PASSAGE_IDENTITIES_FILE", identities.toString())
                .run("vault", "import", "passage", work.resolve("store").toString());
        assertEquals(0, imported.exitCode(), imported::describe);
        assertTrue(imported.err().contains("imported 2 entries"), imported::describe);
        assertEquals("pw-work\nlogin: bob\nname: email/work\n", alice.run("vault", "show", "email/work").out());
        assertEquals("pw-bank\nname: bank\n", alice.run("vault", "show", "bank").out());
    }

    @Test
    void generateGrepMoveCopyShareExportAndRecover() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/age")), "age CLI not installed");
        final String code = init(alice, "vault").out();
        assertEquals(0, alice.withStdin("hunter2\nusername: alice\n").run("vault", "add", "mail", "--stdin").exitCode());
        final LaunchResult generated = alice.run("vault", "add", "wifi", "--generate", "--length", "24");
        assertEquals(0, generated.exitCode(), generated::describe);
        final LaunchResult wifi = alice.run("vault", "show", "wifi");
        assertEquals(24, wifi.out().lines().findFirst().orElseThrow().length(), wifi::describe);
        assertTrue(wifi.out().endsWith("\nname: wifi\n"), wifi::describe);

        // grep searches decrypted content (explicitly), find never does
        final LaunchResult grepped = alice.run("vault", "grep", "-i", "HUNTER");
        assertEquals(0, grepped.exitCode(), grepped::describe);
        assertEquals("mail:1\n", grepped.out(), "name and line number, never the matched text");
        assertEquals("", alice.run("vault", "find", "hunter2").out());

        final LaunchResult moved = alice.run("vault", "mv", "mail", "mail/work");
        assertEquals(0, moved.exitCode(), moved::describe);
        assertEquals("hunter2\nusername: alice\nname: mail/work\n", alice.run("vault", "show", "mail/work").out());
        final LaunchResult gone = alice.run("vault", "show", "mail");
        assertTrue(gone.exitCode() != 0 && gone.out().isEmpty(), gone::describe);
        final LaunchResult copied = alice.run("vault", "cp", "mail/work", "mail/copy");
        assertEquals(0, copied.exitCode(), copied::describe);
        assertEquals("hunter2\nusername: alice\nname: mail/copy\n", alice.run("vault", "show", "mail/copy").out());

        // share one entry with a friend's age key; the friend opens it with the plain age CLI, and only that one
        final Path work = Launcher.newPrivateDirectory("share-");
        final Path friend = work.resolve("friend.txt");
        tool(List.of("age-keygen", "-o", friend.toString()), null);
        final String friendRecipient = Files.readAllLines(friend).stream().filter(line -> line.startsWith("# public key: "))
                .findFirst().orElseThrow().substring("# public key: ".length());
        final LaunchResult shared = alice.run("vault", "share", "mail/work", "--with", friendRecipient);
        assertEquals(0, shared.exitCode(), shared::describe);
        final Matcher keyFile = Pattern.compile("keys/(age1[0-9a-z]{58})\\.key").matcher(shared.err());
        assertTrue(keyFile.find(), shared::describe);
        final Path vault = alice.home().resolve("vault");
        final Path entryKey = work.resolve("entry-key.txt");
        Files.writeString(entryKey, tool(List.of("age", "-d", "-i", friend.toString(),
                vault.resolve("keys").resolve(keyFile.group(1) + ".key").toString()), null));
        assertEquals("hunter2\nusername: alice\nname: mail/work\n", tool(List.of("age", "-d", "-i", entryKey.toString(),
                vault.resolve("entries").resolve(keyFile.group(1) + ".age").toString()), null));

        // no lock-in: the exported device key and the plain age CLI read an entry as docs/VAULT-FORMAT.md says
        final Path device = work.resolve("device.txt");
        final LaunchResult key = alice.run("vault", "device", "export-key", device.toString());
        assertEquals(0, key.exitCode(), key::describe);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(device)));
        final Path keyring = work.resolve("keyring.txt");
        Files.writeString(keyring, tool(List.of("age", "-d", "-i", device.toString(), vault.resolve("keyring.age").toString()),
                null));
        final Path mailKey = work.resolve("mail-key.txt");
        Files.writeString(mailKey, tool(List.of("age", "-d", "-i", keyring.toString(),
                vault.resolve("keys").resolve(keyFile.group(1) + ".key").toString()), null));
        assertEquals("hunter2\nusername: alice\nname: mail/work\n", tool(List.of("age", "-d", "-i", mailKey.toString(),
                vault.resolve("entries").resolve(keyFile.group(1) + ".age").toString()), null));
        assertTrue(tool(List.of("age", "-d", "-i", keyring.toString(), vault.resolve("index.age").toString()), null)
                .contains("\tmail/work\t"));

        // export writes plaintext only when asked, with a warning
        final Path plain = work.resolve("plain");
        final LaunchResult exported = alice.run("vault", "export", "--plaintext", plain.toString());
        assertEquals(0, exported.exitCode(), exported::describe);
        assertTrue(exported.err().contains("UNENCRYPTED"), exported::describe);
        assertTrue(exported.err().contains("exported 3 entries"), exported::describe);

        // a new device from the recovery code and the (default: primary) recovery passphrase
        final Path codeFile = work.resolve("code.txt");
        Files.writeString(codeFile, code);
        Files.setPosixFilePermissions(codeFile, PosixFilePermissions.fromString("rw-------"));
        final Launcher replacement = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS)
                .withEnv("CIPHERPOST_VAULT", vault.toString()).withEnv("XDG_RUNTIME_DIR", runtime.toString());
        final List<String> recover = new ArrayList<>(List.of("vault", "recover", "--code-file", codeFile.toString(),
                "--name", "replacement"));
        recover.addAll(FAST);
        final LaunchResult recovered = replacement.run(recover);
        assertEquals(0, recovered.exitCode(), recovered::describe);
        assertEquals("hunter2\nusername: alice\nname: mail/copy\n", replacement.run("vault", "show", "mail/copy").out());
        assertEquals(2, replacement.run("vault", "device", "ls").out().lines().count());
    }

    @Test
    void unlockShowWithoutPassphraseLockThenShowFails() throws Exception {
        init(alice, "vault");
        assertEquals(0, alice.withStdin("agent-pw\n").run("vault", "add", "mail", "--stdin").exitCode());
        final LaunchResult unlocked = alice.run("vault", "unlock", "--timeout", "2m");
        assertEquals(0, unlocked.exitCode(), unlocked::describe);
        assertQuiet(unlocked);
        final Matcher pid = Pattern.compile("agent pid (\\d+)").matcher(unlocked.err());
        assertTrue(pid.find(), unlocked::describe);
        final ProcessHandle agent = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
        assertTrue(agent.isAlive(), "the agent outlives the unlock command");

        final Launcher noPassphrase = Launcher.cipherpost().withHome(alice.home()).withEnv("XDG_RUNTIME_DIR", runtime.toString());
        final LaunchResult shown = noPassphrase.run("vault", "show", "mail");
        assertEquals(0, shown.exitCode(), shown::describe);
        assertEquals("agent-pw\nname: mail\n", shown.out());
        final LaunchResult viaCiphey = Launcher.ciphey().withHome(alice.home()).withEnv("XDG_RUNTIME_DIR", runtime.toString())
                .run("show", "mail");
        assertEquals("agent-pw\nname: mail\n", viaCiphey.out(), viaCiphey::describe);

        final LaunchResult locked = noPassphrase.run("vault", "lock");
        assertEquals(0, locked.exitCode(), locked::describe);
        agent.onExit().get(10, TimeUnit.SECONDS);
        final LaunchResult after = noPassphrase.run("vault", "show", "mail");
        assertEquals(4, after.exitCode(), after::describe);
        assertEquals("", after.out());
        assertTrue(after.err().contains("no passphrase"), after::describe);
    }

    @Test
    void showAndFindThroughTheThinClientWriteTheSameBytesAsTheJvmAndFallBackWithoutTheAgent() throws Exception {
        assumeTrue(Files.isExecutable(Launcher.image().resolve("libexec/ciphey-fast")),
                "image built without a C compiler: no thin client");
        init(alice, "vault");
        // bytes that are not UTF-8, a field, notes without a final newline
        final byte[] content = "p\u00e4ss \u00ff\nusername: bob\n\nnote: not a field\nlast".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(0, alice.withStdin(content).run("vault", "add", "notes", "--stdin").exitCode());
        final Launcher jvm = alice.withEnv("CIPHERPOST_FAST", "0");
        final LaunchResult reference = jvm.run("vault", "show", "notes");
        assertEquals(0, reference.exitCode(), reference::describe);
        final LaunchResult missingReference = jvm.run("vault", "show", "nothing");
        final LaunchResult findReference = jvm.run("vault", "find", "BO");
        assertEquals("notes  user=bob\n", findReference.out(), findReference::describe);

        // no agent: the client says so (only mode) or runs the JVM silently
        final Launcher only = alice.withEnv("CIPHERPOST_FAST", "only");
        final LaunchResult notServed = only.run("vault", "show", "notes");
        assertEquals(69, notServed.exitCode(), notServed::describe);
        assertEquals(0, notServed.stdout().length);
        assertTrue(notServed.err().contains("no agent"), notServed::describe);
        final LaunchResult fellBack = alice.run("vault", "show", "notes");
        assertEquals(0, fellBack.exitCode(), fellBack::describe);
        assertArrayEquals(reference.stdout(), fellBack.stdout());
        assertEquals(reference.err(), fellBack.err());

        assertEquals(0, alice.run("vault", "unlock", "--timeout", "2m").exitCode());
        final Launcher agentOnly = Launcher.cipherpost().withHome(alice.home()).withEnv("XDG_RUNTIME_DIR", runtime.toString())
                .withEnv("CIPHERPOST_FAST", "only");
        final LaunchResult served = agentOnly.run("vault", "show", "notes");
        assertEquals(0, served.exitCode(), served::describe);
        assertArrayEquals(reference.stdout(), served.stdout(), "the client's bytes are the JVM's bytes");
        assertEquals("", served.err(), served::describe);
        final LaunchResult servedByCiphey = Launcher.ciphey().withHome(alice.home())
                .withEnv("XDG_RUNTIME_DIR", runtime.toString()).withEnv("CIPHERPOST_FAST", "only").run("show", "notes");
        assertArrayEquals(reference.stdout(), servedByCiphey.stdout(), servedByCiphey::describe);
        final LaunchResult servedWithVault = agentOnly.run("vault", "show", "--vault", alice.home().resolve("vault").toString(),
                "notes");
        assertArrayEquals(reference.stdout(), servedWithVault.stdout(), servedWithVault::describe);
        final LaunchResult foundByClient = agentOnly.run("vault", "find", "BO");
        assertEquals(0, foundByClient.exitCode(), foundByClient::describe);
        assertArrayEquals(findReference.stdout(), foundByClient.stdout(), "find: the client's lines are the JVM's");
        assertEquals(69, agentOnly.run("vault", "find", "BO", "--json").exitCode(), "--json is the JVM's");

        // what the agent does not show goes to the JVM: other options, unknown names
        assertEquals(69, agentOnly.run("vault", "show", "notes", "--field", "username").exitCode());
        assertEquals(69, agentOnly.run("vault", "show", "nothing").exitCode());
        final Launcher agent = agentOnly.withEnv("CIPHERPOST_FAST", "");
        assertEquals("bob\n", agent.run("vault", "show", "notes", "--field", "username").out());
        final LaunchResult missing = agent.run("vault", "show", "nothing");
        assertEquals(missingReference.exitCode(), missing.exitCode(), missing::describe);
        assertEquals(missingReference.err(), missing.err());

        assertEquals(0, agent.run("vault", "lock").exitCode());
        assertEquals(69, agentOnly.run("vault", "show", "notes").exitCode(), "a locked agent serves nothing");
    }

    /** Runs a tool and fails the test when it fails. */
    private static String tool(final List<String> command, final String stdin) throws Exception {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), () -> command + " timed out");
        assertEquals(0, process.exitValue(), () -> command + ": " + output);
        return output;
    }

    /** Computes the RFC 6238 SHA-1 code of the RFC's test key at a time, independently of cipherpost. */
    private static String totp(final long epochSecond) throws Exception {
        final Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("12345678901234567890".getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));
        final byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(epochSecond / 30).array());
        final int offset = hash[hash.length - 1] & 0x0f;
        final int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return "%06d".formatted(binary % 1_000_000);
    }
}
