package org.cipherpost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The vault-side plugins through the real launcher: the shipped hook-git plugin keeping a vault's history. */
class PluginVaultIT {
    private static final List<String> FAST = List.of("--kdf-memory", "8192", "--kdf-iterations", "1");
    private static final String PASS = "correct horse battery staple";
    private static final Pattern VERSION_LINE =
            Pattern.compile("(\\d+)\\t\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\\t([A-Z_]+)\\t[0-9a-f]{40}");
    private static final Pattern ID = Pattern.compile("age1[0-9a-z]{58}");

    private Launcher alice;
    private Path vault;
    private Path content;

    @BeforeEach
    void setUp() throws Exception {
        final Path runtime = Launcher.newRuntimeDirectory();
        alice = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS)
                .withEnv("XDG_RUNTIME_DIR", runtime.toString());
        vault = alice.home().resolve("vault");
        final List<String> init = new ArrayList<>(List.of("vault", "init"));
        init.addAll(FAST);
        final LaunchResult created = alice.run(init);
        assertEquals(0, created.exitCode(), created::describe);
        // The editor: replaces the entry with whatever the test put into the content file.
        final Path tools = Launcher.newPrivateDirectory("cp-editor-");
        content = tools.resolve("content.txt");
        final Path editor = tools.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\ncat '" + content + "' > \"$1\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        alice = alice.withEnv("EDITOR", editor.toString());
    }

    @Test
    void threeEditsAreThreeVersionsInGitEachShownDecrypted() throws Exception {
        assertEquals(0, git("init", "-q", "-b", "main").exitCode(), "opt in: the vault directory is a repository");
        final LaunchResult added = alice.withStdin("first secret\nusername: alice\n").run("vault", "add", "mail",
                "--stdin");
        assertEquals(0, added.exitCode(), added::describe);
        for (final String secret : List.of("second secret", "third secret")) {
            Files.writeString(content, secret + "\nusername: alice\nname: mail\n", StandardCharsets.UTF_8);
            final LaunchResult edited = alice.run("vault", "edit", "mail");
            assertEquals(0, edited.exitCode(), edited::describe);
            assertFalse(edited.err().contains("hook"), edited::describe);
        }

        final LaunchResult history = alice.run("vault", "history", "mail");
        assertEquals(0, history.exitCode(), history::describe);
        final List<String> lines = history.out().lines().toList();
        assertEquals(3, lines.size(), history::describe);
        final List<String> kinds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final var matcher = VERSION_LINE.matcher(lines.get(i));
            assertTrue(matcher.matches(), lines.get(i));
            assertEquals(Integer.toString(i + 1), matcher.group(1));
            kinds.add(matcher.group(2));
        }
        assertEquals(List.of("ADD", "EDIT", "EDIT"), kinds);

        final List<String> secrets = List.of("first secret", "second secret", "third secret");
        for (int i = 0; i < 3; i++) {
            final LaunchResult shown = alice.run("vault", "show", "mail", "--version", Integer.toString(i + 1));
            assertEquals(0, shown.exitCode(), shown::describe);
            assertEquals(secrets.get(i) + "\nusername: alice\nname: mail\n", shown.out(), shown::describe);
        }
        final LaunchResult beyond = alice.run("vault", "show", "mail", "--version", "4");
        assertEquals(1, beyond.exitCode(), beyond::describe);
        assertTrue(beyond.err().contains("versions [1..3], not [4]"), beyond::describe);

        // The commits name the kind of change and the entry id, never the name or a secret; git diffs stay binary.
        final String log = git("log", "--format=%s").out();
        final List<String> subjects = log.lines().toList();
        assertEquals(3, subjects.size(), log);
        assertTrue(subjects.stream().allMatch(line -> line.matches("(ADD|EDIT) age1[0-9a-z]{58}")), log);
        final var id = ID.matcher(subjects.getFirst());
        assertTrue(id.find());
        assertTrue(subjects.stream().allMatch(line -> line.endsWith(id.group())), log);
        final String patch = git("log", "-p").out();
        assertFalse(patch.contains("secret") || patch.contains("mail") || patch.contains("alice"), patch);
        assertTrue(patch.contains("Binary files"), patch);
        assertTrue(git("status", "--porcelain").out().isEmpty(), "every change committed, the lock ignored");
        assertTrue(Files.readString(vault.resolve(".gitattributes")).contains("*.age -text -merge diff=cipherpost"));

        // someone who holds the device key configures the textconv of docs/examples and reads decrypted diffs
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/age")), "age CLI not installed");
        final Path identity = Launcher.newPrivateDirectory("cp-key-").resolve("device.txt");
        final LaunchResult exported = alice.run("vault", "device", "export-key", identity.toString());
        assertEquals(0, exported.exitCode(), exported::describe);
        final Path textconv = Path.of(System.getProperty("cipherpost.root")).resolve("docs/examples/cipherpost-textconv");
        assertEquals(0, git("config", "diff.cipherpost.textconv", textconv.toString()).exitCode());
        final LaunchResult decrypted = git(Map.of("CIPHERPOST_AGE_IDENTITY", identity.toString()), "log", "-p");
        assertEquals(0, decrypted.exitCode(), decrypted::describe);
        final String readable = decrypted.out();
        assertTrue(readable.contains("-second secret\n+third secret\n"), readable);
        assertTrue(readable.contains("-first secret\n+second secret\n"), readable);
        assertTrue(readable.contains("(key material: not shown)"), readable);
        assertFalse(readable.contains("AGE-SECRET-KEY-"), "no key is ever printed");
        // without the key the same driver prints nothing readable
        final LaunchResult without = git(Map.of("CIPHERPOST_AGE_IDENTITY", vault.resolve("none.txt").toString()),
                "log", "-p");
        assertFalse(without.out().contains("secret"), without::describe);
    }

    @Test
    void aVaultThatIsNotARepositoryStaysPlain() throws Exception {
        final LaunchResult added = alice.withStdin("pw\n").run("vault", "add", "x", "--stdin");
        assertEquals(0, added.exitCode(), added::describe);
        assertFalse(Files.exists(vault.resolve(".git")));
        final LaunchResult history = alice.run("vault", "history", "x");
        assertEquals(0, history.exitCode(), history::describe);
        assertEquals("", history.out(), history::describe);
        assertTrue(history.err().contains("no recorded versions of [x]"), history::describe);
    }

    @Test
    void aVaultUnlocksThroughAFakeAgePluginOnThePath() throws Exception {
        final Path bin = Launcher.newPrivateDirectory("cp-bin-");
        final Path plugin = bin.resolve("age-plugin-fake");
        Files.copy(Path.of(System.getProperty("cipherpost.root"))
                .resolve("modules/cli/src/test/resources/org/cipherpost/cli/vault/age-plugin-fake"), plugin);
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
        final String identity = "AGE-PLUGIN-FAKE-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGP";
        final Path identityFile = bin.resolve("identity.txt");
        Files.writeString(identityFile, "#    Recipient: age1fake1qyqszqgpqyqszqgp\n" + identity + "\n");
        final Path passphrase = bin.resolve("recovery-passphrase.txt");
        Files.writeString(passphrase, PASS + "\n");
        Files.setPosixFilePermissions(passphrase, PosixFilePermissions.fromString("rw-------"));
        // No CIPHERPOST_PASSPHRASE and no terminal: only init reads a passphrase (for the recovery code).
        final Launcher noPassphrase = Launcher.cipherpost()
                .withEnv("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
                .withEnv("FAKE_PLUGIN_IDENTITY", identity);
        final List<String> init = new ArrayList<>(List.of("vault", "init", "--age-plugin-identity",
                identityFile.toString(), "--passphrase-file", passphrase.toString()));
        init.addAll(FAST);
        final LaunchResult created = noPassphrase.run(init);
        assertEquals(0, created.exitCode(), created::describe);
        final LaunchResult added = noPassphrase.withStdin("held\n").run("vault", "add", "k", "--stdin");
        assertEquals(0, added.exitCode(), added::describe);
        final LaunchResult shown = noPassphrase.run("vault", "show", "k");
        assertEquals(0, shown.exitCode(), shown::describe);
        assertEquals("held\nname: k\n", shown.out());
        final LaunchResult denied = noPassphrase.withEnv("FAKE_PLUGIN_DENY", "1").run("vault", "show", "k");
        assertEquals(4, denied.exitCode(), denied::describe);
        assertTrue(denied.err().contains("cipherpost: age-plugin-fake: touch refused"), denied::describe);

        // a plugin-held key never leaves its token: export-key refuses before asking for anything
        final Path notWritten = Launcher.newPrivateDirectory("cp-key-").resolve("device.txt");
        final LaunchResult export = noPassphrase.run("vault", "device", "export-key", notWritten.toString());
        assertEquals(1, export.exitCode(), export::describe);
        assertTrue(export.err().contains("held by a token"), export::describe);
        assertFalse(Files.exists(notWritten));

        // unlock asks the plugin once; while the agent runs, a plugin that would refuse is never asked
        final Launcher agentUser = noPassphrase.withEnv("XDG_RUNTIME_DIR", Launcher.newRuntimeDirectory().toString());
        final LaunchResult refusedUnlock = agentUser.withEnv("FAKE_PLUGIN_DENY", "1").run("vault", "unlock");
        assertEquals(4, refusedUnlock.exitCode(), refusedUnlock::describe);
        final LaunchResult unlocked = agentUser.run("vault", "unlock", "--timeout", "2m");
        assertEquals(0, unlocked.exitCode(), unlocked::describe);
        assertTrue(unlocked.err().contains("vault unlocked until"), unlocked::describe);
        try {
            final LaunchResult viaAgent = agentUser.withEnv("FAKE_PLUGIN_DENY", "1").run("vault", "show", "k");
            assertEquals(0, viaAgent.exitCode(), viaAgent::describe);
            assertEquals("held\nname: k\n", viaAgent.out());
            final LaunchResult jvmViaAgent = agentUser.withEnv("FAKE_PLUGIN_DENY", "1").withEnv("CIPHERPOST_FAST", "0")
                    .withStdin("more\n").run("vault", "add", "k2", "--stdin");
            assertEquals(0, jvmViaAgent.exitCode(), jvmViaAgent::describe);
        } finally {
            agentUser.run("vault", "lock");
        }
        final LaunchResult lockedAgain = noPassphrase.withEnv("FAKE_PLUGIN_DENY", "1").run("vault", "show", "k2");
        assertEquals(4, lockedAgain.exitCode(), lockedAgain::describe);
    }

    /** Runs the real git in the vault directory. */
    private LaunchResult git(final String... args) throws Exception {
        return git(Map.of(), args);
    }

    /** Runs the real git in the vault directory with extra environment variables. */
    private LaunchResult git(final Map<String, String> environment, final String... args) throws Exception {
        final List<String> command = new ArrayList<>(List.of("git", "-C", vault.toString(), "-c",
                "user.name=test", "-c", "user.email=test@example.invalid"));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().putAll(environment);
        final Process process = builder.start();
        process.getOutputStream().close();
        final byte[] out = process.getInputStream().readAllBytes();
        final byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS));
        return new LaunchResult(process.exitValue(), out, err);
    }
}
