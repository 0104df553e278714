package org.cipherpost.dht;

import static org.cipherpost.dht.JsProcess.field;
import static org.cipherpost.dht.PkarrClientTest.text;
import static org.cipherpost.dht.PkarrClientTest.txt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.SignedPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PKARR interop on loopback with implementations we did not write: the npm {@code pkarr} 1.3.0 client (over its
 * own bittorrent-dht node) and a {@code bittorrent-dht} 11 node join six of our full nodes; packets cross in both
 * directions through the DHT, and through each side's relay server with the other side's relay client.
 */
@Timeout(300)
class PkarrInteropTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void packetsCrossBetweenOurNodesAndPkarrJs(@TempDir final Path temp) throws Exception {
        final Path modules = NpmInterop.directory();
        final Path script = NpmInterop.script("pkarr-interop.mjs", temp);
        final DhtConfig template = DhtConfig.builder().requestTimeout(Duration.ofSeconds(2))
                .operationTimeout(Duration.ofSeconds(20)).build();
        try (Testnet testnet = Testnet.start(6, template); JsProcess js = new JsProcess(script, modules)) {
            final List<String> bootstrap = testnet.bootstrap().stream()
                    .map(address -> "\"127.0.0.1:" + address.getPort() + "\"").toList();
            final String started = js.call("{\"op\":\"start\",\"bootstrap\":" + bootstrap + ",\"storage\":\""
                    + temp.toString().replace("\\", "\\\\") + "\"}");
            final List<InetSocketAddress> all = new ArrayList<>(testnet.bootstrap());
            all.add(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), Integer.parseInt(field(started,
                    "port"))));
            try (DhtNode node = DhtNode.start(testnet.clientConfig().bootstrap(all).build());
                    PkarrTransport dht = PkarrTransport.dht(node);
                    SecretBytes ours = Ed25519.generateSeed(); SecretBytes theirs = Ed25519.generateSeed()) {
                node.bootstrap();
                final PkarrClient client = PkarrClient.create(dht);
                final String ourKey = PublicKeys.toZ32(Ed25519.publicKey(ours));
                final String theirKey = PublicKeys.toZ32(Ed25519.publicKey(theirs));

                // Ours into the mixed swarm: the bittorrent-dht node stores it, pkarr-js resolves and verifies it.
                final PkarrPublication published = client.publish(ours, List.of(txt("_cipherpost", "from java"),
                        txt("@", "root")));
                assertTrue(published.stored() >= 2, published::toString);
                final String timestamp = String.valueOf(published.packet().timestamp());
                assertEquals(timestamp, field(js.call("{\"op\":\"stored\",\"z32\":\"" + ourKey + "\"}"), "seq"));
                final String resolvedByJs = js.call("{\"op\":\"resolve\",\"z32\":\"" + ourKey
                        + "\",\"name\":\"_cipherpost\"}");
                assertEquals("true", field(resolvedByJs, "found"));
                assertEquals("from java", field(resolvedByJs, "txt"));
                assertEquals(timestamp, field(resolvedByJs, "timestamp"));
                assertTrue(Integer.parseInt(field(resolvedByJs, "nodes")) >= 1, resolvedByJs);
                System.out.printf("PKARR interop: our put stored on [%d] of [%d] full nodes; a fresh pkarr-js client"
                        + " got it from [%s] nodes%n", published.stored(), testnet.nodes().size() + 2,
                        field(resolvedByJs, "nodes"));

                // Theirs: signed and put by pkarr-js, resolved and verified by us.
                final String publishedByJs = js.call("{\"op\":\"publish\",\"seed\":\"" + HEX.formatHex(theirs.bytes())
                        + "\",\"records\":[[\"_cipherpost\",\"from javascript\"],[\"www\",\"second record\"]]}");
                assertEquals(theirKey, field(publishedByJs, "z32"));
                final PkarrResolution resolved = client.resolve(Ed25519.publicKey(theirs));
                final SignedPacket fromJs = resolved.packet().orElseThrow();
                assertEquals("from javascript", text(fromJs, "_cipherpost"));
                assertEquals("second record", text(fromJs, "www"));
                assertEquals(field(publishedByJs, "timestamp"), String.valueOf(fromJs.timestamp()));
                assertTrue(resolved.holding() >= 2, resolved::toString);
                System.out.printf("PKARR interop: pkarr-js put went to [%s] nodes; we resolved it from [%d] holders"
                        + " of [%d] answering%n", field(publishedByJs, "nodes"), resolved.holding(),
                        resolved.responded());

                // Their relay client against our relay server.
                try (RelayServer relay = RelayServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        dht)) {
                    final String put = js.call("{\"op\":\"relayPut\",\"relay\":\"" + relay.uri() + "\",\"seed\":\""
                            + HEX.formatHex(ours.bytes()) + "\",\"records\":[[\"_relay\",\"via our relay\"]]}");
                    assertEquals("204", field(put, "status"));
                    assertEquals("via our relay", text(client.resolve(Ed25519.publicKey(ours)).packet()
                            .orElseThrow(), "_relay"));
                    assertEquals("via our relay", field(js.call("{\"op\":\"relayGet\",\"relay\":\"" + relay.uri()
                            + "\",\"z32\":\"" + ourKey + "\",\"name\":\"_relay\"}"), "txt"));
                }

                // Our relay client against their relay server.
                final URI theirRelay = URI.create(field(js.call("{\"op\":\"relayServe\"}"), "url"));
                try (PkarrTransport relayed = PkarrTransport.relay(theirRelay, Duration.ofSeconds(30))) {
                    assertEquals("from javascript", text(relayed.resolve(Ed25519.publicKey(theirs)).packet()
                            .orElseThrow(), "_cipherpost"));
                    final PkarrPublication viaTheirs = PkarrClient.create(relayed)
                            .publish(theirs, current -> PkarrClientTest.replace(current, txt("_relay", "their relay")));
                    final SignedPacket onDht = client.resolve(Ed25519.publicKey(theirs)).packet().orElseThrow();
                    assertEquals(viaTheirs.packet(), onDht);
                    assertEquals("from javascript", text(onDht, "_cipherpost"));
                }
            }
        }
    }
}
