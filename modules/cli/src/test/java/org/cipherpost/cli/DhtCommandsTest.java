package org.cipherpost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.DhtConfig;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.PkarrSettings;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.dht.RelayServer;
import org.cipherpost.dht.Testnet;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.SignedPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code dht} and {@code relay} commands in process, against a 12-node testnet and a relay in front of it. */
@Timeout(120)
class DhtCommandsTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    private static Testnet testnet;
    private static DhtNode relayNode;
    private static PkarrTransport relayBackend;
    private static RelayServer relay;
    private static String bootstrap;

    @TempDir
    Path home;

    private Map<String, String> environment;

    @BeforeAll
    static void startNetwork() throws IOException, InterruptedException {
        testnet = Testnet.start(12);
        relayNode = DhtNode.start(testnet.clientConfig().build());
        relayBackend = PkarrTransport.dht(relayNode);
        relay = RelayServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), relayBackend);
        bootstrap = testnet.bootstrap().stream().map(address -> "127.0.0.1:" + address.getPort())
                .collect(Collectors.joining(","));
    }

    @AfterAll
    static void stopNetwork() {
        if (relay != null) {
            relay.close();
        }
        if (relayNode != null) {
            relayNode.close();
        }
        if (testnet != null) {
            testnet.close();
        }
    }

    @BeforeEach
    void environment() {
        environment = new HashMap<>();
        environment.put("CIPHERPOST_HOME", home.toString());
        environment.put(PassphraseReader.ENVIRONMENT_VARIABLE, PASSPHRASE);
        environment.put(PkarrSettings.BOOTSTRAP_VARIABLE, bootstrap);
    }

    @Test
    void publishTextKeepsOtherRecordsAndResolveShowsThemAll() throws Exception {
        final String key = generateIdentity();
        final Result first = run("dht", "publish-text", "--label", "_a", "--value", "one");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("Published TXT [_a] for pk:" + key), first.out());
        assertTrue(first.out().contains("Stored on " + DhtConfig.K + " nodes via the DHT"), first.out());
        assertEquals(0, run("dht", "publish-text", "--label", "_b", "--value", "two", "--ttl", "60").code());
        assertEquals(0, run("dht", "publish-text", "--label", "_a", "--value", "uno").code());

        final Result resolved = run("dht", "resolve", key, "--json");
        assertEquals(0, resolved.code(), resolved.err());
        final Map<String, String> fields = new LinkedHashMap<>();
        final List<String> records = new ArrayList<>();
        readJson(resolved.out(), fields, records);
        assertEquals(key, fields.get("public_key"));
        assertEquals(List.of("_b 60 TXT two", "_a 300 TXT uno"), records);
        assertTrue(Integer.parseInt(fields.get("nodes_answered")) >= DhtConfig.K, fields::toString);
        assertTrue(Integer.parseInt(fields.get("nodes_holding")) >= DhtConfig.K - 1, fields::toString);
        final long micros = Long.parseLong(fields.get("timestamp_micros"));
        assertEquals(java.time.Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000).toString(),
                fields.get("timestamp"));
    }

    @Test
    void resolveTextAcceptsThePkPrefix() throws Exception {
        final String key = generateIdentity();
        assertEquals(0, run("dht", "publish-text", "--label", "@", "--value", "root text").code());
        final Result resolved = run("dht", "resolve", "pk:" + key.toUpperCase(java.util.Locale.ROOT));
        assertEquals(0, resolved.code(), resolved.err());
        assertTrue(resolved.out().contains("Public key:  pk:" + key), resolved.out());
        assertTrue(resolved.out().matches("(?s).*Timestamp:   \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z \\(\\d+ µs\\).*"),
                resolved.out());
        assertTrue(resolved.out().contains("TXT   root text"), resolved.out());
        assertTrue(resolved.out().contains("held this packet"), resolved.out());
    }

    @Test
    void unknownKeyIsExit6AndBadKeyIsUsage() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final Result missing = run("dht", "resolve", PublicKeys.toZ32(Ed25519.publicKey(seed)));
            assertEquals(ExitCodes.NETWORK, missing.code());
            assertTrue(missing.err().contains("no packet found"), missing.err());
        }
        for (final String bad : new String[] {"pk:nonsense", "0" + "y".repeat(51), "y".repeat(51) + "9", ""}) {
            final Result result = run("dht", "resolve", bad);
            assertEquals(ExitCodes.USAGE, result.code(), bad);
            assertTrue(result.err().contains("52 z-base-32 characters"), result.err());
        }
    }

    @Test
    void unreachableBootstrapIsExit6() throws Exception {
        final int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final Result result = run("dht", "resolve", PublicKeys.toZ32(Ed25519.publicKey(seed)), "--bootstrap",
                    "127.0.0.1:" + port, "--dht-timeout", "1");
            assertEquals(ExitCodes.NETWORK, result.code());
            assertTrue(result.err().contains("bootstrap"), result.err());
        }
    }

    @Test
    void badNetworkOptionsAreUsageErrors() throws Exception {
        assertEquals(ExitCodes.USAGE, run("dht", "resolve", "y".repeat(52), "--dht-timeout", "0").code());
        assertEquals(ExitCodes.USAGE, run("dht", "resolve", "y".repeat(52), "--bootstrap", "nohostport").code());
        assertEquals(ExitCodes.USAGE, run("dht", "resolve", "y".repeat(52), "--relay", "ftp://x").code());
        environment.put(PkarrSettings.RELAY_VARIABLE, "not a url");
        final Result badRelay = run("dht", "resolve", "y".repeat(52));
        assertEquals(ExitCodes.USAGE, badRelay.code());
        assertTrue(badRelay.err().contains("CIPHERPOST_RELAY"), badRelay.err());
        generateIdentity();
        assertEquals(ExitCodes.USAGE, run("dht", "publish-text", "--label", "bad label", "--value", "x").code());
        assertEquals(ExitCodes.USAGE, run("dht", "publish-text", "--label", "_x", "--value", "x", "--ttl", "-1")
                .code());
        assertEquals(ExitCodes.USAGE, run("relay", "serve", "--relay", "http://127.0.0.1:1").code(), "no --relay");
    }

    @Test
    void publishTextNeedsTheRightPassphraseAndFitsInOnePacket() throws Exception {
        generateIdentity();
        environment.put(PassphraseReader.ENVIRONMENT_VARIABLE, "wrong");
        assertEquals(ExitCodes.PASSPHRASE, run("dht", "publish-text", "--label", "_x", "--value", "x").code());
        environment.put(PassphraseReader.ENVIRONMENT_VARIABLE, PASSPHRASE);
        final Result tooBig = run("dht", "publish-text", "--label", "_x", "--value", "x".repeat(1200));
        assertEquals(ExitCodes.SIZE, tooBig.code());
        assertTrue(tooBig.err().contains("at most 1000"), tooBig.err());
    }

    @Test
    void relayOptionAndVariableSelectTheRelay() throws Exception {
        final String key = generateIdentity();
        final Result published = run("dht", "publish-text", "--label", "_via", "--value", "relay", "--relay",
                relay.uri().toString());
        assertEquals(0, published.code(), published.err());
        assertTrue(published.out().contains("Stored on " + DhtConfig.K + " nodes via relay " + relay.uri()),
                published.out());
        assertTrue(run("dht", "resolve", key).out().contains("Source:      the DHT"));

        environment.put(PkarrSettings.RELAY_VARIABLE, relay.uri().toString());
        final Result viaRelay = run("dht", "resolve", key);
        assertEquals(0, viaRelay.code(), viaRelay.err());
        assertTrue(viaRelay.out().contains("Source:      relay " + relay.uri()), viaRelay.out());
        final Result explicitBootstrap = run("dht", "resolve", key, "--bootstrap", bootstrap);
        assertTrue(explicitBootstrap.out().contains("Source:      the DHT"), explicitBootstrap.out());
    }

    @Test
    void relayAnsweringAForgedPacketIsExit3() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final byte[] forged = SignedPacket.build(seed, List.of(ResourceRecord.txt("_x", 300, "x"))).relayPayload();
            forged[70] ^= 1;
            try (ServerSocket liar = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
                final Thread server = Thread.ofVirtual().start(() -> answerOnce(liar, forged));
                final Result result = run("dht", "resolve", PublicKeys.toZ32(Ed25519.publicKey(seed)), "--relay",
                        "http://127.0.0.1:" + liar.getLocalPort());
                assertEquals(ExitCodes.SIGNATURE, result.code());
                assertEquals("cipherpost: signature verification failed", result.err().strip());
                server.join();
            }
        }
    }

    @Test
    void recordTextCannotDriveTheTerminal() throws Exception {
        final String key = generateIdentity();
        assertEquals(0, run("dht", "publish-text", "--label", "_x", "--value", "\u001b[2J\u202eevil").code());
        final Result text = run("dht", "resolve", key);
        assertFalse(text.out().contains("\u001b") || text.out().contains("\u202e"), text.out());
        assertTrue(text.out().contains("\\u{001B}[2J\\u{202E}evil"), text.out());
        final Result json = run("dht", "resolve", key, "--json");
        assertFalse(json.out().contains("\u001b"), json.out());
    }

    @Test
    void testnetCommandPrintsItsNodesAndStopsWhenInterrupted() throws Exception {
        final LineWriter out = new LineWriter();
        final Thread thread = Thread.ofPlatform().start(() -> out.code = Cli.run(
                new String[] {"dht", "testnet", "--nodes", "9"}, context(out, new LineWriter())));
        final String line = out.lines.poll(60, TimeUnit.SECONDS);
        assertNotNull(line, "no bootstrap line");
        assertTrue(line.matches("127\\.0\\.0\\.1:\\d+(,127\\.0\\.0\\.1:\\d+){8}"), line);

        environment.put(PkarrSettings.BOOTSTRAP_VARIABLE, line);
        final String key = generateIdentity();
        final Result published = run("dht", "publish-text", "--label", "_on", "--value", "cli testnet");
        assertTrue(published.out().contains("Stored on " + DhtConfig.K + " nodes"), published.out());
        assertTrue(run("dht", "resolve", key).out().contains("cli testnet"));

        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(thread.isAlive());
        assertEquals(0, out.code);
        final Result gone = run("dht", "resolve", key, "--dht-timeout", "1");
        assertEquals(ExitCodes.NETWORK, gone.code());
    }

    @Test
    void testnetCommandTakesConsecutivePorts() throws Exception {
        final int first = freeUdpPorts(3);
        final LineWriter out = new LineWriter();
        final Thread thread = Thread.ofPlatform().start(() -> out.code = Cli.run(
                new String[] {"dht", "testnet", "--nodes", "3", "--port", String.valueOf(first)},
                context(out, new LineWriter())));
        final String line = out.lines.poll(60, TimeUnit.SECONDS);
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals("127.0.0.1:" + first + ",127.0.0.1:" + (first + 1) + ",127.0.0.1:" + (first + 2), line);
        assertEquals(0, out.code);
    }

    @Test
    void relayServeAnswersUntilInterrupted() throws Exception {
        final LineWriter out = new LineWriter();
        final LineWriter err = new LineWriter();
        final Thread thread = Thread.ofPlatform().start(() -> out.code = Cli.run(
                new String[] {"relay", "serve", "--port", "0"}, context(out, err)));
        final String url = out.lines.poll(60, TimeUnit.SECONDS);
        assertNotNull(url, "no relay URL");
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+"), url);

        final String key = generateIdentity();
        final Result published = run("dht", "publish-text", "--label", "_served", "--value", "by relay serve",
                "--relay", url);
        assertEquals(0, published.code(), published.err());
        assertTrue(run("dht", "resolve", key).out().contains("by relay serve"));
        try (PkarrTransport client = PkarrTransport.relay(URI.create(url), java.time.Duration.ofSeconds(10))) {
            assertTrue(client.resolve(new byte[32]).packet().isEmpty());
            final CompletableFuture<String> logged = CompletableFuture.supplyAsync(() -> {
                try {
                    String logLine;
                    while ((logLine = err.lines.poll(30, TimeUnit.SECONDS)) != null) {
                        if (logLine.endsWith("/" + "y".repeat(52) + " 404")) {
                            return logLine;
                        }
                    }
                    return null;
                } catch (final InterruptedException e) {
                    return null;
                }
            });
            assertEquals("cipherpost relay: 127.0.0.1 GET /" + "y".repeat(52) + " 404", logged.get());
        }
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(thread.isAlive());
        assertEquals(0, out.code);
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (final String[] command : new String[][] {{"dht"}, {"dht", "testnet"}, {"dht", "publish-text"},
            {"dht", "resolve"}, {"relay"}, {"relay", "serve"}}) {
            final String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            final Result result = run(args);
            assertEquals(0, result.code(), String.join(" ", args));
            assertTrue(result.out().contains("Examples:"), result.out());
        }
    }

    private String generateIdentity() throws IOException {
        final Result generated = run("identity", "generate", "--kdf-memory", "8192", "--kdf-iterations", "1",
                "--json");
        assertEquals(0, generated.code(), generated.err());
        final Map<String, String> fields = new LinkedHashMap<>();
        readJson(generated.out(), fields, new ArrayList<>());
        return fields.get("z32");
    }

    private Result run(final String... args) {
        final LineWriter out = new LineWriter();
        final LineWriter err = new LineWriter();
        final int code = Cli.run(args, context(out, err));
        return new Result(code, out.text.toString(), err.text.toString());
    }

    private CliContext context(final LineWriter out, final LineWriter err) {
        return new CliContext(Map.copyOf(environment), new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err), new FakeTerminal(false));
    }

    /** Reads top-level string and number fields, and records as "name ttl type value". */
    private static void readJson(final String json, final Map<String, String> fields, final List<String> records)
            throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken());
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                final String name = parser.currentName();
                final JsonToken value = parser.nextToken();
                if (value == JsonToken.START_ARRAY && name.equals("records")) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        final Map<String, String> record = new LinkedHashMap<>();
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            final String field = parser.currentName();
                            parser.nextToken();
                            record.put(field, parser.getText());
                        }
                        records.add(String.join(" ", record.values()));
                    }
                } else if (value.isStructStart()) {
                    parser.skipChildren();
                } else {
                    fields.put(name, parser.getText());
                }
            }
        }
    }

    /** Answers one HTTP request with 200 and a body, as a lying relay. */
    private static void answerOnce(final ServerSocket server, final byte[] body) {
        try (Socket socket = server.accept()) {
            final InputStream in = socket.getInputStream();
            int matched = 0;
            final byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) {
                final int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            final OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freeUdpPorts(final int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            final int first;
            try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                first = probe.getLocalPort();
            }
            if (first + count - 1 > 65535) {
                continue;
            }
            boolean free = true;
            for (int i = 1; i < count && free; i++) {
                try (DatagramSocket next = new DatagramSocket(first + i, InetAddress.getLoopbackAddress())) {
                    free = next.getLocalPort() == first + i;
                } catch (final IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("No run of free UDP ports");
    }

    /** Output and exit code of one run. */
    private record Result(int code, String out, String err) {
    }

    /** A writer that keeps all text and hands out complete lines as they are written. */
    private static final class LineWriter extends Writer {
        final StringBuffer text = new StringBuffer();
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuilder line = new StringBuilder();
        volatile int code = -1;

        @Override
        public synchronized void write(final char[] buffer, final int offset, final int length) {
            text.append(buffer, offset, length);
            for (int i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n') {
                    lines.add(line.toString());
                    line.setLength(0);
                } else if (buffer[i] != '\r') {
                    line.append(buffer[i]);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
