package org.cipherpost.cli.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cipherpost.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --clip} against a fake {@code xclip} that keeps the clipboard in a file and logs its argv. */
class VaultClipboardTest {
    private static final String SECRET = "clip-me-Tr0ub4dor";

    @TempDir
    Path root;

    private VaultCli cli;
    private Path state;
    private Path log;

    @BeforeEach
    void setUp() throws IOException {
        final Path bin = Files.createDirectory(root.resolve("bin"));
        state = root.resolve("clipboard");
        log = root.resolve("xclip.log");
        final Path xclip = bin.resolve("xclip");
        Files.writeString(xclip, """
                #!/bin/sh
                printf '%s\\n' "$*" >> "$FAKE_CLIP_LOG"
                for a in "$@"; do if [ "$a" = "-o" ]; then cat "$FAKE_CLIP_STATE"; exit 0; fi; done
                if [ "$3" = "-i" ]; then cat "$4" > "$FAKE_CLIP_STATE"; else cat > "$FAKE_CLIP_STATE"; fi
                """);
        Files.setPosixFilePermissions(xclip, PosixFilePermissions.fromString("rwx------"));
        cli = VaultCli.in(root)
                .withEnv("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
                .withEnv("FAKE_CLIP_STATE", state.toString())
                .withEnv("FAKE_CLIP_LOG", log.toString())
                .withEnv("CIPHERPOST_CLIP_TIME", "1");
        assertEquals(0, cli.init().exitCode());
        assertEquals(0, cli.withStdin(SECRET + "\npin: 1234\n").vault("add", "mail", "--stdin").exitCode());
    }

    /** Waits for the clearing helpers this JVM started to finish. */
    private static void awaitHelpers() throws Exception {
        final List<ProcessHandle> helpers = ProcessHandle.current().descendants()
                .filter(handle -> handle.info().commandLine().orElse("").contains("cipherpost-clip-clear")).toList();
        assertFalse(helpers.isEmpty(), "a clearing helper was started");
        for (final ProcessHandle helper : helpers) {
            helper.onExit().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void copiesOnStdinAndClearsWhenTheClipboardStillHoldsIt() throws Exception {
        final VaultCli.Result copied = cli.vault("show", "mail", "--clip");
        assertEquals(0, copied.exitCode(), copied::describe);
        assertEquals("", copied.out());
        assertTrue(copied.err().contains("copied the secret of [mail] to the clipboard"), copied::describe);
        assertEquals(SECRET, Files.readString(state));
        awaitHelpers();
        assertEquals("", Files.readString(state));
        final String argv = Files.readString(log);
        assertFalse(argv.contains(SECRET), argv);
        assertTrue(argv.contains("-selection clipboard -o"), argv);
        assertTrue(argv.contains("-selection clipboard -i /dev/null"), argv);
    }

    @Test
    void leavesTheClipboardAloneWhenSomethingElseWasCopiedMeanwhile() throws Exception {
        assertEquals(0, cli.vault("show", "mail", "--field", "pin", "--clip").exitCode());
        assertEquals("1234", Files.readString(state));
        Files.writeString(state, "something else");
        awaitHelpers();
        assertEquals("something else", Files.readString(state));
        assertFalse(Files.readString(log).contains("-i /dev/null"));
    }

    @Test
    void noClipboardToolIsExit1WithAClearMessage() {
        final VaultCli.Result result = cli.withEnv("PATH", root.resolve("empty").toString()).vault("show", "mail", "--clip");
        assertEquals(ExitCodes.GENERIC, result.exitCode(), result::describe);
        assertTrue(result.err().contains("no clipboard tool: install wl-clipboard (wl-copy) or xclip"), result::describe);
        assertEquals("", result.out());
    }
}
