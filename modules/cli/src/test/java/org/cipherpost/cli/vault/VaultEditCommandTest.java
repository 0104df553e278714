package org.cipherpost.cli.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cipherpost.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vault edit} with {@code EDITOR} set to small scripts. */
class VaultEditCommandTest {
    @TempDir
    Path root;

    private VaultCli cli;
    private Path log;

    @BeforeEach
    void initVault() {
        cli = VaultCli.in(root);
        assertEquals(0, cli.init().exitCode());
        assertEquals(0, cli.withStdin("old-secret\nusername: bob\n").vault("add", "mail", "--stdin").exitCode());
        log = root.resolve("editor.log");
    }

    /** Writes an editor script that logs the file it got, its mode and its directory's mode, then runs BODY. */
    private String editor(final String body) throws IOException {
        final Path script = root.resolve("editor-" + Math.abs(body.hashCode()) + ".sh");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + log + "'\n"
                + "stat -c '%a' \"$1\" \"$(dirname \"$1\")\" >> '" + log + "'\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    /** Returns every file of the vault with its modification time and a hash of its bytes. */
    private Map<String, String> snapshot() throws IOException {
        final Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(cli.vault())) {
            for (final Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(cli.vault().relativize(file).toString(),
                        Files.getLastModifiedTime(file).toMillis() + ":" + java.util.Arrays.hashCode(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    @Test
    void editorChangesAreSavedAndTheTemporaryFileIsWiped() throws IOException {
        final String script = editor("sed -i 's/old-secret/new-secret/' \"$1\" && printf 'url: https://x.example\\n' >> \"$1\"");
        final VaultCli.Result edited = cli.withEnv("EDITOR", script).vault("edit", "mail");
        assertEquals(0, edited.exitCode(), edited::describe);
        assertTrue(edited.err().contains("saved [mail]"), edited::describe);
        assertEquals("new-secret\nusername: bob\nname: mail\nurl: https://x.example\n", cli.vault("show", "mail").out());

        final List<String> logged = Files.readAllLines(log);
        final Path file = Path.of(logged.get(0));
        assertEquals(List.of("600", "700"), logged.subList(1, 3), "file and directory modes");
        assertFalse(Files.exists(file), "temporary file deleted");
        assertFalse(Files.exists(file.getParent()), "temporary directory deleted");
        assertTrue(file.getFileName().toString().equals("mail.txt"), file::toString);
    }

    @Test
    void unchangedContentWritesNothing() throws IOException {
        final Map<String, String> before = snapshot();
        final VaultCli.Result edited = cli.withEnv("EDITOR", editor("true")).vault("edit", "mail");
        assertEquals(0, edited.exitCode(), edited::describe);
        assertTrue(edited.err().contains("no changes"), edited::describe);
        assertEquals(before, snapshot());
    }

    @Test
    void aFailingEditorSavesNothingAndStillWipes() throws IOException {
        final String script = editor("printf 'changed\\n' > \"$1\"; exit 3");
        final VaultCli.Result failed = cli.withEnv("EDITOR", script).vault("edit", "mail");
        assertEquals(ExitCodes.GENERIC, failed.exitCode(), failed::describe);
        assertTrue(failed.err().contains("exited with [3]; nothing saved"), failed::describe);
        assertEquals("old-secret\nusername: bob\nname: mail\n", cli.vault("show", "mail").out());
        assertFalse(Files.exists(Path.of(Files.readAllLines(log).get(0)).getParent()));
    }

    @Test
    void aNewNameLineRenames() throws IOException {
        final VaultCli.Result edited = cli.withEnv("EDITOR", editor("sed -i 's/^name: mail$/name: post/' \"$1\""))
                .vault("edit", "mail");
        assertEquals(0, edited.exitCode(), edited::describe);
        assertEquals(ExitCodes.GENERIC, cli.vault("show", "mail").exitCode());
        assertEquals("old-secret\nusername: bob\nname: post\n", cli.vault("show", "post").out());
    }
}
