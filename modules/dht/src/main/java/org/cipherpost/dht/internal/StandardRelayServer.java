package org.cipherpost.dht.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.dht.RelayLimits;
import org.cipherpost.dht.RelayServer;

/**
 * The relay's HTTP server: the JDK server with a virtual thread per exchange and one handler for every path.
 */
final class StandardRelayServer implements RelayServer {
    /** Thread name prefix, for diagnostics and leak checks. */
    static final String THREAD_PREFIX = "cipherpost-relay-";

    private static final int BACKLOG = 128;

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StandardRelayServer(final HttpServer server, final ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts a relay.
     *
     * @param bind listen address
     * @param backend backend transport
     * @param limits limits
     * @param log request log
     * @return running relay
     * @throws IOException when the address cannot be bound
     */
    static StandardRelayServer start(final InetSocketAddress bind, final PkarrTransport backend,
            final RelayLimits limits, final Consumer<String> log) throws IOException {
        Objects.requireNonNull(bind, "Bind address required");
        Objects.requireNonNull(backend, "Backend transport required");
        Objects.requireNonNull(limits, "Relay limits required");
        Objects.requireNonNull(log, "Request log required");
        final HttpServer server = HttpServer.create(bind, BACKLOG);
        final ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name(THREAD_PREFIX, 0).factory());
        server.setExecutor(executor);
        server.createContext("/", new RelayHandler(backend, limits, log));
        server.start();
        return new StandardRelayServer(server, executor);
    }

    @Override
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public URI uri() {
        final InetSocketAddress address = server.getAddress();
        InetAddress host = address.getAddress();
        if (host.isAnyLocalAddress()) {
            host = InetAddress.getLoopbackAddress();
        }
        final String literal = host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
        return URI.create("http://" + literal + ":" + address.getPort());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "RelayServer[" + uri() + "]";
    }
}
