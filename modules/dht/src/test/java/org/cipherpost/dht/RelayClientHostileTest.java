package org.cipherpost.dht;

import static org.cipherpost.dht.PkarrClientTest.txt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SignatureException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.SignedPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our relay client against a relay that lies, overflows or misbehaves. */
@Timeout(30)
class RelayClientHostileTest {
    private HttpServer server;
    private volatile Function<HttpExchange, Canned> script;
    private final List<String> ifModifiedSince = new CopyOnWriteArrayList<>();
    private PkarrTransport client;
    private SecretBytes seed;
    private SignedPacket packet;

    /** A canned answer. */
    private record Canned(int status, byte[] body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                final String since = exchange.getRequestHeaders().getFirst("If-Modified-Since");
                ifModifiedSince.add(since == null ? "-" : since);
                exchange.getRequestBody().readAllBytes();
                final Canned canned = script.apply(exchange);
                exchange.sendResponseHeaders(canned.status(), canned.body() == null ? -1 : canned.body().length);
                if (canned.body() != null) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(canned.body());
                    }
                }
            }
        });
        server.start();
        client = PkarrTransport.relay(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(5));
        seed = Ed25519.generateSeed();
        packet = SignedPacket.build(seed, List.of(txt("_v", "genuine")));
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
        seed.close();
    }

    @Test
    void packetOfAnotherKeyIsASignatureFailure() throws Exception {
        try (SecretBytes other = Ed25519.generateSeed()) {
            final SignedPacket foreign = SignedPacket.build(other, List.of(txt("_v", "foreign")));
            script = exchange -> new Canned(200, foreign.relayPayload());
            assertThrows(SignatureException.class, () -> client.resolve(packet.publicKey()));
        }
    }

    @Test
    void tamperedPacketIsASignatureFailure() {
        final byte[] tampered = packet.relayPayload();
        tampered[tampered.length - 2] ^= 1;
        script = exchange -> new Canned(200, tampered);
        assertThrows(SignatureException.class, () -> client.resolve(packet.publicKey()));
    }

    @Test
    void oversizedAnswerIsRefused() {
        script = exchange -> new Canned(200, new byte[1_000_000]);
        final DhtException e = assertThrows(DhtException.class, () -> client.resolve(packet.publicKey()));
        assertTrue(e.getMessage().contains("more than [1072] bytes"), e.getMessage());
    }

    @Test
    void signedValueThatIsNoDnsPacketIsAProtocolError() {
        final byte[] notDns = new byte[] {1, 2, 3};
        final long timestamp = packet.timestamp();
        final byte[] signature = Ed25519.sign(seed, Bep44.signable(null, timestamp,
                org.cipherpost.wire.Bencode.encode(org.cipherpost.wire.BencodeBytes.of(notDns))));
        final byte[] payload = ByteBuffer.allocate(72 + notDns.length).put(signature).putLong(timestamp).put(notDns)
                .array();
        script = exchange -> new Canned(200, payload);
        assertEquals(DhtException.PROTOCOL_ERROR,
                assertThrows(DhtException.class, () -> client.resolve(packet.publicKey())).code());
    }

    @Test
    void olderPacketThanOneSeenIsIgnored() throws Exception {
        final SignedPacket older = SignedPacket.build(seed, List.of(txt("_v", "older")), packet.timestamp() - 5);
        script = exchange -> new Canned(200, packet.relayPayload());
        assertEquals(packet, client.resolve(packet.publicKey()).packet().orElseThrow());
        script = exchange -> new Canned(200, older.relayPayload());
        assertEquals(packet, client.resolve(packet.publicKey()).packet().orElseThrow());
        assertEquals("-", ifModifiedSince.get(0));
        assertTrue(ifModifiedSince.get(1).endsWith(" GMT"), ifModifiedSince.get(1));
        script = exchange -> new Canned(304, null);
        assertEquals(packet, client.resolve(packet.publicKey()).packet().orElseThrow());
    }

    @Test
    void statusesMapToResults() throws Exception {
        script = exchange -> new Canned(404, null);
        assertTrue(client.resolve(packet.publicKey()).packet().isEmpty());
        script = exchange -> new Canned(304, null);
        assertThrows(DhtException.class, () -> client.resolve(packet.publicKey()));
        script = exchange -> new Canned(500, "boom".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThrows(DhtException.class, () -> client.resolve(packet.publicKey()));
        assertThrows(DhtException.class, () -> client.publish(packet, OptionalLong.empty()));
        script = exchange -> new Canned(302, null);
        assertThrows(DhtException.class, () -> client.resolve(packet.publicKey()));
        script = exchange -> new Canned(409, null);
        assertEquals(new PkarrPutResult(1, 0, 1, 0), client.publish(packet, OptionalLong.empty()));
        script = exchange -> new Canned(412, null);
        assertEquals(new PkarrPutResult(1, 0, 0, 1), client.publish(packet, OptionalLong.of(1)));
        script = exchange -> new Canned(428, null);
        assertEquals(new PkarrPutResult(1, 0, 0, 1), client.publish(packet, OptionalLong.empty()));
        script = exchange -> {
            exchange.getResponseHeaders().set(RelayServer.STORED_NODES_HEADER, "7");
            return new Canned(204, null);
        };
        assertEquals(new PkarrPutResult(1, 7, 0, 0), client.publish(packet, OptionalLong.empty()));
        script = exchange -> new Canned(200, null);
        assertEquals(new PkarrPutResult(1, 1, 0, 0), client.publish(packet, OptionalLong.empty()));
    }

    @Test
    void unreachableRelayIsADhtFailure() throws Exception {
        final int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (PkarrTransport nowhere = PkarrTransport.relay(URI.create("http://127.0.0.1:" + port),
                Duration.ofSeconds(2))) {
            final DhtException e = assertThrows(DhtException.class, () -> nowhere.resolve(packet.publicKey()));
            assertTrue(e.getMessage().contains("not reachable"), e.getMessage());
        }
    }
}
