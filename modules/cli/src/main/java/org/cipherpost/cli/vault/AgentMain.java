package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.VaultOptions;

/**
 * Entry point of the background agent process that {@code vault unlock} starts:
 * {@code AgentMain <socket> <lifetime-seconds> [<vault-directory> <home>]} (with the vault, it also shows entries of
 * it for the thin client), reading the Device Key and the device key file's SHA-256 from
 * standard input (never from argv or a file), answering {@code ready} or {@code error: ...} on standard output.
 */
public final class AgentMain {
    /** Line the agent prints once it listens. */
    static final String READY = "ready";

    /** Most bytes of standard input read: an identity line and a fingerprint line. */
    private static final int MAXIMUM_INPUT = 512;

    private AgentMain() {
    }

    /**
     * Runs the agent until it is locked or expires, then exits.
     *
     * @param args socket path and lifetime in seconds, then optionally the vault directory and home
     */
    public static void main(final String[] args) {
        final PrintStream out = System.out;
        if (args.length != 2 && args.length != 4) {
            out.println("error: usage: AgentMain <socket> <lifetime-seconds> [<vault-directory> <home>]");
            System.exit(64);
        }
        final AgentServer server;
        try {
            final VaultOptions location = args.length == 4 ? VaultOptions.of(Path.of(args[2]), Path.of(args[3])) : null;
            server = start(Path.of(args[0]), Duration.ofSeconds(Long.parseLong(args[1])), System.in, location);
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            out.println("error: " + VaultFailures.line(e));
            out.flush();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        out.println(READY);
        out.flush();
        out.close();
        try {
            System.in.close();
            server.awaitStop();
        } catch (final IOException | InterruptedException e) {
            server.close();
        }
        System.exit(0);
    }

    /**
     * Reads the key from a stream and starts the server.
     *
     * @param socket socket path
     * @param lifetime how long to hold the key
     * @param in stream with the identity line and the fingerprint line
     * @return running server
     * @throws IOException when the input is malformed or the socket cannot be bound
     * @throws GeneralSecurityException when the identity is not an age X25519 identity
     */
    static AgentServer start(final Path socket, final Duration lifetime, final InputStream in)
            throws IOException, GeneralSecurityException {
        return start(socket, lifetime, in, null);
    }

    /**
     * Reads the key from a stream and starts the server for a vault.
     *
     * @param socket socket path
     * @param lifetime how long to hold the key
     * @param in stream with the identity line and the fingerprint line
     * @param location vault directory and home whose entries the agent shows, or null for none
     * @return running server
     * @throws IOException when the input is malformed or the socket cannot be bound
     * @throws GeneralSecurityException when the identity is not an age X25519 identity
     */
    static AgentServer start(final Path socket, final Duration lifetime, final InputStream in, final VaultOptions location)
            throws IOException, GeneralSecurityException {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IOException("Lifetime [%s] is not positive".formatted(lifetime));
        }
        final byte[] input = in.readNBytes(MAXIMUM_INPUT);
        try {
            int newline = 0;
            while (newline < input.length && input[newline] != '\n') {
                newline++;
            }
            if (newline == input.length) {
                throw new IOException("Agent input has no identity line");
            }
            final String rest = new String(input, newline + 1, input.length - newline - 1, StandardCharsets.US_ASCII).strip();
            final byte[] fingerprint;
            try {
                fingerprint = HexFormat.of().parseHex(rest);
            } catch (final IllegalArgumentException e) {
                throw new IOException("Agent input has no fingerprint line", e);
            }
            if (fingerprint.length != 32) {
                throw new IOException("Fingerprint length [%d] not [32]".formatted(fingerprint.length));
            }
            final AgeIdentity identity;
            try (SecretBytes line = SecretBytes.copyOf(input, 0, newline)) {
                identity = AgeIdentity.parse(line);
            }
            return AgentServer.start(socket, identity, fingerprint, lifetime, Clock.systemUTC(), location);
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }
}
