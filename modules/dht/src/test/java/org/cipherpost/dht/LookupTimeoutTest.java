package org.cipherpost.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.MutableItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nodes that die after others learned of them cost a lookup one request timeout, not the operation timeout. */
@Timeout(60)
class LookupTimeoutTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(400);

    @Test
    void deadClosestNodesDelayLookupsByAboutOneRequestTimeout() throws Exception {
        final DhtConfig template = DhtConfig.builder().requestTimeout(REQUEST_TIMEOUT)
                .operationTimeout(Duration.ofSeconds(30)).build();
        try (Testnet testnet = Testnet.start(14, template);
                DhtNode writer = DhtNode.start(testnet.clientConfig().build());
                DhtNode reader = DhtNode.start(testnet.clientConfig().build());
                SecretBytes seed = Ed25519.generateSeed()) {
            writer.bootstrap();
            reader.bootstrap();
            final MutableItem item = MutableItem.sign(seed, null, 1, BencodeBytes.utf8("survives"));
            assertEquals(DhtConfig.K, writer.putMutable(item).stored());

            final List<DhtNode> byDistance = new ArrayList<>(testnet.nodes());
            byDistance.sort(Comparator.comparing(node -> distance(node.id(), item.target())));
            for (final DhtNode dead : byDistance.subList(0, 3)) {
                dead.close();
            }

            final long start = System.nanoTime();
            final GetResult<MutableItem> got = reader.getMutable(item.publicKey(), null);
            final long getMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(item.seq(), got.value().orElseThrow().seq());
            assertTrue(reader.stats().timeouts() >= 3, () -> reader.stats().toString());
            assertTrue(getMillis < 4 * REQUEST_TIMEOUT.toMillis(), () -> "get took " + getMillis + " ms");

            final long putStart = System.nanoTime();
            final PutResult put = writer.putMutable(MutableItem.sign(seed, null, 2, BencodeBytes.utf8("again")));
            final long putMillis = (System.nanoTime() - putStart) / 1_000_000;
            // Live nodes still list the dead ones among their 8 closest, so fewer than 8 live nodes may be found;
            // the dead never issued tokens, so no put goes to them.
            assertEquals(put.attempted(), put.stored(), put.toString());
            assertTrue(put.stored() >= 5, put::toString);
            assertTrue(putMillis < 4 * REQUEST_TIMEOUT.toMillis(), () -> "put took " + putMillis + " ms");
            System.out.printf("Lookup with 3 dead closest nodes: get %d ms, put %d ms (request timeout %d ms)%n",
                    getMillis, putMillis, REQUEST_TIMEOUT.toMillis());
        }
    }

    private static BigInteger distance(final byte[] id, final byte[] target) {
        final byte[] xor = new byte[id.length];
        for (int i = 0; i < id.length; i++) {
            xor[i] = (byte) (id[i] ^ target[i]);
        }
        return new BigInteger(1, xor);
    }
}
