package org.cipherpost.cli;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.cipherpost.crypto.SecretBytes;

/**
 * The controlling terminal, opened as {@code /dev/tty} like age and ssh do, so prompts work while
 * standard input and output are pipes. Echo is switched off with {@code stty} for secrets.
 */
final class DevTtyTerminal implements Terminal {
    private static final Path TTY = Path.of("/dev/tty");
    private static final int MAXIMUM_LINE = 4096;

    @Override
    public boolean available() {
        if (!Files.isReadable(TTY)) {
            return false;
        }
        try (InputStream probe = new FileInputStream(TTY.toFile())) {
            return probe.available() >= 0;
        } catch (final IOException e) {
            return false;
        }
    }

    @Override
    public SecretBytes readSecret(final String prompt) throws IOException {
        try (FileInputStream in = new FileInputStream(TTY.toFile());
             FileOutputStream out = new FileOutputStream(TTY.toFile())) {
            final String saved = stty("-g").trim();
            stty("-echo");
            try {
                out.write(prompt.getBytes(StandardCharsets.UTF_8));
                out.flush();
                final byte[] line = readLine(in);
                return line == null ? null : SecretBytes.wrap(line);
            } finally {
                if (!saved.isEmpty()) {
                    stty(saved);
                } else {
                    stty("echo");
                }
                out.write('\n');
                out.flush();
            }
        }
    }

    @Override
    public String readLine(final String prompt) throws IOException {
        try (FileInputStream in = new FileInputStream(TTY.toFile());
             OutputStream out = new FileOutputStream(TTY.toFile())) {
            out.write(prompt.getBytes(StandardCharsets.UTF_8));
            out.flush();
            final byte[] line = readLine(in);
            return line == null ? null : new String(line, StandardCharsets.UTF_8);
        }
    }

    private static byte[] readLine(final InputStream in) throws IOException {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        int count = 0;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (++count > MAXIMUM_LINE) {
                wipe(buffer);
                throw new IOException("Input line longer than [%d] bytes".formatted(MAXIMUM_LINE));
            }
            buffer.write(b);
        }
        if (!any) {
            return null;
        }
        final byte[] line = buffer.toByteArray();
        wipe(buffer);
        if (line.length > 0 && line[line.length - 1] == '\r') {
            final byte[] trimmed = Arrays.copyOf(line, line.length - 1);
            Arrays.fill(line, (byte) 0);
            return trimmed;
        }
        return line;
    }

    private static void wipe(final ByteArrayOutputStream buffer) {
        final int size = buffer.size();
        buffer.reset();
        buffer.write(new byte[size], 0, size);
        buffer.reset();
    }

    private static String stty(final String argument) throws IOException {
        final Process process = new ProcessBuilder("stty", argument)
                .redirectInput(TTY.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        final byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("stty did not finish");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while setting terminal mode", e);
        }
        return new String(output, StandardCharsets.US_ASCII);
    }
}
