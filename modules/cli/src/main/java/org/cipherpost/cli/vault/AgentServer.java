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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.NoMatchingIdentityException;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;
import org.cipherpost.vault.VaultOptions;

/**
 * The vault agent: holds one unwrapped Device Key in memory and opens age files with it (and, when it knows its vault,
 * shows entries) for peers that are the same user, until it is locked or its time is up; then it wipes the key and
 * removes its socket. See {@link AgentProtocol}.
 */
final class AgentServer implements AutoCloseable {
    /** Longest time a client may take to send its request (a local client sends it at once). */
    static final long REQUEST_TIMEOUT_MILLIS = 2_000;

    private final AgeIdentity identity;
    private final AgeRecipient recipient;
    private final byte[] fingerprint;
    private final Instant expiry;
    private final Path socket;
    private final ServerSocketChannel server;
    private final UserPrincipal owner;
    private final ReadWriteLock keyLock = new ReentrantReadWriteLock();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "agent-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private AgentVault vault;
    private boolean wiped;

    private AgentServer(final AgeIdentity identity, final byte[] fingerprint, final Instant expiry, final Path socket,
            final ServerSocketChannel server, final UserPrincipal owner) {
        this.identity = identity;
        this.recipient = identity.recipient();
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
        return start(socket, identity, fingerprint, lifetime, clock, null);
    }

    /**
     * Binds the socket and starts serving, showing entries of a vault as well.
     *
     * @param socket socket path
     * @param identity the Device Key, owned by the server from now on
     * @param fingerprint SHA-256 of the device key file the key came from
     * @param lifetime how long to hold the key
     * @param clock clock for the expiry
     * @param location the vault directory and home the key belongs to, or null to answer no show request
     * @return running server
     * @throws IOException when the directory is not private or the socket cannot be bound
     */
    static AgentServer start(final Path socket, final AgeIdentity identity, final byte[] fingerprint,
            final Duration lifetime, final Clock clock, final VaultOptions location) throws IOException {
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
            if (location != null) {
                agent.vault = new AgentVault(location, new AgentKeyBackend(agent.new ServerDeviceKey(), fingerprint), fingerprint);
            }
            Thread.ofPlatform().daemon().name("agent-accept").start(agent::acceptLoop);
            if (agent.vault != null) {
                Thread.ofVirtual().name("agent-warm").start(agent.vault::warm);
            }
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
        if (vault != null) {
            vault.close();
        }
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
        timer.shutdownNow();
        stopped.countDown();
    }

    /** Sleeps out the lifetime, then locks. */
    private void expireAfter(final Duration lifetime) {
        try {
            if (!stopped.await(lifetime.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
            }
        } catch (final InterruptedException e) {
            close();
        }
    }

    /**
     * Accepts connections until the server socket closes. A request is read on this thread; info, show and find are
     * answered here too (one thread hop from the client and back: the thin client's latency), decryption and lock on
     * a virtual thread each, so that bulk decryption by a CLI still runs on every core. A watchdog closes a
     * connection whose request has not arrived within {@link #REQUEST_TIMEOUT_MILLIS}, so that a stalled client
     * cannot hold the agent up.
     */
    private void acceptLoop() {
        while (server.isOpen()) {
            final SocketChannel client;
            try {
                client = server.accept();
            } catch (final ClosedChannelException e) {
                return;
            } catch (final IOException e) {
                close();
                return;
            }
            final ScheduledFuture<?> watchdog;
            try {
                watchdog = timer.schedule(() -> closeQuietly(client), REQUEST_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (final RejectedExecutionException e) {
                // locked meanwhile
                closeQuietly(client);
                return;
            }
            boolean handedOff = false;
            try {
                handedOff = serveFirst(client, watchdog);
            } finally {
                watchdog.cancel(false);
                if (!handedOff) {
                    closeQuietly(client);
                }
            }
        }
    }

    /**
     * Reads one request, refusing peers that are not this user, and answers it or hands it to a virtual thread.
     *
     * @param client the connection
     * @param watchdog closes the connection unless cancelled once the request is read
     * @return true when a virtual thread took the connection (and closes it)
     */
    private boolean serveFirst(final SocketChannel client, final ScheduledFuture<?> watchdog) {
        SecretBytes payload = null;
        try {
            if (!samePrincipal(client)) {
                return false;
            }
            final InputStream in = Channels.newInputStream(client);
            final OutputStream out = Channels.newOutputStream(client);
            final byte op;
            try {
                op = AgentProtocol.readOp(in);
            } catch (final IOException e) {
                AgentProtocol.writeResponse(out, AgentProtocol.BAD_REQUEST, new byte[0]);
                return false;
            }
            payload = AgentProtocol.readPayload(in);
            if (!watchdog.cancel(false)) {
                return false;
            }
            switch (op) {
                case AgentProtocol.INFO -> info(out, payload);
                case AgentProtocol.SHOW, AgentProtocol.FIND -> answer(out, op, payload);
                case AgentProtocol.DECRYPT, AgentProtocol.LOCK -> {
                    final SecretBytes owned = payload;
                    payload = null;
                    Thread.ofVirtual().name("agent-client").start(() -> serveLater(client, op, owned));
                    return true;
                }
                default -> AgentProtocol.writeResponse(out, AgentProtocol.BAD_REQUEST, new byte[0]);
            }
        } catch (final IOException ignored) {
            // The client went away; nothing was kept from it.
        } finally {
            if (payload != null) {
                payload.close();
            }
        }
        return false;
    }

    /** Answers a decrypt or lock request on its own thread, then closes the connection and payload. */
    private void serveLater(final SocketChannel client, final byte op, final SecretBytes payload) {
        try (client; payload) {
            final OutputStream out = Channels.newOutputStream(client);
            if (op == AgentProtocol.DECRYPT) {
                decrypt(out, payload);
            } else {
                AgentProtocol.writeResponse(out, AgentProtocol.OK, new byte[0]);
                close();
            }
        } catch (final IOException ignored) {
            // The client went away; nothing was kept from it.
        }
    }

    /** Closes a connection, ignoring failures (the watchdog, or a connection that was not handed off). */
    private static void closeQuietly(final SocketChannel client) {
        try {
            client.close();
        } catch (final IOException ignored) {
            // nothing to release beyond the descriptor
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

    /** Answers a show or find request, or says that the client must do it itself. */
    private void answer(final OutputStream out, final byte op, final SecretBytes name) throws IOException {
        if (vault == null || name.length() == 0 || name.length() > AgentProtocol.MAXIMUM_NAME) {
            AgentProtocol.writeResponse(out, AgentProtocol.UNSUPPORTED, new byte[0]);
            return;
        }
        final String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name.bytes())).toString();
        } catch (final CharacterCodingException e) {
            AgentProtocol.writeResponse(out, AgentProtocol.BAD_REQUEST, new byte[0]);
            return;
        }
        try (SecretBytes shown = op == AgentProtocol.SHOW ? vault.show(text) : vault.find(text)) {
            if (shown == null) {
                AgentProtocol.writeResponse(out, AgentProtocol.UNSUPPORTED, new byte[0]);
            } else {
                AgentProtocol.writeResponse(out, AgentProtocol.OK, shown.bytes());
            }
        }
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

    /** The agent's key as the agent's own vault uses it: decrypts while the key is held; closing it keeps the key. */
    private final class ServerDeviceKey implements DeviceKey {
        @Override
        public AgeRecipient recipient() {
            return recipient;
        }

        @Override
        public SecretBytes decrypt(final byte[] ageFile) throws IOException, GeneralSecurityException {
            keyLock.readLock().lock();
            try {
                if (wiped) {
                    throw new IOException("Agent locked");
                }
                return Age.decrypt(ageFile, List.of(identity));
            } finally {
                keyLock.readLock().unlock();
            }
        }

        @Override
        public void close() {
            // the server wipes the key when it is locked or expires
        }
    }
}
