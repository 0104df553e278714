package org.cipherpost.cli.vault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.VaultOptions;

/**
 * Starts the agent as a detached background JVM ({@code setsid} when available) on this runtime's {@code java} and
 * module path. The key goes to the agent's standard input, never to argv or a file; the agent answers {@code ready}.
 */
final class AgentLauncher {
    /** How long the agent may take to start. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private AgentLauncher() {
    }

    /**
     * Starts an agent and waits until it listens.
     *
     * @param environment environment variables (PATH for setsid)
     * @param socket socket to listen on
     * @param lifetime how long the agent holds the key
     * @param identity the Device Key as {@code AGE-SECRET-KEY-1...}; the caller keeps and closes it
     * @param fingerprint SHA-256 of the device key file
     * @param location vault directory and home, whose entries the agent shows for the thin client
     * @return the agent's process id
     * @throws IOException when the agent cannot start
     */
    static long launch(final Map<String, String> environment, final Path socket, final Duration lifetime,
            final SecretBytes identity, final byte[] fingerprint, final VaultOptions location) throws IOException {
        final String modulePath = System.getProperty("jdk.module.path");
        if (modulePath == null || modulePath.isBlank()) {
            throw new IOException("Cannot start the agent: cipherpost is not running from a module path");
        }
        final List<String> command = new ArrayList<>();
        Executables.find("setsid", environment).ifPresent(path -> command.add(path.toString()));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xlog:disable", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-XX:+DisableAttachMechanism", "-XX:-CreateCoredumpOnCrash",
                "-Xmx64m", "--module-path", modulePath,
                "-m", "org.cipherpost.cli/" + AgentMain.class.getName(),
                socket.toString(), Long.toString(lifetime.toSeconds()),
                location.directory().toAbsolutePath().toString(), location.home().toAbsolutePath().toString()));
        final ProcessBuilder builder = Executables.withEnvironment(new ProcessBuilder(command), environment)
                .directory(Path.of("/").toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        final Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(identity.bytes());
            in.write('\n');
            in.write(HexFormat.of().formatHex(fingerprint).getBytes(StandardCharsets.US_ASCII));
            in.write('\n');
        } catch (final IOException e) {
            process.destroyForcibly();
            throw new IOException("The agent did not take its key: " + VaultFailures.line(e), e);
        }
        final String answer = firstLine(process);
        if (AgentMain.READY.equals(answer)) {
            process.getInputStream().close();
            return process.pid();
        }
        process.destroyForcibly();
        if (answer != null && answer.startsWith("error: ")) {
            throw new IOException("The agent did not start: " + answer.substring("error: ".length()));
        }
        throw new IOException("The agent did not start (it ended without saying why)");
    }

    /** Reads the agent's first line of output, waiting at most the start timeout. */
    private static String firstLine(final Process process) throws IOException {
        final CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (final IOException e) {
                return null;
            }
        });
        try {
            return line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("The agent did not start within [%s]".formatted(START_TIMEOUT), e);
        } catch (final ExecutionException e) {
            throw new IOException("The agent did not start", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting the agent", e);
        }
    }
}
