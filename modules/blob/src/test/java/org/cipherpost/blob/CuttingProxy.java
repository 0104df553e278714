package org.cipherpost.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 that kills connections mid-transfer: the first {@code cuts} connections are closed
 * (both sides, abruptly) once {@code limit} bytes went through in the chosen direction.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final boolean cutUploads;
    private final long limit;
    private final AtomicInteger cutsLeft;
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicInteger rangeRequests = new AtomicInteger();
    private final Thread acceptor;

    /**
     * Starts the proxy.
     *
     * @param upstreamPort nginx port on 127.0.0.1
     * @param cutUploads true to count client-to-server bytes, false for server-to-client
     * @param limit bytes after which a connection is cut
     * @param cuts how many connections to cut
     * @throws IOException when the socket cannot be bound
     */
    CuttingProxy(final int upstreamPort, final boolean cutUploads, final long limit, final int cuts)
            throws IOException {
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.cutUploads = cutUploads;
        this.limit = limit;
        this.cutsLeft = new AtomicInteger(cuts);
        this.acceptor = Thread.ofPlatform().daemon().name("cutting-proxy").start(this::accept);
    }

    /** Returns the proxied blob folder URI. */
    URI base() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/blobs/");
    }

    /** Returns how many connections were cut. */
    int cuts() {
        return cuts.get();
    }

    /** Returns how many requests carried a {@code Range} header. */
    int rangeRequests() {
        return rangeRequests.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                final Socket client = server.accept();
                final Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
                final boolean cut = cutsLeft.getAndDecrement() > 0;
                Thread.ofPlatform().daemon().start(() -> pump(client, upstream, cutUploads && cut, true));
                Thread.ofPlatform().daemon().start(() -> pump(upstream, client, !cutUploads && cut, false));
            } catch (final IOException e) {
                return;
            }
        }
    }

    private void pump(final Socket from, final Socket to, final boolean cut, final boolean upload) {
        long total = 0;
        final byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (upload && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains("\r\nRange: bytes=")) {
                    rangeRequests.incrementAndGet();
                }
                if (cut && total + n > limit) {
                    out.write(buffer, 0, (int) (limit - total));
                    out.flush();
                    cuts.incrementAndGet();
                    from.setSoLinger(true, 0);
                    to.setSoLinger(true, 0);
                    from.close();
                    to.close();
                    return;
                }
                out.write(buffer, 0, n);
                total += n;
            }
        } catch (final IOException e) {
            // the other direction closed the connection
        } finally {
            try {
                from.close();
                to.close();
            } catch (final IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(2000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
