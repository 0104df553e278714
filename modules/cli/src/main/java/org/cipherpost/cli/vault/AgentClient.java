package org.cipherpost.cli.vault;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Objects;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.cipherpost.crypto.NoMatchingIdentityException;
import org.cipherpost.crypto.SecretBytes;

/** Talks to the vault agent on its socket, one connection per request; the agent must run as this user. */
final class AgentClient {
    private final Path socket;

    /**
     * Creates a client for a socket.
     *
     * @param socket agent socket
     */
    AgentClient(final Path socket) {
        this.socket = Objects.requireNonNull(socket, "Socket required");
    }

    /**
     * What a running agent reports.
     *
     * @param recipient the Device Key's recipient
     * @param pid agent process id
     * @param expiry when the agent locks itself
     */
    record Info(String recipient, long pid, Instant expiry) {
    }

    /**
     * Tells whether an agent socket file exists in a private runtime directory.
     *
     * @return true when there is a socket to try
     */
    boolean present() {
        if (!Files.exists(socket)) {
            return false;
        }
        try {
            AgentPaths.checkPrivate(socket.getParent());
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    /**
     * Asks the agent who it is, proving it holds the key of the given device key file.
     *
     * @param fingerprint SHA-256 of this device's key file
     * @return info, or null when the agent holds another device key
     * @throws IOException when no agent answers
     */
    Info info(final byte[] fingerprint) throws IOException {
        try (SocketChannel channel = connect()) {
            AgentProtocol.writeRequest(Channels.newOutputStream(channel), AgentProtocol.INFO, fingerprint);
            final InputStream in = Channels.newInputStream(channel);
            final byte status = AgentProtocol.readStatus(in);
            try (SecretBytes payload = AgentProtocol.readPayload(in)) {
                if (status == AgentProtocol.MISMATCH) {
                    return null;
                }
                if (status != AgentProtocol.OK) {
                    throw new IOException("Agent refused the info request with status [%d]".formatted(status));
                }
                final String[] lines = new String(payload.bytes(), StandardCharsets.US_ASCII).split("\n");
                if (lines.length != 3) {
                    throw new IOException("Agent info has [%d] lines, not [3]".formatted(lines.length));
                }
                try {
                    return new Info(lines[0], Long.parseLong(lines[1]), Instant.ofEpochSecond(Long.parseLong(lines[2])));
                } catch (final NumberFormatException e) {
                    throw new IOException("Agent info is malformed", e);
                }
            }
        }
    }

    /**
     * Has the agent decrypt an age file.
     *
     * @param ageFile the file
     * @return plaintext the caller owns
     * @throws IOException when no agent answers ({@link AgentUnavailableException} is thrown instead when the agent
     *     went away), or the file is malformed or truncated
     * @throws GeneralSecurityException when the file is not for the agent's key or fails authentication
     */
    SecretBytes decrypt(final byte[] ageFile) throws IOException, GeneralSecurityException {
        return exchange(AgentProtocol.DECRYPT, ageFile);
    }

    /** Sends one request whose answer is a file or a failure status, and maps the status. */
    private SecretBytes exchange(final byte op, final byte[] body) throws IOException, GeneralSecurityException {
        final byte status;
        final SecretBytes payload;
        try (SocketChannel channel = connect()) {
            AgentProtocol.writeRequest(Channels.newOutputStream(channel), op, body);
            final InputStream in = Channels.newInputStream(channel);
            status = AgentProtocol.readStatus(in);
            payload = AgentProtocol.readPayload(in);
        } catch (final IOException e) {
            throw new AgentUnavailableException(socket, e);
        }
        if (status == AgentProtocol.OK) {
            return payload;
        }
        payload.close();
        switch (status) {
            case AgentProtocol.NO_MATCH -> throw new NoMatchingIdentityException();
            case AgentProtocol.TRUNCATED -> throw new EOFException("Age file ends early");
            case AgentProtocol.MALFORMED -> throw new IOException("Not a well-formed age file");
            case AgentProtocol.FAILED -> throw new GeneralSecurityException("Age file failed authentication");
            default -> throw new AgentUnavailableException(socket,
                    new IOException("Agent answered status [%d]".formatted(status)));
        }
    }

    /**
     * Asks the agent to wipe its key and exit.
     *
     * @throws IOException when no agent answers
     */
    void lock() throws IOException {
        try (SocketChannel channel = connect()) {
            AgentProtocol.writeRequest(Channels.newOutputStream(channel), AgentProtocol.LOCK, new byte[0]);
            final InputStream in = Channels.newInputStream(channel);
            final byte status = AgentProtocol.readStatus(in);
            AgentProtocol.readPayload(in).close();
            if (status != AgentProtocol.OK) {
                throw new IOException("Agent refused to lock with status [%d]".formatted(status));
            }
        }
    }

    /** Connects and checks that the agent runs as this user. */
    private SocketChannel connect() throws IOException {
        final SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            final UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            final UserPrincipal self = Files.getOwner(Path.of("/proc/self"));
            if (peer == null || !self.equals(peer.user())) {
                throw new IOException("Agent at [%s] runs as another user".formatted(socket));
            }
            return channel;
        } catch (final IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
