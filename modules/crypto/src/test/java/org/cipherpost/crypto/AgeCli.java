package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test-only runner for the real {@code age} and {@code age-keygen} CLIs (Debian package {@code age}).
 *
 * <p>age reads passphrases only from a terminal, so passphrase commands run under util-linux
 * {@code script}, which gives them a pseudo-terminal fed from our pipe; this needs no real TTY.
 * A missing tool fails the test with a clear message instead of skipping it: CI installs it.
 */
final class AgeCli {
    private static final long TIMEOUT_SECONDS = 120;

    private AgeCli() {
    }

    /** Output of one process run. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        /**
         * Returns stdout as UTF-8 text.
         *
         * @return text
         */
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /**
     * Returns the age binary, failing the test when it is missing.
     *
     * @return path of {@code age}
     */
    static String age() {
        return require("age");
    }

    /**
     * Returns the age-keygen binary, failing the test when it is missing.
     *
     * @return path of {@code age-keygen}
     */
    static String ageKeygen() {
        return require("age-keygen");
    }

    /**
     * Runs a command with the given standard input and checks that it succeeds.
     *
     * @param stdin bytes for standard input
     * @param command program and arguments
     * @return result
     */
    static Result runOk(final byte[] stdin, final String... command) {
        final Result result = run(stdin, command);
        if (result.exitCode() != 0) {
            fail("%s exited with [%d]: %s".formatted(String.join(" ", command), result.exitCode(), result.stderr()));
        }
        return result;
    }

    /**
     * Runs a command with the given standard input.
     *
     * @param stdin bytes for standard input
     * @param command program and arguments
     * @return result
     */
    static Result run(final byte[] stdin, final String... command) {
        final ProcessBuilder builder = new ProcessBuilder(command);
        try {
            final Process process = builder.start();
            final CompletableFuture<byte[]> stdout = drain(process.getInputStream());
            final CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (final IOException e) {
                // the process may exit without reading its input; its exit code tells
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("%s did not finish in %d s".formatted(String.join(" ", command), TIMEOUT_SECONDS));
            }
            return new Result(process.exitValue(), stdout.join(), new String(stderr.join(), StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs an age command inside a pseudo-terminal, typing the given lines (passphrases) into it.
     *
     * @param typed text typed into the terminal, lines ending with a line feed
     * @param arguments age arguments; output must go to a file ({@code -o}) because stdout is the terminal
     * @return result; stdout holds the terminal transcript
     */
    static Result runInTerminal(final String typed, final String... arguments) {
        final String script = require("script");
        final List<String> words = new ArrayList<>();
        words.add(quote(age()));
        for (final String argument : arguments) {
            words.add(quote(argument));
        }
        return run(typed.getBytes(StandardCharsets.UTF_8), script, "-qec", String.join(" ", words), "/dev/null");
    }

    /**
     * Writes an identity file with age-keygen.
     *
     * @param file destination (must not exist)
     * @return the public key printed by age-keygen -y
     */
    static String keygen(final Path file) {
        runOk(new byte[0], ageKeygen(), "-o", file.toString());
        return runOk(new byte[0], ageKeygen(), "-y", file.toString()).stdoutText().strip();
    }

    /** Finds a program on the PATH or fails the test with an installation hint. */
    private static String require(final String program) {
        final String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (final String directory : path.split(":")) {
            final Path candidate = Path.of(directory.isEmpty() ? "." : directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        final Path fallback = Path.of("/usr/bin", program);
        if (Files.isExecutable(fallback)) {
            return fallback.toString();
        }
        return fail("Interop test needs [%s] on the PATH: install the Debian package '%s' (apt-get install age util-linux); .ci/run installs age"
                .formatted(program, "script".equals(program) ? "util-linux" : "age"));
    }

    /** Quotes a word for sh. */
    private static String quote(final String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Reads a process stream to its end on a thread of its own. */
    private static CompletableFuture<byte[]> drain(final InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (stream) {
                stream.transferTo(bytes);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }, runnable -> new Thread(runnable, "age-cli-drain").start());
    }
}
