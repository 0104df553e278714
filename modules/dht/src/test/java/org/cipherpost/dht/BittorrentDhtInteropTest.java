package org.cipherpost.dht;

import static org.cipherpost.dht.JsProcess.field;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.MutableItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop on loopback with the npm {@code bittorrent-dht} node (11.x): items put by one implementation are found by
 * the other, and each stores the other's puts. Runs by default: {@link NpmInterop} installs the pinned packages
 * (needs {@code node} and {@code npm} on the PATH). bittorrent-dht does not implement BEP 43, so it keeps our
 * read-only client in its table and each of its lookups waits out one 2 s timeout on it.
 */
@Timeout(300)
class BittorrentDhtInteropTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void itemsCrossBetweenImplementations(@TempDir final Path temp) throws Exception {
        final Path modules = NpmInterop.directory();
        final Path script = NpmInterop.script("bittorrent-dht-interop.mjs", temp);
        final DhtConfig template = DhtConfig.builder().requestTimeout(Duration.ofSeconds(2)).build();
        try (Testnet testnet = Testnet.start(3, template); JsProcess js = new JsProcess(script, modules)) {
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
}
