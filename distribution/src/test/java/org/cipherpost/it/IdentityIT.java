package org.cipherpost.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code cipherpost identity generate | show} through the real launcher, every passphrase source and failure. */
class IdentityIT {
    /** Small Argon2id parameters keep these runs quick; the defaults are checked once. */
    private static final List<String> FAST = List.of("--kdf-memory", "8192", "--kdf-iterations", "1");
    private static final String PASS = "correct horse battery staple";
    private static final Pattern Z32 = Pattern.compile("Public key \\(z-base-32\\):\\s+([ybndrfg8ejkmcpqxot1uwisza345h769]{52})");

    private static String z32(final LaunchResult result) {
        final Matcher matcher = Z32.matcher(result.out());
        assertTrue(matcher.find(), result::describe);
        return matcher.group(1);
    }

    private static LaunchResult generate(final Launcher launcher, final String... extra) throws Exception {
        final List<String> args = new java.util.ArrayList<>(List.of("identity", "generate"));
        args.addAll(FAST);
        args.addAll(List.of(extra));
        return launcher.run(args);
    }

    private static Path passphraseFile(final String content, final String mode) throws Exception {
        final Path file = Launcher.newPrivateDirectory("pass-").resolve("passphrase");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void generateThenShowWithTheEnvironmentVariable() throws Exception {
        final Launcher alice = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS);
        final LaunchResult generated = generate(alice);
        assertEquals(0, generated.exitCode(), generated::describe);
        assertTrue(generated.out().contains("OpenSSH fingerprint:     SHA256:"), generated::describe);
        assertTrue(generated.out().contains("age recipient:           age1"), generated::describe);

        final Path file = alice.home().resolve("secret_key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(alice.home())));
        assertArrayEquals("CIPHPOSK".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(Files.readAllBytes(file), 8));

        final LaunchResult shown = alice.run("identity", "show");
        assertEquals(0, shown.exitCode(), shown::describe);
        assertEquals(z32(generated), z32(shown));
        assertEquals("", shown.err(), shown::describe);
    }

    @Test
    void defaultParametersAreWrittenAndReadBackAsJson() throws Exception {
        final Launcher alice = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS);
        final LaunchResult generated = alice.run("identity", "generate", "--json");
        assertEquals(0, generated.exitCode(), generated::describe);
        final LaunchResult shown = alice.run("identity", "show", "--json");
        assertEquals(0, shown.exitCode(), shown::describe);
        assertEquals(generated.out(), shown.out());
        for (final String key : List.of("\"z32\"", "\"openssh_fingerprint\"", "\"age_recipient\"", "\"memory_kib\" : 65536",
                "\"iterations\" : 3", "\"parallelism\" : 1")) {
            assertTrue(shown.out().contains(key), () -> key + " missing in " + shown.describe());
        }
    }

    @Test
    void passphraseFileMustBePrivate() throws Exception {
        final Launcher alice = Launcher.cipherpost();
        final Path good = passphraseFile(PASS + "\n", "rw-------");
        final LaunchResult generated = generate(alice, "--passphrase-file", good.toString());
        assertEquals(0, generated.exitCode(), generated::describe);

        final Path readOnly = passphraseFile(PASS + "\r\n", "r--------");
        final LaunchResult shown = alice.run("identity", "show", "--passphrase-file", readOnly.toString());
        assertEquals(0, shown.exitCode(), shown::describe);
        assertEquals(z32(generated), z32(shown));

        final Path open = passphraseFile(PASS, "rw-r--r--");
        final LaunchResult refused = alice.run("identity", "show", "--passphrase-file", open.toString());
        assertEquals(4, refused.exitCode(), refused::describe);
        assertTrue(refused.err().contains("0600 or 0400"), refused::describe);
        assertEquals("", refused.out());
    }

    @Test
    void passphraseFromAFileDescriptor() throws Exception {
        final Launcher alice = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS);
        final LaunchResult generated = generate(alice);
        assertEquals(0, generated.exitCode(), generated::describe);
        final Path file = passphraseFile(PASS + "\n", "rw-------");
        final String bin = Launcher.image().resolve("bin/cipherpost").toString();
        // The descriptor wins over the (wrong) environment variable.
        final LaunchResult shown = Launcher.of(Path.of("/bin/bash")).withHome(alice.home())
                .withEnv("CIPHERPOST_PASSPHRASE", "wrong")
                .run("-c", "exec \"$0\" identity show --passphrase-fd 3 3<\"$1\"", bin, file.toString());
        assertEquals(0, shown.exitCode(), shown::describe);
        assertEquals(z32(generated), z32(shown));
        final LaunchResult closed = alice.run("identity", "show", "--passphrase-fd", "9");
        assertEquals(4, closed.exitCode(), closed::describe);
    }

    @Test
    void passphraseOnTheCommandLineIsRefused() throws Exception {
        final LaunchResult refused = Launcher.cipherpost().run("identity", "generate", "--passphrase", "hunter2");
        assertEquals(4, refused.exitCode(), refused::describe);
        assertTrue(refused.err().contains("--passphrase is refused"), refused::describe);
        assertFalse(refused.err().contains("hunter2"), refused::describe);
        assertEquals(1, refused.err().lines().count(), refused::describe);
    }

    @Test
    void noSourceAndNoTerminalFailsAtOnce() throws Exception {
        final Launcher alice = Launcher.cipherpost();
        final LaunchResult result = alice.withTimeout(java.time.Duration.ofSeconds(20)).run("identity", "generate");
        assertEquals(4, result.exitCode(), result::describe);
        assertTrue(result.err().contains("no terminal"), result::describe);
        assertFalse(Files.exists(alice.home().resolve("secret_key")));
    }

    @Test
    void wrongPassphraseIsExit4AndPrintsNothing() throws Exception {
        final Launcher alice = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS);
        assertEquals(0, generate(alice).exitCode());
        final LaunchResult wrong = alice.withEnv("CIPHERPOST_PASSPHRASE", PASS + "!").run("identity", "show");
        assertEquals(4, wrong.exitCode(), wrong::describe);
        assertTrue(wrong.err().startsWith("cipherpost: wrong passphrase"), wrong::describe);
        assertEquals(1, wrong.err().lines().count(), wrong::describe);
        assertEquals("", wrong.out());
    }

    @Test
    void generateRefusesToOverwriteAndKeepsABackupWithForce() throws Exception {
        final Launcher alice = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS);
        final LaunchResult first = generate(alice);
        assertEquals(0, first.exitCode(), first::describe);
        final byte[] original = Files.readAllBytes(alice.home().resolve("secret_key"));

        final LaunchResult again = generate(alice);
        assertEquals(1, again.exitCode(), again::describe);
        assertTrue(again.err().contains("--force"), again::describe);
        assertArrayEquals(original, Files.readAllBytes(alice.home().resolve("secret_key")));

        final LaunchResult forced = generate(alice, "--force");
        assertEquals(0, forced.exitCode(), forced::describe);
        assertNotEquals(z32(first), z32(forced));
        try (Stream<Path> files = Files.list(alice.home())) {
            final List<Path> backups = files.filter(p -> p.getFileName().toString().startsWith("secret_key.bak-")).toList();
            assertEquals(1, backups.size());
            assertArrayEquals(original, Files.readAllBytes(backups.get(0)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backups.get(0))));
        }
    }

    @Test
    void identityFileOthersCanReadIsRefused() throws Exception {
        final Launcher alice = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS);
        assertEquals(0, generate(alice).exitCode());
        Files.setPosixFilePermissions(alice.home().resolve("secret_key"), PosixFilePermissions.fromString("rw-r--r--"));
        final LaunchResult result = alice.run("identity", "show");
        assertEquals(1, result.exitCode(), result::describe);
        assertTrue(result.err().contains("chmod 600"), result::describe);
    }

    @Test
    void missingTruncatedAndDamagedFilesGetOneLineEach() throws Exception {
        final Launcher alice = Launcher.cipherpost().withEnv("CIPHERPOST_PASSPHRASE", PASS);
        final LaunchResult missing = alice.run("identity", "show");
        assertEquals(1, missing.exitCode(), missing::describe);
        assertTrue(missing.err().contains("identity generate"), missing::describe);

        assertEquals(0, generate(alice).exitCode());
        final Path file = alice.home().resolve("secret_key");
        final byte[] good = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(good, 40));
        final LaunchResult truncated = alice.run("identity", "show");
        assertEquals(1, truncated.exitCode(), truncated::describe);
        assertTrue(truncated.err().contains("corrupted or truncated"), truncated::describe);

        final byte[] damaged = good.clone();
        damaged[damaged.length - 5] ^= 0x40;
        Files.write(file, damaged);
        final LaunchResult flipped = alice.run("identity", "show");
        assertEquals(4, flipped.exitCode(), flipped::describe);
        assertTrue(flipped.err().contains("modified or damaged"), flipped::describe);

        for (final LaunchResult result : List.of(missing, truncated, flipped)) {
            assertEquals(1, result.err().lines().count(), result::describe);
            assertFalse(result.err().contains("Exception"), result::describe);
            assertFalse(result.err().contains("\tat "), result::describe);
        }
        final LaunchResult verbose = alice.run("--verbose", "identity", "show");
        assertTrue(verbose.err().contains("\tat org.cipherpost"), verbose::describe);
    }

    @Test
    void promptsOnTheTerminalWithoutEcho() throws Exception {
        final Path home = Launcher.newPrivateDirectory("tty-");
        final String bin = Launcher.image().resolve("bin/cipherpost").toString();
        final TerminalSession generate = TerminalSession.start(home, bin + " identity generate --kdf-memory 8192 --kdf-iterations 1");
        generate.answer("Passphrase for the new identity: ", PASS);
        generate.answer("Repeat passphrase: ", PASS);
        final int generated = generate.finish();
        assertEquals(0, generated, generate::transcript);
        assertFalse(generate.transcript().contains(PASS), "the terminal must not echo the passphrase: " + generate.transcript());
        final Matcher created = Z32.matcher(generate.transcript());
        assertTrue(created.find(), generate::transcript);

        final TerminalSession show = TerminalSession.start(home, bin + " identity show");
        show.answer("Passphrase for identity ", PASS);
        assertEquals(0, show.finish(), show::transcript);
        final Matcher shown = Z32.matcher(show.transcript());
        assertTrue(shown.find(), show::transcript);
        assertEquals(created.group(1), shown.group(1));
        assertFalse(show.transcript().contains(PASS), show::transcript);

        final TerminalSession mismatch = TerminalSession.start(Launcher.newPrivateDirectory("tty-"),
                bin + " identity generate --kdf-memory 8192 --kdf-iterations 1");
        mismatch.answer("Passphrase for the new identity: ", "one");
        mismatch.answer("Repeat passphrase: ", "two");
        assertEquals(4, mismatch.finish(), mismatch::transcript);
        assertTrue(mismatch.transcript().contains("do not match"), mismatch::transcript);
    }

    @Test
    void usageErrorsAreExit64() throws Exception {
        final LaunchResult result = Launcher.cipherpost().run("identity", "show", "--no-such-option");
        assertEquals(64, result.exitCode(), result::describe);
        assertTrue(result.err().contains("--help"), result::describe);
    }

    @Test
    void demoRunsAndCleansUp() throws Exception {
        final LaunchResult result = Launcher.cipherpost().run("demo");
        assertEquals(0, result.exitCode(), result::describe);
        final Matcher matcher = Pattern.compile("temporary home for Alice: (\\S+)/alice").matcher(result.out());
        assertTrue(matcher.find(), result::describe);
        assertFalse(Files.exists(Path.of(matcher.group(1))), "demo home removed");
        assertTrue(result.out().contains("\"z32\""), result::describe);
    }
}
