package org.cipherpost.dht;

import static org.cipherpost.dht.PkarrClientTest.txt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.SignedPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Requests a relay must refuse before anything reaches its backend. */
@Timeout(30)
class RelayHostileInputTest {
    private final InMemoryTransport backend = new InMemoryTransport();
    private final HttpClient http = HttpClient.newHttpClient();
    private final SecureRandom random = new SecureRandom();
    private RelayServer relay;
    private SecretBytes seed;
    private SignedPacket packet;

    @BeforeEach
    void start() throws IOException {
        relay = RelayServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backend,
                new RelayLimits(1000, 1000, 8, 16, 16), line -> { });
        seed = Ed25519.generateSeed();
        packet = SignedPacket.build(seed, List.of(txt("_v", "hostile")));
    }

    @AfterEach
    void stop() {
        relay.close();
        seed.close();
        http.close();
    }

    @Test
    void validPutReachesTheBackendOnce() throws Exception {
        final HttpResponse<String> response = put(packet.publicKeyZ32(), packet.relayPayload());
        assertEquals(204, response.statusCode());
        assertEquals("1", response.headers().firstValue(RelayServer.STORED_NODES_HEADER).orElseThrow());
        assertEquals(1, backend.publishes.get());
        assertEquals(packet, backend.get(packet.publicKey()));
    }

    @Test
    void declaredOversizedBodyIs413() throws Exception {
        final byte[] body = new byte[RelayServer.MAX_BODY_BYTES + 1];
        assertEquals(413, put(packet.publicKeyZ32(), body).statusCode());
        assertEquals(413, rawStatus("PUT /" + packet.publicKeyZ32() + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + "99999999999\r\nConnection: close\r\n\r\n"));
        assertEquals(0, backend.publishes.get());
    }

    @Test
    void streamedOversizedBodyWithoutLengthIs413() throws Exception {
        final byte[] body = new byte[64 * 1024];
        final HttpRequest request = HttpRequest.newBuilder(uri(packet.publicKeyZ32()))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        assertEquals(413, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(0, backend.publishes.get());
    }

    @Test
    void badSignatureIs400() throws Exception {
        final byte[] tamperedSignature = packet.relayPayload();
        tamperedSignature[5] ^= 1;
        assertEquals(400, put(packet.publicKeyZ32(), tamperedSignature).statusCode());
        final byte[] tamperedRecords = packet.relayPayload();
        tamperedRecords[tamperedRecords.length - 1] ^= 1;
        assertEquals(400, put(packet.publicKeyZ32(), tamperedRecords).statusCode());
        final byte[] laterTimestamp = packet.relayPayload();
        laterTimestamp[71] ^= 1;
        assertEquals(400, put(packet.publicKeyZ32(), laterTimestamp).statusCode());
        assertEquals(0, backend.publishes.get());
    }

    @Test
    void payloadUnderAnotherKeyIs400() throws Exception {
        try (SecretBytes other = Ed25519.generateSeed()) {
            final SignedPacket foreign = SignedPacket.build(other, List.of(txt("_v", "foreign")));
            assertEquals(400, put(packet.publicKeyZ32(), foreign.relayPayload()).statusCode());
            assertEquals(0, backend.publishes.get());
            assertNull(backend.get(packet.publicKey()));
        }
    }

    @Test
    void garbageBodiesAre400() throws Exception {
        for (final int length : new int[] {0, 1, 71, 72, 73, 500, RelayServer.MAX_BODY_BYTES}) {
            final byte[] garbage = new byte[length];
            random.nextBytes(garbage);
            assertEquals(400, put(packet.publicKeyZ32(), garbage).statusCode(), "length " + length);
        }
        final byte[] negativeTimestamp = packet.relayPayload();
        negativeTimestamp[64] = (byte) 0x80;
        assertEquals(400, put(packet.publicKeyZ32(), negativeTimestamp).statusCode());
        assertEquals(0, backend.publishes.get());
    }

    @Test
    void badKeysInThePathAre400() throws Exception {
        final String key = packet.publicKeyZ32();
        for (final String path : new String[] {"", "x", key.substring(1), key + "y", "pk:" + key,
            "0" + key.substring(1), key.substring(0, 51) + "9", key + "/extra", "%2F" + key.substring(3)}) {
            assertEquals(400, put(path, packet.relayPayload()).statusCode(), path);
            assertEquals(400, get(path).statusCode(), path);
        }
        assertEquals(0, backend.publishes.get());
        assertEquals(0, backend.resolves.get());
    }

    @Test
    void badIfMatchIs400() throws Exception {
        for (final String ifMatch : new String[] {"abc", "-1", "1.5", "99999999999999999999", "\"\"", "W/\"1\""}) {
            final HttpRequest request = HttpRequest.newBuilder(uri(packet.publicKeyZ32())).header("If-Match", ifMatch)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(packet.relayPayload())).build();
            assertEquals(400, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode(), ifMatch);
        }
        assertEquals(0, backend.publishes.get());
    }

    @Test
    void olderThanSeenIs409WithoutAskingTheBackend() throws Exception {
        final SignedPacket older = SignedPacket.build(seed, List.of(txt("_v", "older")), packet.timestamp() - 1);
        assertEquals(204, put(packet.publicKeyZ32(), packet.relayPayload()).statusCode());
        assertEquals(409, put(packet.publicKeyZ32(), older.relayPayload()).statusCode());
        assertEquals(1, backend.publishes.get());
    }

    @Test
    void concurrentPutWithoutIfMatchIs428() throws Exception {
        final CountDownLatch entered = new CountDownLatch(1);
        backend.hold(entered);
        final CompletableFuture<HttpResponse<String>> first = http.sendAsync(HttpRequest.newBuilder(
                uri(packet.publicKeyZ32())).PUT(HttpRequest.BodyPublishers.ofByteArray(packet.relayPayload())).build(),
                HttpResponse.BodyHandlers.ofString());
        entered.await();
        final SignedPacket later = SignedPacket.build(seed, List.of(txt("_v", "later")), packet.timestamp() + 1);
        assertEquals(428, put(packet.publicKeyZ32(), later.relayPayload()).statusCode());
        backend.open();
        assertEquals(204, first.get().statusCode());
    }

    @Test
    void otherMethodsAre405AndPreflightIs204() throws Exception {
        final HttpResponse<String> delete = http.send(HttpRequest.newBuilder(uri(packet.publicKeyZ32())).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, delete.statusCode());
        assertEquals("GET, PUT, OPTIONS", delete.headers().firstValue("Allow").orElseThrow());
        final HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(uri(packet.publicKeyZ32()))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, preflight.statusCode());
        assertEquals("*", preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().contains("If-Match"));
    }

    @Test
    void floodFromOneAddressIs429() throws Exception {
        try (RelayServer tight = RelayServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                backend, new RelayLimits(1, 3, 8, 16, 16), line -> { })) {
            final URI uri = URI.create(tight.uri() + "/" + packet.publicKeyZ32());
            int limited = 0;
            for (int i = 0; i < 6; i++) {
                final HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429) {
                    limited++;
                    assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
                }
            }
            final int answered429 = limited;
            assertTrue(answered429 >= 2, () -> "429 answers: " + answered429);
        }
    }

    @Test
    void logLinesCarryNoRequestText() throws Exception {
        final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RelayServer logged = RelayServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                backend, RelayLimits.DEFAULT, lines::add)) {
            http.send(HttpRequest.newBuilder(URI.create(logged.uri() + "/%1B%5B31mevil")).build(),
                    HttpResponse.BodyHandlers.ofString());
            http.send(HttpRequest.newBuilder(URI.create(logged.uri() + "/" + packet.publicKeyZ32())).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(List.of("127.0.0.1 GET /- 400", "127.0.0.1 GET /" + packet.publicKeyZ32() + " 404"), lines);
    }

    private URI uri(final String path) {
        return URI.create(relay.uri() + "/" + path);
    }

    private HttpResponse<String> put(final String path, final byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int rawStatus(final String request) throws IOException {
        try (Socket socket = new Socket(relay.address().getAddress(), relay.address().getPort())) {
            final OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();
            final String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
