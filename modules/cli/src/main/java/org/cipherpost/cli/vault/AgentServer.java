package org.cipherpost.cli.vault;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.NoMatchingIdentityException;
import org.cipherpost.crypto.SecretBytes;

/**
 * The vault agent: holds one unwrapped Device Key in memory and opens age files with it for peers that are the same
 * user, until it is locked or its time is up; then it wipes the key and removes its socket. See {@link AgentProtocol}.
 */
final class AgentServer implements AutoCloseable {
    private final AgeIdentity identity;
    private final byte[] fingerprint;
    private final Instant expiry;
    private final Path socket;
    private final ServerSocketChannel server;
    private final UserPrincipal owner;
    private final ReadWriteLock keyLock = new ReentrantReadWriteLock();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean wiped;

    private AgentServer(final AgeIdentity identity, final byte[] fingerprint, final Instant expiry, final Path socket,
            final ServerSocketChannel server, final UserPrincipal owner) {
        this.identity = identity;
        this.fingerprint = fingerprint;
        this.expiry = expiry;
        this.socket = socket;
        this.server = server;
        this.owner = owner;
    }

    /**
     * Binds the socket (replacing a stale socket file) in a private runtime directory and starts serving.
     *
     * @param socket socket path
     * @param identity the Device Key, owned by the server from now on
     * @param fingerprint SHA-256 of the device key file the key came from
     * @param lifetime how long to hold the key
     * @param clock clock for the expiry
     * @return running server
     * @throws IOException when the directory is not private or the socket cannot be bound
     */
    static AgentServer start(final Path socket, final AgeIdentity identity, final byte[] fingerprint,
            final Duration lifetime, final Clock clock) throws IOException {
        Objects.requireNonNull(identity, "Identity required");
        try {
            AgentPaths.checkLength(socket);
            AgentPaths.ensurePrivate(socket.getParent());
            Files.deleteIfExists(socket);
            final ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            final UserPrincipal owner = Files.getOwner(Path.of("/proc/self"));
            final AgentServer agent = new AgentServer(identity, fingerprint.clone(), clock.instant().plus(lifetime),
                    socket, server, owner);
            Thread.ofVirtual().name("agent-accept").start(agent::acceptLoop);
            Thread.ofPlatform().daemon().name("agent-timer").start(() -> agent.expireAfter(lifetime));
            return agent;
        } catch (final IOException | RuntimeException e) {
            identity.close();
            throw e;
        }
    }

    /**
     * Returns when the key was scheduled to be wiped.
     *
     * @return expiry
     */
    Instant expiry() {
        return expiry;
    }

    /**
     * Waits until the agent is locked or expires.
     *
     * @throws InterruptedException when interrupted
     */
    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops accepting, wipes the key and removes the socket; idempotent. */
    @Override
    public void close() {
        keyLock.writeLock().lock();
        try {
            if (!wiped) {
                wiped = true;
                identity.close();
                Arrays.fill(fingerprint, (byte) 0);
            }
        } finally {
            keyLock.writeLock().unlock();
        }
        try {
            server.close();
        } catch (final IOException ignored) {
            // Closing a listening socket that failed to close leaves nothing to wipe.
        }
        try {
            Files.deleteIfExists(socket);
        } catch (final IOException ignored) {
            // A socket file nobody listens on is replaced by the next unlock.
        }
        stopped.countDown();
    }

    /** Sleeps out the lifetime, then locks. */
    private void expireAfter(final Duration lifetime) {
        try {
            if (!stopped.await(lifetime.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                close();
            }
        } catch (final InterruptedException e) {
            close();
        }
    }

    /** Accepts connections until the server socket closes; each is served on its own virtual thread. */
    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                final SocketChannel client = server.accept();
                Thread.ofVirtual().name("agent-client").start(() -> serve(client));
            } catch (final ClosedChannelException e) {
                return;
            } catch (final IOException e) {
                close();
                return;
            }
        }
    }

    /** Serves one request on one connection, refusing peers that are not this user. */
    private void serve(final SocketChannel client) {
        try (client) {
            if (!samePrincipal(client)) {
                return;
            }
            final InputStream in = Channels.newInputStream(client);
            final OutputStream out = Channels.newOutputStream(client);
            final byte op;
            try {
                op = AgentProtocol.readOp(in);
            } catch (final IOException e) {
                AgentProtocol.writeResponse(out, AgentProtocol.BAD_REQUEST, new byte[0]);
                return;
            }
            try (SecretBytes payload = AgentProtocol.readPayload(in)) {
                switch (op) {
                    case AgentProtocol.INFO -> info(out, payload);
                    case AgentProtocol.DECRYPT -> decrypt(out, payload);
                    case AgentProtocol.LOCK -> {
                        AgentProtocol.writeResponse(out, AgentProtocol.OK, new byte[0]);
                        close();
                    }
                    default -> AgentProtocol.writeResponse(out, AgentProtocol.BAD_REQUEST, new byte[0]);
                }
            }
        } catch (final IOException ignored) {
            // The client went away; nothing was kept from it.
        }
    }

    /** Tells whether the peer of a connection runs as the user this agent runs as. */
    private boolean samePrincipal(final SocketChannel client) {
        try {
            final UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return peer != null && owner.equals(peer.user());
        } catch (final IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Answers an info request: the recipient, pid and expiry, or a mismatch for another device key file. */
    private void info(final OutputStream out, final SecretBytes clientFingerprint) throws IOException {
        final String recipient;
        keyLock.readLock().lock();
        try {
            if (wiped || !MessageDigest.isEqual(fingerprint, clientFingerprint.bytes())) {
                AgentProtocol.writeResponse(out, AgentProtocol.MISMATCH, new byte[0]);
                return;
            }
            recipient = identity.recipient().encoded();
        } finally {
            keyLock.readLock().unlock();
        }
        final String text = recipient + "\n" + ProcessHandle.current().pid() + "\n" + expiry.getEpochSecond() + "\n";
        AgentProtocol.writeResponse(out, AgentProtocol.OK, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Answers a decrypt request with the plaintext or the kind of failure. */
    private void decrypt(final OutputStream out, final SecretBytes ageFile) throws IOException {
        byte status = AgentProtocol.OK;
        SecretBytes plaintext = null;
        keyLock.readLock().lock();
        try {
            if (wiped) {
                status = AgentProtocol.MISMATCH;
            } else {
                plaintext = Age.decrypt(ageFile.bytes(), List.of(identity));
            }
        } catch (final NoMatchingIdentityException e) {
            status = AgentProtocol.NO_MATCH;
        } catch (final EOFException e) {
            status = AgentProtocol.TRUNCATED;
        } catch (final IOException e) {
            status = AgentProtocol.MALFORMED;
        } catch (final GeneralSecurityException e) {
            status = AgentProtocol.FAILED;
        } finally {
            keyLock.readLock().unlock();
        }
        try (SecretBytes reply = plaintext != null ? plaintext : SecretBytes.wrap(new byte[0])) {
            AgentProtocol.writeResponse(out, status, reply.bytes());
        }
    }
}
