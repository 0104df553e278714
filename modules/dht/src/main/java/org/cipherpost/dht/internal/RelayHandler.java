package org.cipherpost.dht.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.cipherpost.dht.PkarrPutResult;
import org.cipherpost.dht.PkarrResolution;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.dht.RelayLimits;
import org.cipherpost.dht.RelayServer;
import org.cipherpost.wire.PacketTooLargeException;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.SignedPacket;

/**
 * Answers relay requests ({@code pubky/pkarr} design/relays.md); nothing reaches the backend before the key, size
 * and signature checks pass.
 *
 * <pre>
 * PUT /&lt;z32&gt;  204 + Pkarr-Dht-Stored-Nodes | 400 bad key, signature or DNS packet | 409 stale | 412 If-Match
 *              failed | 413 body over 1072 bytes | 428 concurrent put without If-Match | 429 | 500 DHT failure
 * GET /&lt;z32&gt;  200 payload | 304 not modified since | 400 bad key | 404 not found | 429 | 500
 * OPTIONS     204 (CORS preflight); any other method 405
 * </pre>
 */
final class RelayHandler implements HttpHandler {
    private static final String ALLOWED_METHODS = "GET, PUT, OPTIONS";
    private static final int MIN_MAX_AGE = 300;
    private static final int MAX_MAX_AGE = 86_400;
    private static final int MAX_CAS_DIGITS = 19;

    private final PkarrTransport backend;
    private final Consumer<String> log;
    private final RateLimiter limiter;
    private final Semaphore permits;
    private final PacketCache cache;
    private final Set<String> publishing = ConcurrentHashMap.newKeySet();

    /**
     * Creates a handler.
     *
     * @param backend backend transport
     * @param limits limits
     * @param log request log
     */
    RelayHandler(final PkarrTransport backend, final RelayLimits limits, final Consumer<String> log) {
        this.backend = backend;
        this.log = log;
        this.limiter = new RateLimiter(limits.requestsPerSecond(), limits.burst(), limits.maxTrackedClients(),
                System::nanoTime);
        this.permits = new Semaphore(limits.maxConcurrent());
        this.cache = new PacketCache(limits.cachedPackets());
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String method = exchange.getRequestMethod();
            Reply reply;
            try {
                reply = reply(exchange, method);
            } catch (final RuntimeException e) {
                reply = Reply.text(500, "Internal error");
            }
            final Headers headers = exchange.getResponseHeaders();
            headers.set("Access-Control-Allow-Origin", "*");
            headers.set("Access-Control-Allow-Methods", ALLOWED_METHODS);
            headers.set("Access-Control-Expose-Headers", RelayServer.STORED_NODES_HEADER);
            reply.headers().forEach(headers::set);
            send(exchange, reply);
            log.accept(String.format("%s %s /%s %d", address(exchange), knownMethod(method), reply.key(),
                    reply.status()));
        }
    }

    private Reply reply(final HttpExchange exchange, final String method) throws IOException {
        if (!limiter.tryAcquire(exchange.getRemoteAddress().getAddress())) {
            return Reply.text(429, "Too many requests").with("Retry-After", "1");
        }
        if (!permits.tryAcquire()) {
            return Reply.text(503, "Relay busy").with("Retry-After", "1");
        }
        try {
            return switch (method) {
                case "OPTIONS" -> Reply.empty(204).with("Access-Control-Allow-Headers",
                        "Content-Type, If-Match, If-Modified-Since").with("Access-Control-Max-Age", "86400");
                case "GET", "PUT" -> keyed(exchange, method);
                default -> Reply.text(405, "Method not allowed").with("Allow", ALLOWED_METHODS);
            };
        } finally {
            permits.release();
        }
    }

    private Reply keyed(final HttpExchange exchange, final String method) throws IOException {
        final String path = exchange.getRequestURI().getRawPath();
        final byte[] key = key(path);
        if (key == null) {
            return Reply.text(400, "Path must be / followed by a 52-character z-base-32 public key");
        }
        try {
            return method.equals("PUT") ? put(exchange, key) : get(exchange, key);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.text(503, "Relay shutting down");
        }
    }

    private Reply put(final HttpExchange exchange, final byte[] key) throws IOException, InterruptedException {
        final String z32 = PublicKeys.toZ32(key);
        final String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && !declaredLengthFits(length)) {
            return Reply.text(413, "Body larger than " + RelayServer.MAX_BODY_BYTES + " bytes").forKey(z32);
        }
        final byte[] body = BoundedBody.read(exchange.getRequestBody(), RelayServer.MAX_BODY_BYTES);
        if (body == null) {
            return Reply.text(413, "Body larger than " + RelayServer.MAX_BODY_BYTES + " bytes").forKey(z32);
        }
        final SignedPacket packet;
        try {
            packet = SignedPacket.fromRelayPayload(key, body);
        } catch (final SignatureException e) {
            return Reply.text(400, "Signature not valid for the key in the path").forKey(z32);
        } catch (final PacketTooLargeException e) {
            return Reply.text(413, "DNS packet larger than 1000 bytes").forKey(z32);
        } catch (final IOException e) {
            return Reply.text(400, "Payload is not signature, timestamp and a valid DNS packet").forKey(z32);
        }
        final String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        final OptionalLong cas = cas(ifMatch);
        if (ifMatch != null && cas.isEmpty()) {
            return Reply.text(400, "If-Match must be a decimal timestamp").forKey(z32);
        }
        final SignedPacket seen = cache.get(z32);
        if (seen != null && seen.moreRecentThan(packet)) {
            return Reply.text(409, "A more recent packet of this key was already seen").forKey(z32);
        }
        final boolean owner = publishing.add(z32);
        if (!owner && cas.isEmpty()) {
            return Reply.text(428, "Another put of this key is in progress; send If-Match").forKey(z32);
        }
        try {
            return stored(packet, backend.publish(packet, cas), key).forKey(z32);
        } catch (final IOException e) {
            return Reply.text(500, "DHT put failed").forKey(z32);
        } finally {
            if (owner) {
                publishing.remove(z32);
            }
        }
    }

    private Reply stored(final SignedPacket packet, final PkarrPutResult put, final byte[] key)
            throws IOException, InterruptedException {
        if (put.accepted()) {
            cache.offer(packet);
            return Reply.empty(204).with(RelayServer.STORED_NODES_HEADER, Integer.toString(put.stored()));
        }
        if (put.casMismatch() > 0) {
            return Reply.text(412, "If-Match does not match the published timestamp");
        }
        if (put.stale() > 0) {
            // Nodes answer 302 both to older packets and, in other implementations, to the same packet again.
            final Optional<SignedPacket> published = resolveQuietly(key).flatMap(PkarrResolution::packet);
            if (published.isPresent() && published.get().equals(packet)) {
                cache.offer(packet);
                return Reply.empty(204).with(RelayServer.STORED_NODES_HEADER, Integer.toString(put.stale()));
            }
            published.ifPresent(cache::offer);
            return Reply.text(409, "A more recent packet of this key is published");
        }
        return Reply.text(500, "No DHT node stored the packet");
    }

    private Reply get(final HttpExchange exchange, final byte[] key) throws InterruptedException {
        final String z32 = PublicKeys.toZ32(key);
        final SignedPacket cached = cache.get(z32);
        SignedPacket found;
        try {
            found = backend.resolve(key).packet().orElse(null);
        } catch (final SignatureException | IOException e) {
            if (cached == null) {
                return Reply.text(e instanceof SignatureException ? 502 : 500, "DHT lookup failed").forKey(z32);
            }
            found = null;
        }
        final SignedPacket best = found == null || cached != null && cached.moreRecentThan(found) ? cached : found;
        if (best == null) {
            return Reply.text(404, "Not found").forKey(z32);
        }
        cache.offer(best);
        final OptionalLong since = HttpDates.parseSeconds(exchange.getRequestHeaders().getFirst("If-Modified-Since"));
        final Reply reply = since.isPresent() && HttpDates.seconds(best.timestamp()) <= since.getAsLong()
                ? Reply.empty(304) : new Reply(200, best.relayPayload(), RelayServer.PAYLOAD_TYPE);
        final Reply dated = reply.with("Cache-Control", "public, max-age=" + maxAge(best))
                .with("Last-Modified", HttpDates.format(best.timestamp()));
        return (best == found ? dated.with("Memento-Datetime", HttpDates.format(Instant.now())) : dated).forKey(z32);
    }

    private Optional<PkarrResolution> resolveQuietly(final byte[] key) throws InterruptedException {
        try {
            return Optional.of(backend.resolve(key));
        } catch (final IOException | SignatureException e) {
            return Optional.empty();
        }
    }

    /** Parses the path {@code /<52 z-base-32 characters>}; anything else is no key. */
    private static byte[] key(final String path) {
        if (path == null || path.length() != 1 + PublicKeys.Z32_LENGTH || path.charAt(0) != '/') {
            return null;
        }
        try {
            return PublicKeys.parseZ32(path.substring(1));
        } catch (final IOException e) {
            return null;
        }
    }

    private static boolean declaredLengthFits(final String length) {
        final String digits = length.strip();
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(digits) <= RelayServer.MAX_BODY_BYTES;
    }

    /** Parses {@code If-Match}: a decimal timestamp, bare or in quotes as an entity tag. */
    private static OptionalLong cas(final String ifMatch) {
        if (ifMatch == null) {
            return OptionalLong.empty();
        }
        String value = ifMatch.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty() || value.length() > MAX_CAS_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(value));
    }

    private static int maxAge(final SignedPacket packet) {
        final long minTtl = packet.records().stream().mapToLong(ResourceRecord::ttl).min().orElse(MIN_MAX_AGE);
        return (int) Math.max(MIN_MAX_AGE, Math.min(MAX_MAX_AGE, minTtl));
    }

    private static void send(final HttpExchange exchange, final Reply reply) throws IOException {
        if (reply.body() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private static String address(final HttpExchange exchange) {
        final InetAddress address = exchange.getRemoteAddress().getAddress();
        return address == null ? "-" : address.getHostAddress();
    }

    private static String knownMethod(final String method) {
        return switch (method) {
            case "GET", "PUT", "OPTIONS", "HEAD", "POST", "DELETE", "PATCH" -> method;
            default -> "OTHER";
        };
    }

    /**
     * One response: status, optional body and extra headers, and the key for the log.
     *
     * @param status HTTP status
     * @param body body, or null for none
     * @param contentType body media type
     * @param headers extra headers
     * @param key z-base-32 key for the log, or {@code -}
     */
    private record Reply(int status, byte[] body, String contentType, Map<String, String> headers,
            String key) {
        Reply(final int status, final byte[] body, final String contentType) {
            this(status, body, contentType, Map.of(), "-");
        }

        static Reply empty(final int status) {
            return new Reply(status, null, null);
        }

        static Reply text(final int status, final String message) {
            return new Reply(status, (message + "\n").getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
        }

        Reply with(final String name, final String value) {
            final Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, contentType, Map.copyOf(more), key);
        }

        Reply forKey(final String z32) {
            return new Reply(status, body, contentType, headers, z32);
        }
    }
}
