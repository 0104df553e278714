package org.cipherpost.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PassphraseReaderTest {
    @TempDir
    Path temp;

    private static CliContext context(final Map<String, String> environment, final Terminal terminal) {
        return new CliContext(environment, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), terminal);
    }

    private static String read(final CliContext context, final PassphraseOptions options) throws CliException {
        try (SecretBytes secret = new PassphraseReader(context, options).read("test")) {
            return new String(secret.bytes(), StandardCharsets.UTF_8);
        }
    }

    private Path file(final String content, final String mode) throws IOException {
        final Path path = temp.resolve("pass-" + mode + "-" + content.length());
        Files.write(path, content.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        return path;
    }

    @ParameterizedTest
    @CsvSource(value = {
        "'pw\\n'|pw", "'pw\\r\\n'|pw", "'pw'|pw", "'pw\\n\\n'|'pw\\n'", "'pw\\r'|'pw\\r'", "' pw \\n'|' pw '"
    }, delimiter = '|')
    void stripsExactlyOneTrailingNewline(final String raw, final String expected) throws Exception {
        final String unescaped = raw.replace("\\n", "\n").replace("\\r", "\r");
        final PassphraseOptions options = new PassphraseOptions();
        options.file = file(unescaped, "rw-------");
        assertEquals(expected.replace("\\n", "\n").replace("\\r", "\r"), read(context(Map.of(), new FakeTerminal(false)), options));
    }

    @Test
    void fileAcceptsOnly0600And0400() throws Exception {
        final PassphraseOptions options = new PassphraseOptions();
        options.file = file("a", "r--------");
        assertEquals("a", read(context(Map.of(), new FakeTerminal(false)), options));
        for (final String mode : new String[] {"rw-r--r--", "rw-rw----", "rwx------", "rw----r--", "-w-------"}) {
            options.file = file("b", mode);
            final CliException e = assertThrows(CliException.class, () -> read(context(Map.of(), new FakeTerminal(false)), options));
            assertEquals(ExitCodes.PASSPHRASE, e.exitCode());
            assertTrue(e.getMessage().contains("0600 or 0400"), e.getMessage());
        }
    }

    @Test
    void missingFileIsExit4() throws Exception {
        final PassphraseOptions options = new PassphraseOptions();
        options.file = temp.resolve("absent");
        final CliException e = assertThrows(CliException.class, () -> read(context(Map.of(), new FakeTerminal(false)), options));
        assertEquals(ExitCodes.PASSPHRASE, e.exitCode());
    }

    @Test
    void descriptorIsReadThroughDevFd() throws Exception {
        final Path path = file("from-fd\n", "rw-------");
        try (FileInputStream open = new FileInputStream(path.toFile())) {
            final int fd = descriptorOf(path);
            final PassphraseOptions options = new PassphraseOptions();
            options.fd = fd;
            options.file = file("from-file", "rw-------");
            assertEquals("from-fd", read(context(Map.of(PassphraseReader.ENVIRONMENT_VARIABLE, "env"), new FakeTerminal(true, "tty")), options));
            assertTrue(open.available() >= 0);
        }
    }

    @Test
    void closedDescriptorIsExit4() {
        final PassphraseOptions options = new PassphraseOptions();
        options.fd = 987;
        final CliException e = assertThrows(CliException.class, () -> read(context(Map.of(), new FakeTerminal(false)), options));
        assertEquals(ExitCodes.PASSPHRASE, e.exitCode());
        options.fd = -1;
        assertEquals(ExitCodes.PASSPHRASE, assertThrows(CliException.class,
                () -> read(context(Map.of(), new FakeTerminal(false)), options)).exitCode());
    }

    @Test
    void precedenceIsFileThenEnvironmentThenTerminal() throws Exception {
        final PassphraseOptions options = new PassphraseOptions();
        final Map<String, String> environment = Map.of(PassphraseReader.ENVIRONMENT_VARIABLE, "env\n");
        final FakeTerminal terminal = new FakeTerminal(true, "tty");
        options.file = file("file", "rw-------");
        assertEquals("file", read(context(environment, terminal), options));
        options.file = null;
        assertEquals("env", read(context(environment, terminal), options));
        assertEquals("tty", read(context(Map.of(), terminal), options));
        assertEquals(1, terminal.prompts().size(), "terminal asked only when nothing else is set");
    }

    @Test
    void inlinePassphraseIsRefusedAndWiped() {
        final PassphraseOptions options = new PassphraseOptions();
        final char[] inline = "hunter2".toCharArray();
        options.inline = inline;
        final CliException e = assertThrows(CliException.class, () -> read(context(Map.of(), new FakeTerminal(true, "x")), options));
        assertEquals(ExitCodes.PASSPHRASE, e.exitCode());
        assertTrue(e.getMessage().contains("--passphrase-file"));
        assertTrue(!e.getMessage().contains("hunter2"));
        assertArrayEquals(new char[inline.length], inline);
        assertNull(options.inline);
    }

    @Test
    void noSourceAndNoTerminalFailsWithoutWaiting() {
        final CliException e = assertThrows(CliException.class,
                () -> read(context(Map.of(), new FakeTerminal(false)), new PassphraseOptions()));
        assertEquals(ExitCodes.PASSPHRASE, e.exitCode());
        assertTrue(e.getMessage().contains("CIPHERPOST_PASSPHRASE"));
    }

    @Test
    void newPassphraseIsConfirmedOnTheTerminal() throws Exception {
        final FakeTerminal matching = new FakeTerminal(true, "same", "same");
        try (SecretBytes secret = new PassphraseReader(context(Map.of(), matching), new PassphraseOptions()).readNew("x")) {
            assertEquals("same", new String(secret.bytes(), StandardCharsets.UTF_8));
        }
        assertEquals(2, matching.prompts().size());
        final FakeTerminal differing = new FakeTerminal(true, "one", "two");
        final CliException e = assertThrows(CliException.class,
                () -> new PassphraseReader(context(Map.of(), differing), new PassphraseOptions()).readNew("x"));
        assertEquals(ExitCodes.PASSPHRASE, e.exitCode());
    }

    @Test
    void emptyAndOverlongPassphrasesAreRefused() throws Exception {
        final PassphraseOptions options = new PassphraseOptions();
        options.file = file("\n", "rw-------");
        assertEquals(ExitCodes.PASSPHRASE, assertThrows(CliException.class,
                () -> read(context(Map.of(), new FakeTerminal(false)), options)).exitCode());
        options.file = file("x".repeat(PassphraseReader.MAXIMUM_LENGTH + 1), "rw-------");
        assertEquals(ExitCodes.PASSPHRASE, assertThrows(CliException.class,
                () -> read(context(Map.of(), new FakeTerminal(false)), options)).exitCode());
        options.file = file("y".repeat(PassphraseReader.MAXIMUM_LENGTH) + "\n", "rw-------");
        assertEquals(PassphraseReader.MAXIMUM_LENGTH, read(context(Map.of(), new FakeTerminal(false)), options).length());
    }

    /** Finds the descriptor number this process holds open on a file, through /proc/self/fd. */
    private static int descriptorOf(final Path path) throws IOException {
        final Path real = path.toRealPath();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (final Path descriptor : (Iterable<Path>) descriptors::iterator) {
                try {
                    if (Files.readSymbolicLink(descriptor).equals(real)) {
                        return Integer.parseInt(descriptor.getFileName().toString());
                    }
                } catch (final IOException ignored) {
                    // descriptors can close while we look
                }
            }
        }
        throw new IOException("descriptor not found");
    }
}
