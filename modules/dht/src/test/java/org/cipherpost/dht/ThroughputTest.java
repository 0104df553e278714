package org.cipherpost.dht;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.MutableItem;
import org.cipherpost.wire.SignedPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Measures how many KRPC queries one node answers per second (printed, not asserted). */
@Timeout(30)
class ThroughputTest {
    private static final int WINDOW = 32;
    private static final long RUN_NANOS = 700_000_000L;
    private static final int PUTS = 200;

    @Test
    void measuresQueriesPerSecond() throws IOException {
        try (DhtNode node = DhtNode.start(DhtConfig.builder().bindAddress(InetAddress.getByName("127.0.0.1"))
                .mode(DhtMode.FULL).testnet(true).bootstrap(List.of())
                .rateLimit(Integer.MAX_VALUE, Integer.MAX_VALUE).build());
                RawKrpc raw = new RawKrpc(node.localAddress())) {
            final double pings = rate(raw, "ping", BencodeDictionary.builder());
            final double gets = rate(raw, "get", BencodeDictionary.builder().put("target", new byte[20]));
            final double puts = putRate(raw);
            System.out.printf("KRPC throughput of one node on loopback: %.0f ping/s, %.0f get/s, %.0f signed put/s%n",
                    pings, gets, puts);
            assertTrue(pings > 0 && gets > 0 && puts > 0);
        }
    }

    private static double rate(final RawKrpc raw, final String method, final BencodeDictionary.Builder arguments)
            throws IOException {
        final BencodeDictionary built = arguments.build();
        for (int i = 0; i < WINDOW; i++) {
            raw.query(method, copy(built));
        }
        final long start = System.nanoTime();
        long answered = 0;
        while (System.nanoTime() - start < RUN_NANOS) {
            raw.receive();
            answered++;
            raw.query(method, copy(built));
        }
        final double rate = answered * 1e9 / (System.nanoTime() - start);
        for (int i = 0; i < WINDOW; i++) {
            raw.receive();
        }
        return rate;
    }

    /** Sends pre-signed mutable puts under salts of one key, so each costs the node a signature check and a store. */
    private static double putRate(final RawKrpc raw) throws IOException {
        final List<MutableItem> items = new ArrayList<>(PUTS);
        final List<byte[]> tokens = new ArrayList<>(PUTS);
        try (SecretBytes seed = Ed25519.generateSeed()) {
            for (int i = 0; i < PUTS; i++) {
                final MutableItem item = MutableItem.sign(seed, ("salt" + i).getBytes(StandardCharsets.US_ASCII), 1,
                        BencodeBytes.of(new byte[SignedPacket.MAX_PACKET_BYTES]));
                items.add(item);
                tokens.add(raw.reply(raw.query("get", BencodeDictionary.builder().put("target", item.target())))
                        .requireDictionary("r").requireBytes("token").bytes());
            }
        }
        final long start = System.nanoTime();
        int sent = 0;
        for (; sent < WINDOW; sent++) {
            raw.query("put", put(items.get(sent), tokens.get(sent)));
        }
        for (int answered = 0; answered < PUTS; answered++) {
            final BencodeDictionary reply = raw.receive();
            if (!"r".equals(reply.requireBytes("y").utf8())) {
                throw new IOException("Put refused: " + reply);
            }
            if (sent < PUTS) {
                raw.query("put", put(items.get(sent), tokens.get(sent)));
                sent++;
            }
        }
        return PUTS * 1e9 / (System.nanoTime() - start);
    }

    private static BencodeDictionary.Builder put(final MutableItem item, final byte[] token) {
        return BencodeDictionary.builder().put("k", item.publicKey()).put("salt", item.salt()).put("seq", item.seq())
                .put("sig", item.signature()).put("v", item.value()).put("token", token);
    }

    private static BencodeDictionary.Builder copy(final BencodeDictionary arguments) {
        final BencodeDictionary.Builder builder = BencodeDictionary.builder();
        arguments.entries().forEach(builder::put);
        return builder;
    }
}
