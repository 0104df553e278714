package org.cipherpost.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real WebDAV nginx (Debian's nginx-light, as the blob module's tests use) on 127.0.0.1 serving {@code /blobs/}
 * with PUT and DELETE for one bearer token and public GET, in the foreground as this user.
 */
final class BlobNginx implements AutoCloseable {
    /** Where Debian installs nginx. */
    static final Path BINARY = Path.of("/usr/sbin/nginx");
    /** The token the server accepts. */
    static final String TOKEN = "cli-test-token-7c1e";

    private final Process process;
    private final Path blobs;
    private final int port;

    private BlobNginx(final Process process, final Path blobs, final int port) {
        this.process = process;
        this.blobs = blobs;
        this.port = port;
    }

    /**
     * Starts nginx in a fresh directory.
     *
     * @param directory empty working directory
     * @return running server
     * @throws IOException when nginx does not start
     * @throws InterruptedException when interrupted
     */
    static BlobNginx start(final Path directory) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            fail("nginx not found at " + BINARY + ": install Debian's nginx-light (.ci/run does)");
        }
        final Path www = Files.createDirectories(directory.resolve("www/blobs"));
        final Path temp = Files.createDirectories(directory.resolve("tmp"));
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        final String config = """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_body_temp_path %2$s/body;
                  proxy_temp_path %2$s/proxy;
                  fastcgi_temp_path %2$s/fastcgi;
                  uwsgi_temp_path %2$s/uwsgi;
                  scgi_temp_path %2$s/scgi;
                  server {
                    listen 127.0.0.1:%3$d;
                    root %4$s;
                    location /blobs/ {
                      # writes need the token; reads are public (unguessable content addresses), as a
                      # sender's store shared with recipients that hold no token would be configured
                      set $auth "ok";
                      if ($request_method ~ ^(PUT|DELETE)$) { set $auth "need"; }
                      if ($http_authorization = "Bearer %5$s") { set $auth "ok"; }
                      if ($auth = "need") { return 401; }
                      dav_methods PUT DELETE;
                      create_full_put_path on;
                      dav_access user:rw;
                      client_max_body_size 0;
                    }
                  }
                }
                """.formatted(directory, temp, port, www.getParent(), TOKEN);
        final Path file = Files.writeString(directory.resolve("nginx.conf"), config, StandardCharsets.US_ASCII);
        final Process process = new ProcessBuilder(BINARY.toString(), "-p", directory.toString(), "-c",
                file.toString(), "-e", directory.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
        final Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("nginx exited: " + Files.readString(directory.resolve("stdout.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new BlobNginx(process, www, port);
            } catch (final IOException e) {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        process.destroyForcibly();
        throw new IOException("nginx did not start listening");
    }

    /** Returns the blob folder URI. */
    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/blobs/");
    }

    /** Returns the directory nginx serves {@code /blobs/} from. */
    Path blobs() {
        return blobs;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
