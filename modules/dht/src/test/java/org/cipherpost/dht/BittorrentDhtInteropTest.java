package org.cipherpost.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.MutableItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop on loopback with the npm {@code bittorrent-dht} node (11.x): items put by one implementation are found by
 * the other, and each stores the other's puts. Opt-in: set {@code CIPHERPOST_DHT_INTEROP} to a directory where
 * {@code npm i bittorrent-dht@11.0.12} was run; needs {@code node} on the PATH. bittorrent-dht does not implement
 * BEP 43, so it keeps our read-only client in its table and each of its lookups waits out one 2 s timeout on it.
 */
@Timeout(60)
@EnabledIfEnvironmentVariable(named = "CIPHERPOST_DHT_INTEROP", matches = ".+")
class BittorrentDhtInteropTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void itemsCrossBetweenImplementations(@TempDir final Path temp) throws Exception {
        final Path modules = Path.of(System.getenv("CIPHERPOST_DHT_INTEROP"));
        assumeTrue(Files.isDirectory(modules.resolve("node_modules/bittorrent-dht")), "bittorrent-dht not installed");
        final Path script = temp.resolve("bittorrent-dht-interop.mjs");
        try (InputStream in = BittorrentDhtInteropTest.class.getResourceAsStream("bittorrent-dht-interop.mjs")) {
            Files.copy(Objects.requireNonNull(in, "Interop script resource required"), script);
        }
        final DhtConfig template = DhtConfig.builder().requestTimeout(Duration.ofSeconds(2)).build();
        try (Testnet testnet = Testnet.start(3, template); JsNode js = new JsNode(script, modules)) {
            final List<String> bootstrap = testnet.bootstrap().stream()
                    .map(address -> "\"127.0.0.1:" + address.getPort() + "\"").toList();
            final String started = js.call("{\"op\":\"start\",\"bootstrap\":" + bootstrap + "}");
            final InetSocketAddress jsAddress = new InetSocketAddress(InetAddress.getByName("127.0.0.1"),
                    Integer.parseInt(field(started, "port")));
            final List<InetSocketAddress> all = new ArrayList<>(testnet.bootstrap());
            all.add(jsAddress);
            try (DhtNode client = DhtNode.start(testnet.clientConfig().bootstrap(all).build());
                    SecretBytes seed = Ed25519.generateSeed()) {
                client.bootstrap();
                assertArrayEquals(HEX.parseHex(field(started, "id")), client.ping(jsAddress).id());
                final byte[] key = Ed25519.publicKey(seed);
                final String target = HEX.formatHex(Bep44.mutableTarget(key, null));

                final String jsPut = js.call("{\"op\":\"putMutable\",\"seed\":\"" + HEX.formatHex(seed.bytes())
                        + "\",\"seq\":1,\"v\":\"from javascript\"}");
                assertEquals(target, field(jsPut, "target"));
                final MutableItem fromJs = client.getMutable(key, null).value().orElseThrow();
                assertEquals(1, fromJs.seq());
                assertEquals(BencodeBytes.utf8("from javascript"), fromJs.value());

                final PutResult javaPut = client.putMutable(MutableItem.sign(seed, null, 2,
                        BencodeBytes.utf8("from java")));
                assertEquals(4, javaPut.stored(), javaPut.toString());
                assertEquals("from java", field(js.call("{\"op\":\"local\",\"target\":\"" + target + "\"}"), "v"));
                final String jsGet = js.call("{\"op\":\"get\",\"target\":\"" + target + "\"}");
                assertEquals("from java", field(jsGet, "v"));
                assertEquals("2", field(jsGet, "seq"));

                final byte[] salt = "cipherpost-salt".getBytes(StandardCharsets.US_ASCII);
                final String saltedTarget = HEX.formatHex(Bep44.mutableTarget(key, salt));
                assertEquals(4, client.putMutable(MutableItem.sign(seed, salt, 7, BencodeBytes.utf8("salted java")))
                        .stored());
                assertEquals("salted java", field(js.call("{\"op\":\"get\",\"target\":\"" + saltedTarget
                        + "\",\"salt\":\"" + HEX.formatHex(salt) + "\"}"), "v"));
                js.call("{\"op\":\"putMutable\",\"seed\":\"" + HEX.formatHex(seed.bytes())
                        + "\",\"seq\":8,\"v\":\"salted javascript\",\"salt\":\"" + HEX.formatHex(salt) + "\"}");
                final MutableItem saltedFromJs = client.getMutable(key, salt).value().orElseThrow();
                assertEquals(8, saltedFromJs.seq());

                final String immutable = js.call("{\"op\":\"putImmutable\",\"v\":\"immutable from javascript\"}");
                final GetResult<BencodeValue> found = client.getImmutable(HEX.parseHex(field(immutable, "target")));
                assertEquals(BencodeBytes.utf8("immutable from javascript"), found.value().orElseThrow());
                final BencodeBytes javaValue = BencodeBytes.utf8("immutable from java");
                final PutResult immutablePut = client.putImmutable(javaValue);
                assertEquals(4, immutablePut.stored(), immutablePut.toString());
                final String immutableTarget = HEX.formatHex(Bep44.immutableTarget(Bencode.encode(javaValue)));
                assertEquals("immutable from java",
                        field(js.call("{\"op\":\"get\",\"target\":\"" + immutableTarget + "\"}"), "v"));
                assertTrue(testnet.nodes().stream().allMatch(node -> node.stats().malformed() == 0));
            }
        }
    }

    private static String field(final String json, final String name) {
        final Matcher matcher = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        assertTrue(matcher.find(), () -> name + " missing in " + json);
        return matcher.group(1);
    }

    /** The node process and its line protocol. */
    private static final class JsNode implements AutoCloseable {
        private final Process process;
        private final Writer stdin;
        private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

        JsNode(final Path script, final Path modules) throws IOException {
            final ProcessBuilder builder = new ProcessBuilder("node", script.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("INTEROP_DIR", modules.toString());
            process = builder.start();
            stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            final BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            Thread.ofVirtual().start(() -> stdout.lines().forEach(replies::add));
        }

        String call(final String command) throws IOException, InterruptedException {
            stdin.write(command + "\n");
            stdin.flush();
            final String reply = replies.poll(20, TimeUnit.SECONDS);
            assertNotNull(reply, () -> "no reply to " + command);
            assertTrue(!reply.contains("\"error\""), reply);
            return reply;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }
}
