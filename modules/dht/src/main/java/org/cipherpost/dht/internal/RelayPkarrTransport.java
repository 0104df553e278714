package org.cipherpost.dht.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SignatureException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.cipherpost.dht.DhtException;
import org.cipherpost.dht.PkarrPutResult;
import org.cipherpost.dht.PkarrResolution;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.dht.RelayServer;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.SignedPacket;

/**
 * PKARR through a relay ({@code pubky/pkarr} design/relays.md).
 *
 * <pre>
 * PUT /&lt;z32&gt;  body = signature(64) timestamp(8) dns-packet   [If-Match: &lt;cas timestamp&gt;]
 *     204 (or 200) [Pkarr-Dht-Stored-Nodes: n] | 400 | 409 stale | 412 cas | 413 | 428 | 429
 * GET /&lt;z32&gt;  [If-Modified-Since: &lt;HTTP date&gt;]
 *     200 body = payload | 304 | 400 | 404
 * </pre>
 *
 * <p>Every packet received is verified for the requested key. The last packet seen per key is kept (bounded) to
 * send {@code If-Modified-Since} and to ignore a relay serving an older packet than one already seen; a relay can
 * therefore hide a newer packet published within the same second as the known one.
 */
final class RelayPkarrTransport implements PkarrTransport {
    private static final int KNOWN_PACKETS = 256;
    private static final int MAX_ERROR_BODY = 512;

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<String, SignedPacket> known = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, SignedPacket> eldest) {
            return size() > KNOWN_PACKETS;
        }
    };

    /**
     * Creates a transport.
     *
     * @param base relay base URL; trailing slashes are dropped
     * @param timeout longest one exchange may take
     */
    RelayPkarrTransport(final URI base, final Duration timeout) {
        Objects.requireNonNull(base, "Relay URL required");
        this.timeout = Objects.requireNonNull(timeout, "Timeout required");
        final String text = base.toString();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '/') {
            end--;
        }
        this.base = URI.create(text.substring(0, end));
        final String scheme = base.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || base.getHost() == null) {
            throw new IllegalArgumentException(String.format("Relay URL [%s] not http or https with a host", base));
        }
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public PkarrPutResult publish(final SignedPacket packet, final OptionalLong cas)
            throws IOException, InterruptedException {
        Objects.requireNonNull(packet, "Signed packet required");
        Objects.requireNonNull(cas, "CAS required (empty for none)");
        final HttpRequest.Builder request = request(packet.publicKeyZ32())
                .header("Content-Type", RelayServer.PAYLOAD_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(packet.relayPayload()));
        if (cas.isPresent()) {
            request.header("If-Match", Long.toString(cas.getAsLong()));
        }
        final HttpResponse<InputStream> response = send(request.build());
        try (InputStream body = response.body()) {
            BoundedBody.read(body, MAX_ERROR_BODY);
        }
        return switch (response.statusCode()) {
            case 200, 204 -> {
                remember(packet);
                yield new PkarrPutResult(1, storedNodes(response), 0, 0);
            }
            case 409 -> new PkarrPutResult(1, 0, 1, 0);
            case 412, 428 -> new PkarrPutResult(1, 0, 0, 1);
            case 429 -> throw new DhtException(String.format("Relay [%s] is rate limiting this client", base));
            default -> throw new DhtException(String.format("Relay [%s] refused the packet with status [%d]", base,
                    response.statusCode()));
        };
    }

    @Override
    public PkarrResolution resolve(final byte[] publicKey)
            throws IOException, SignatureException, InterruptedException {
        final String z32 = PublicKeys.toZ32(publicKey);
        final SignedPacket cached = cached(z32);
        final HttpRequest.Builder request = request(z32).GET();
        if (cached != null) {
            request.header("If-Modified-Since", HttpDates.format(cached.timestamp()));
        }
        final HttpResponse<InputStream> response = send(request.build());
        final byte[] body;
        try (InputStream in = response.body()) {
            body = BoundedBody.read(in, RelayServer.MAX_BODY_BYTES);
        }
        switch (response.statusCode()) {
            case 200 -> {
                if (body == null) {
                    throw new DhtException(String.format("Relay [%s] answered more than [%d] bytes", base,
                            RelayServer.MAX_BODY_BYTES));
                }
                final SignedPacket packet;
                try {
                    packet = SignedPacket.fromRelayPayload(publicKey, body);
                } catch (final SignatureException e) {
                    throw new SignatureException(String.format(
                            "Relay [%s] answered a packet whose signature does not verify for [%s]", base, z32), e);
                } catch (final IOException e) {
                    throw new DhtException(DhtException.PROTOCOL_ERROR, String.format(
                            "Relay [%s] answered a malformed packet for [%s]", base, z32));
                }
                final SignedPacket best = cached != null && cached.moreRecentThan(packet) ? cached : packet;
                remember(best);
                return new PkarrResolution(Optional.of(best), 1, 1);
            }
            case 304 -> {
                if (cached == null) {
                    throw new DhtException(String.format("Relay [%s] answered 304 to an unconditional request", base));
                }
                return new PkarrResolution(Optional.of(cached), 1, 1);
            }
            case 404 -> {
                return new PkarrResolution(Optional.empty(), 1, 0);
            }
            case 429 -> throw new DhtException(String.format("Relay [%s] is rate limiting this client", base));
            default -> throw new DhtException(String.format("Relay [%s] answered status [%d] for [%s]", base,
                    response.statusCode(), z32));
        }
    }

    @Override
    public String describe() {
        return "relay " + base;
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpRequest.Builder request(final String z32) {
        return HttpRequest.newBuilder(URI.create(base + "/" + z32)).timeout(timeout);
    }

    private HttpResponse<InputStream> send(final HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (final HttpTimeoutException e) {
            throw new DhtException(String.format("Relay [%s] did not answer within [%d] seconds", base,
                    timeout.toSeconds()));
        } catch (final IOException e) {
            throw new DhtException(String.format("Relay [%s] not reachable", base));
        }
    }

    private int storedNodes(final HttpResponse<?> response) {
        final Optional<String> header = response.headers().firstValue(RelayServer.STORED_NODES_HEADER);
        if (header.isEmpty()) {
            return 1;
        }
        try {
            return Math.max(0, Integer.parseInt(header.get().strip()));
        } catch (final NumberFormatException e) {
            return 1;
        }
    }

    private synchronized SignedPacket cached(final String z32) {
        return known.get(z32);
    }

    private synchronized void remember(final SignedPacket packet) {
        known.merge(packet.publicKeyZ32(), packet,
                (existing, offered) -> offered.moreRecentThan(existing) ? offered : existing);
    }
}
