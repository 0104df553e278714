package org.cipherpost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Man pages are written for every command and are well-formed roff. */
class ManPageCommandTest {
    private static final Set<String> MACROS = Set.of(".TH", ".SH", ".TP", ".B", ".I", ".PP", ".nf", ".fi");

    @TempDir
    Path temp;

    @Test
    void aDirectoryThatCannotBeCreatedIsExitOneWithNothingWritten() throws Exception {
        final Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        final StringWriter err = new StringWriter();
        final CliContext context = new CliContext(Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new OutputStreamWriter(new ByteArrayOutputStream(), StandardCharsets.UTF_8), true),
                new PrintWriter(err, true), new FakeTerminal(false));
        assertEquals(ExitCodes.GENERIC, Cli.run(new String[] {"generate-man-pages", "--dir",
                file.resolve("man1").toString()}, context), err.toString());
        assertTrue(err.toString().startsWith("cipherpost: cannot write man pages to ["), err.toString());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void writesAWellFormedPageForEveryCommand() throws Exception {
        final Path directory = temp.resolve("man1");
        final StringWriter err = new StringWriter();
        final CliContext context = new CliContext(Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new OutputStreamWriter(new ByteArrayOutputStream(), StandardCharsets.UTF_8), true),
                new PrintWriter(err, true), new FakeTerminal(false));
        assertEquals(0, Cli.run(new String[] {"generate-man-pages", "--dir", directory.toString()}, context),
                err.toString());
        for (final String page : List.of("cipherpost.1", "cipherpost-send.1", "cipherpost-receive.1",
                "cipherpost-vault.1", "cipherpost-vault-show.1", "cipherpost-vault-device-add.1",
                "cipherpost-plugin-install.1", "cipherpost-generate-man-pages.1")) {
            assertTrue(Files.isRegularFile(directory.resolve(page)), page + " missing; " + err);
        }
        final List<Path> pages;
        try (Stream<Path> listing = Files.list(directory)) {
            pages = listing.toList();
        }
        assertTrue(pages.size() > 40, "one page per command: " + pages.size());
        for (final Path page : pages) {
            final String text = Files.readString(page);
            assertTrue(text.startsWith(".TH " + page.getFileName().toString().replace(".1", "")
                    .toUpperCase(java.util.Locale.ROOT) + " 1 "), page.toString());
            assertFalse(text.contains("${"), page + " has an unresolved picocli variable");
            for (final String line : text.split("\n")) {
                if (line.startsWith(".") || line.startsWith("'")) {
                    assertTrue(MACROS.contains(line.split(" ", 2)[0]), page + ": stray control line [" + line + "]");
                }
            }
        }
        final String send = Files.readString(directory.resolve("cipherpost-send.1"));
        assertTrue(send.contains(".B \\-\\-material\\-file"), send);
        assertTrue(send.contains(".SH EXAMPLES") || send.contains("Examples"), send);
        if (Files.isExecutable(Path.of("/usr/bin/groff"))) {
            final Process groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww",
                    directory.resolve("cipherpost-send.1").toString()).redirectErrorStream(false).start();
            final String rendered = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            final String warnings = new String(groff.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, groff.waitFor(), warnings);
            assertEquals("", warnings.strip(), "groff warnings");
            assertTrue(rendered.replaceAll(".\b", "").contains("--material-file"), rendered);
        }
    }
}
