package org.cipherpost.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code identity passwd}: the key stays, the passphrase changes, and a failure changes nothing. */
class IdentityPasswdCommandTest {
    @TempDir
    Path temp;

    private record Result(int code, String out, String err) {
    }

    @Test
    void changesThePassphraseKeepsTheKeyAndLeavesNoOldCopy() throws Exception {
        final Path home = temp.resolve("home");
        assertEquals(0, run(home, Map.of("CIPHERPOST_PASSPHRASE", "old-passphrase"), "identity", "generate",
                "--kdf-memory", "8192", "--kdf-iterations", "1").code());
        final String before = run(home, Map.of("CIPHERPOST_PASSPHRASE", "old-passphrase"), "identity", "show").out();

        final Path newFile = Files.writeString(temp.resolve("new.txt"), "new-passphrase\n");
        Files.setPosixFilePermissions(newFile, PosixFilePermissions.fromString("rw-------"));
        final Result changed = run(home, Map.of("CIPHERPOST_PASSPHRASE", "old-passphrase"), "identity", "passwd",
                "--new-passphrase-file", newFile.toString(), "--kdf-iterations", "2");
        assertEquals(0, changed.code(), changed.err());
        assertTrue(changed.err().contains("t=2"), changed.err());

        final Result oldFails = run(home, Map.of("CIPHERPOST_PASSPHRASE", "old-passphrase"), "identity", "show");
        assertEquals(ExitCodes.PASSPHRASE, oldFails.code(), oldFails.err());
        final Result newWorks = run(home, Map.of("CIPHERPOST_PASSPHRASE", "new-passphrase"), "identity", "show");
        assertEquals(0, newWorks.code(), newWorks.err());
        assertEquals(before.lines().findFirst(), newWorks.out().lines().findFirst(), "same key, same address");
        try (var files = Files.list(home)) {
            assertEquals(List.of("secret_key"), files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("secret_key")).toList(), "no copy under the old passphrase");
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                home.resolve("secret_key"))));
    }

    @Test
    void aWrongOldPassphraseOrNoNewSourceChangesNothing() throws Exception {
        final Path home = temp.resolve("home2");
        assertEquals(0, run(home, Map.of("CIPHERPOST_PASSPHRASE", "old-passphrase"), "identity", "generate",
                "--kdf-memory", "8192", "--kdf-iterations", "1").code());
        final byte[] original = Files.readAllBytes(home.resolve("secret_key"));

        final Result wrong = run(home, Map.of("CIPHERPOST_PASSPHRASE", "not-it", "CIPHERPOST_NEW_PASSPHRASE", "x-new"),
                "identity", "passwd");
        assertEquals(ExitCodes.PASSPHRASE, wrong.code(), wrong.err());
        assertArrayEquals(original, Files.readAllBytes(home.resolve("secret_key")));

        final Result noSource = run(home, Map.of("CIPHERPOST_PASSPHRASE", "old-passphrase"), "identity", "passwd");
        assertEquals(ExitCodes.PASSPHRASE, noSource.code(), noSource.err());
        assertTrue(noSource.err().contains("--new-passphrase-file, --new-passphrase-fd or CIPHERPOST_NEW_PASSPHRASE"),
                noSource.err());
        assertArrayEquals(original, Files.readAllBytes(home.resolve("secret_key")));

        final Result weakKdf = run(home, Map.of("CIPHERPOST_PASSPHRASE", "old-passphrase",
                "CIPHERPOST_NEW_PASSPHRASE", "x-new"), "identity", "passwd", "--kdf-memory", "1024");
        assertEquals(ExitCodes.USAGE, weakKdf.code(), weakKdf.err());
        assertArrayEquals(original, Files.readAllBytes(home.resolve("secret_key")));
    }

    private static Result run(final Path home, final Map<String, String> extra, final String... args) {
        final Map<String, String> environment = new HashMap<>(extra);
        environment.put("CIPHERPOST_HOME", home.toString());
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        final CliContext context = new CliContext(Map.copyOf(environment), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true), new PrintWriter(err, true),
                new FakeTerminal(false));
        final int code = Cli.run(args, context);
        context.out().flush();
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
