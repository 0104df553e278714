package org.cipherpost.plugin.yubikey;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Reads a secret from the user's terminal with echo off: {@link System#console()} when standard input and output are
 * the terminal, otherwise the controlling terminal {@code /dev/tty} (echo switched off with {@code stty}), so a PIN
 * can be typed while a secret is piped into the command.
 */
final class TerminalPrompt {
    private static final Path TTY = Path.of("/dev/tty");
    private static final int MAXIMUM_LINE = 256;
    private static final long STTY_SECONDS = 10;

    private TerminalPrompt() {
    }

    /**
     * Shows a prompt and reads one line without echo.
     *
     * @param prompt prompt text
     * @return new array holding the line without its end, which the caller wipes; null at end of input
     * @throws IOException when there is no terminal or echo cannot be switched off
     */
    static char[] readHidden(final String prompt) throws IOException {
        final Console console = System.console();
        if (console != null) {
            return console.readPassword("%s", prompt);
        }
        final FileInputStream in;
        try {
            in = new FileInputStream(TTY.toFile());
        } catch (final FileNotFoundException | SecurityException e) {
            throw new IOException("No terminal available for the YubiKey prompt", e);
        }
        try (in; FileOutputStream out = new FileOutputStream(TTY.toFile())) {
            final String saved = stty("-g").trim();
            stty("-echo");
            try {
                out.write(prompt.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return readLine(in);
            } finally {
                stty(saved.isEmpty() ? "echo" : saved);
                out.write('\n');
                out.flush();
            }
        }
    }

    /**
     * Shows one line to the user on the terminal (standard error's console, else /dev/tty); silently nothing without a
     * terminal.
     *
     * @param line text without a line end
     */
    static void notice(final String line) {
        final Console console = System.console();
        if (console != null) {
            console.writer().println(line);
            console.writer().flush();
            return;
        }
        try (FileOutputStream out = new FileOutputStream(TTY.toFile())) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (final IOException | SecurityException e) {
            // no terminal: the card waits for the touch all the same
        }
    }

    /** Reads bytes up to a line end into chars (PINs and hex keys are ASCII), wiping the buffer. */
    private static char[] readLine(final InputStream in) throws IOException {
        final byte[] line = new byte[MAXIMUM_LINE];
        int length = 0;
        try {
            int b;
            boolean any = false;
            while ((b = in.read()) >= 0 && b != '\n') {
                any = true;
                if (length == MAXIMUM_LINE) {
                    throw new IOException("Line longer than [" + MAXIMUM_LINE + "] characters");
                }
                line[length++] = (byte) b;
            }
            if (!any && b < 0) {
                return null;
            }
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            final char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = (char) (line[i] & 0xff);
            }
            return chars;
        } finally {
            Arrays.fill(line, (byte) 0);
        }
    }

    /** Runs stty on the terminal and returns its output. */
    private static String stty(final String argument) throws IOException {
        final Process process = new ProcessBuilder("stty", argument)
                .redirectInput(TTY.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        try {
            if (!process.waitFor(STTY_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("stty [" + argument + "] failed: terminal echo cannot be switched off");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted waiting for stty", e);
        }
        return output.toString(StandardCharsets.US_ASCII);
    }
}
