package org.cipherpost.dht;

import static org.cipherpost.dht.PkarrClientTest.text;
import static org.cipherpost.dht.PkarrClientTest.txt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalLong;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.SignedPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our relay server in front of a 12-node testnet, driven by our relay client and by raw HTTP. */
@Timeout(120)
class RelayTest {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private static Testnet testnet;
    private static DhtNode relayNode;
    private static DhtNode readerNode;
    private static PkarrTransport backend;
    private static PkarrTransport dht;
    private static RelayServer relay;
    private static PkarrTransport relayTransport;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        testnet = Testnet.start(12, DhtConfig.builder().requestTimeout(Duration.ofSeconds(3))
                .operationTimeout(Duration.ofSeconds(15)).build());
        relayNode = DhtNode.start(testnet.clientConfig().build());
        readerNode = DhtNode.start(testnet.clientConfig().build());
        backend = PkarrTransport.dht(relayNode);
        dht = PkarrTransport.dht(readerNode);
        relay = RelayServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backend);
        relayTransport = PkarrTransport.relay(relay.uri(), Duration.ofSeconds(20));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        for (final AutoCloseable closeable : new AutoCloseable[] {relayTransport, relay, backend, dht, relayNode,
            readerNode, testnet, http}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (final Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void relayBindsLoopbackAndNamesItsUrl() {
        assertTrue(relay.address().getAddress().isLoopbackAddress());
        assertEquals("http://127.0.0.1:" + relay.address().getPort(), relay.uri().toString());
    }

    @Test
    void packetPublishedThroughTheRelayIsOnTheDht() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final PkarrPublication published = PkarrClient.create(relayTransport)
                    .publish(seed, List.of(txt("_via", "relay")));
            assertEquals(DhtConfig.K, published.stored());
            final PkarrResolution onDht = dht.resolve(Ed25519.publicKey(seed));
            assertEquals(published.packet(), onDht.packet().orElseThrow());
            assertTrue(onDht.holding() >= DhtConfig.K - 1, () -> "holding " + onDht.holding());
        }
    }

    @Test
    void packetPublishedOnTheDhtResolvesThroughTheRelay() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final PkarrPublication published = PkarrClient.create(dht).publish(seed, List.of(txt("_via", "dht")));
            final PkarrResolution resolved = relayTransport.resolve(Ed25519.publicKey(seed));
            assertEquals(published.packet(), resolved.packet().orElseThrow());
            assertEquals("dht", text(resolved.packet().orElseThrow(), "_via"));
            final PkarrResolution again = relayTransport.resolve(Ed25519.publicKey(seed));
            assertEquals(published.packet(), again.packet().orElseThrow());
        }
    }

    @Test
    void relayClientUpdatesThroughTheRelayWithIfMatch() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final PkarrClient client = PkarrClient.create(relayTransport);
            client.publish(seed, List.of(txt("_a", "1")));
            final PkarrPublication second = PkarrClient.create(PkarrTransport.relay(relay.uri(),
                    Duration.ofSeconds(20))).publish(seed, current -> PkarrClientTest.replace(current, txt("_b", "2")));
            final SignedPacket resolved = dht.resolve(Ed25519.publicKey(seed)).packet().orElseThrow();
            assertEquals(second.packet(), resolved);
            assertEquals("1", text(resolved, "_a"));
            assertEquals("2", text(resolved, "_b"));
        }
    }

    @Test
    void getAnswersPayloadWithRelayHeadersAndHonoursIfModifiedSince() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final long timestamp = (Instant.now().getEpochSecond() - 10) * 1_000_000L + 123_456;
            final SignedPacket packet = SignedPacket.build(seed, List.of(ResourceRecord.txt("_ttl", 900, "x"),
                    ResourceRecord.txt("_long", 7200, "y")), timestamp);
            assertEquals(DhtConfig.K, dht.publish(packet, OptionalLong.empty()).stored());
            final URI uri = URI.create(relay.uri() + "/" + packet.publicKeyZ32());

            final HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, ok.statusCode());
            assertArrayEquals(packet.relayPayload(), ok.body());
            assertEquals(RelayServer.PAYLOAD_TYPE, ok.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("public, max-age=900", ok.headers().firstValue("Cache-Control").orElseThrow());
            final String lastModified = HTTP_DATE.format(Instant.ofEpochSecond(timestamp / 1_000_000L));
            assertEquals(lastModified, ok.headers().firstValue("Last-Modified").orElseThrow());
            assertEquals("*", ok.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertTrue(ok.headers().firstValue("Memento-Datetime").isPresent());

            final HttpResponse<byte[]> notModified = http.send(HttpRequest.newBuilder(uri)
                    .header("If-Modified-Since", lastModified).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(304, notModified.statusCode());
            assertEquals(0, notModified.body().length);
            final String earlier = HTTP_DATE.format(Instant.ofEpochSecond(timestamp / 1_000_000L - 1));
            assertEquals(200, http.send(HttpRequest.newBuilder(uri).header("If-Modified-Since", earlier).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(uri).header("If-Modified-Since", "yesterday").build(),
                    HttpResponse.BodyHandlers.ofByteArray()).statusCode());
        }
    }

    @Test
    void unknownKeyIs404() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final byte[] key = Ed25519.publicKey(seed);
            final HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                    URI.create(relay.uri() + "/" + PublicKeys.toZ32(key))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
            final PkarrResolution resolved = relayTransport.resolve(key);
            assertTrue(resolved.packet().isEmpty());
            assertEquals(0, resolved.holding());
        }
    }

    @Test
    void putStatusesFollowTheRelaySpecification() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final long now = Instant.now().getEpochSecond() * 1_000_000L;
            final SignedPacket first = SignedPacket.build(seed, List.of(txt("_v", "1")), now - 3_000_000);
            final SignedPacket second = SignedPacket.build(seed, List.of(txt("_v", "2")), now - 2_000_000);
            final SignedPacket third = SignedPacket.build(seed, List.of(txt("_v", "3")), now - 1_000_000);
            final HttpResponse<String> created = put(second, null);
            assertEquals(204, created.statusCode());
            assertEquals(String.valueOf(DhtConfig.K),
                    created.headers().firstValue(RelayServer.STORED_NODES_HEADER).orElseThrow());
            assertEquals(RelayServer.STORED_NODES_HEADER,
                    created.headers().firstValue("Access-Control-Expose-Headers").orElseThrow());

            assertEquals(409, put(first, null).statusCode(), "older than seen");
            assertEquals(204, put(second, null).statusCode(), "same packet again is a republish");
            assertEquals(412, put(third, String.valueOf(first.timestamp())).statusCode(), "wrong If-Match");
            assertEquals(204, put(third, String.valueOf(second.timestamp())).statusCode());
            assertEquals(third, dht.resolve(Ed25519.publicKey(seed)).packet().orElseThrow());
        }
    }

    private static HttpResponse<String> put(final SignedPacket packet, final String ifMatch)
            throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(relay.uri() + "/"
                + packet.publicKeyZ32())).PUT(HttpRequest.BodyPublishers.ofByteArray(packet.relayPayload()));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
