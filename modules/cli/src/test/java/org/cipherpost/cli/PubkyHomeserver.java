package org.cipherpost.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.wire.ZBase32;

/**
 * A pubky homeserver stand-in on 127.0.0.1 (com.sun.net.httpserver), written from the pubky specs and not from the
 * code under test: {@code POST /session} verifies an AuthToken exactly as pubky-core's docs/src/spec/auth.md says
 * (version byte, namespace, timestamp within 45 s, Ed25519 signature by the pubky over bytes [65..], capabilities
 * grammar, no replay) and sets a session cookie named after the user; {@code PUT}/{@code DELETE} under {@code /pub/}
 * need that cookie, for the user named by {@code pubky-host}, with a write capability covering the path;
 * {@code GET}/{@code HEAD} of {@code /pub/} are public (with {@code Range}); {@code DELETE /session} signs out.
 * A copy of modules/blob's test class of the same name: test classes are not shared across modules.
 */
public final class PubkyHomeserver implements AutoCloseable {
    /** Accepted clock difference, the spec's default. */
    public static final long WINDOW_MICROS = 45_000_000L;

    private static final byte[] NAMESPACE = "PUBKY:AUTH".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Session(String user, List<String> capabilities) {
    }

    private final HttpServer server;
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private final Set<String> seenTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();

    private PubkyHomeserver(final HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the stand-in on a free loopback port.
     *
     * @return running server
     * @throws IOException when it cannot bind
     */
    public static PubkyHomeserver start() throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        final PubkyHomeserver homeserver = new PubkyHomeserver(server);
        server.createContext("/", homeserver::handle);
        server.start();
        return homeserver;
    }

    /**
     * Signs a user up (the step cipherpost leaves to the user).
     *
     * @param z32 the user's key
     */
    public void signUp(final String z32) {
        users.add(z32);
    }

    /** @return base URI {@code http://127.0.0.1:<port>/} */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** @return {@code host:port} for a {@code pubky+http://} store URL */
    public String authority() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return number of live sessions */
    public int sessions() {
        return sessions.size();
    }

    /** @return the reasons of every refused request so far */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    /**
     * Returns a stored file.
     *
     * @param user owner's z32 key
     * @param path absolute path such as {@code /pub/cipherpost/blobs/x.age}
     * @return its bytes, or null
     */
    public byte[] file(final String user, final String path) {
        return files.get(user + path);
    }

    /**
     * Replaces a stored file (for tamper tests).
     *
     * @param user owner's z32 key
     * @param path absolute path
     * @param bytes new content
     */
    public void replace(final String user, final String path, final byte[] bytes) {
        files.put(user + path, bytes.clone());
    }

    /**
     * Verifies an AuthToken as the spec says, without the replay and account checks.
     *
     * @param token encoded token
     * @param nowMicros the server's clock
     * @return the signer's z32 key and capabilities, as "z32 caps"
     * @throws IOException naming the first rule broken
     */
    public static String verify(final byte[] token, final long nowMicros) throws IOException {
        if (token.length < 116) {
            throw new IOException("too short");
        }
        if (token[74] != 0) {
            throw new IOException("unknown version");
        }
        if (!Arrays.equals(Arrays.copyOfRange(token, 64, 74), NAMESPACE)) {
            throw new IOException("wrong namespace");
        }
        long timestamp = 0;
        for (int i = 75; i < 83; i++) {
            timestamp = (timestamp << 8) | (token[i] & 0xff);
        }
        if (timestamp - nowMicros > WINDOW_MICROS) {
            throw new IOException("too far in the future");
        }
        if (nowMicros - timestamp > WINDOW_MICROS) {
            throw new IOException("expired");
        }
        final byte[] key = Arrays.copyOfRange(token, 83, 115);
        if (!Ed25519.verify(key, Arrays.copyOfRange(token, 65, token.length), Arrays.copyOf(token, 64))) {
            throw new IOException("invalid signature");
        }
        int length = 0;
        int shift = 0;
        int at = 115;
        while (true) {
            if (at >= token.length || shift > 28) {
                throw new IOException("bad capabilities length");
            }
            final int b = token[at++] & 0xff;
            length |= (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (at + length != token.length) {
            throw new IOException("capabilities length does not match the token");
        }
        final String capabilities = new String(token, at, length, StandardCharsets.UTF_8);
        for (final String capability : capabilities.split(",", -1)) {
            if (!capability.matches("(/[^/:,]*)+:[rw]+")) {
                throw new IOException("bad capability");
            }
        }
        return ZBase32.encode(key) + " " + capabilities;
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String method = exchange.getRequestMethod();
            final String path = exchange.getRequestURI().getPath();
            final byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if ("/session".equals(path) && "POST".equals(method)) {
                signIn(exchange, body);
            } else if ("/session".equals(path) && "DELETE".equals(method)) {
                final String host = host(exchange);
                final String secret = host == null ? null : cookie(exchange, host);
                if (secret != null && sessions.remove(secret) != null) {
                    answer(exchange, 204);
                } else {
                    refuse(exchange, 401, "sign-out without a session");
                }
            } else if (!path.startsWith("/pub/")) {
                refuse(exchange, 403, "outside /pub/");
            } else {
                tenant(exchange, method, path, body);
            }
        }
    }

    private void signIn(final HttpExchange exchange, final byte[] token) throws IOException {
        final String signer;
        try {
            signer = verify(token, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
        } catch (final IOException e) {
            refuse(exchange, 401, "token " + e.getMessage());
            return;
        }
        if (!seenTokens.add(HexFormat.of().formatHex(token, 75, 115))) {
            refuse(exchange, 401, "token already used");
            return;
        }
        final String user = signer.substring(0, signer.indexOf(' '));
        if (!users.contains(user)) {
            refuse(exchange, 404, "no such user");
            return;
        }
        final byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        final String value = ZBase32.encode(secret);
        sessions.put(value, new Session(user, List.of(signer.substring(signer.indexOf(' ') + 1).split(","))));
        exchange.getResponseHeaders().add("Set-Cookie", "other=1; Path=/");
        exchange.getResponseHeaders().add("Set-Cookie", user + "=" + value + "; HttpOnly; Path=/");
        answer(exchange, 201);
    }

    private void tenant(final HttpExchange exchange, final String method, final String path, final byte[] body)
            throws IOException {
        final String host = host(exchange);
        if (host == null) {
            refuse(exchange, 404, "no pubky-host");
            return;
        }
        final String key = host + path;
        switch (method) {
            case "GET", "HEAD" -> read(exchange, "HEAD".equals(method), files.get(key));
            case "PUT", "DELETE" -> {
                final String secret = cookie(exchange, host);
                final Session session = secret == null ? null : sessions.get(secret);
                if (session == null || !MessageDigest.isEqual(session.user().getBytes(StandardCharsets.US_ASCII),
                        host.getBytes(StandardCharsets.US_ASCII))) {
                    refuse(exchange, 401, "write without a session for " + host);
                } else if (session.capabilities().stream().noneMatch(capability -> {
                    final int colon = capability.lastIndexOf(':');
                    return path.startsWith(capability.substring(0, colon))
                            && capability.substring(colon + 1).contains("w");
                })) {
                    refuse(exchange, 403, "session cannot write " + path);
                } else if ("PUT".equals(method)) {
                    files.put(key, body);
                    answer(exchange, 201);
                } else {
                    answer(exchange, files.remove(key) == null ? 404 : 204);
                }
            }
            default -> refuse(exchange, 405, "method " + method);
        }
    }

    private static void read(final HttpExchange exchange, final boolean head, final byte[] content)
            throws IOException {
        if (content == null) {
            answer(exchange, 404);
            return;
        }
        int from = 0;
        final String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null && range.matches("bytes=\\d+-")) {
            from = Integer.parseInt(range.substring(6, range.length() - 1));
            if (from >= content.length) {
                answer(exchange, 416);
                return;
            }
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
        }
        final int status = from > 0 ? 206 : 200;
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(content.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, content.length - from);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(content, from, content.length - from);
        }
    }

    private static String host(final HttpExchange exchange) {
        final String header = exchange.getRequestHeaders().getFirst("pubky-host");
        if (header != null) {
            return header;
        }
        final String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (final String pair : query.split("&")) {
                if (pair.startsWith("pubky-host=")) {
                    return URLDecoder.decode(pair.substring(11), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static String cookie(final HttpExchange exchange, final String name) {
        for (final String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (final String pair : header.split(";")) {
                final int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
                    return pair.substring(equals + 1).strip();
                }
            }
        }
        return null;
    }

    private void refuse(final HttpExchange exchange, final int status, final String reason) throws IOException {
        refusals.add(reason);
        answer(exchange, status);
    }

    private static void answer(final HttpExchange exchange, final int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
