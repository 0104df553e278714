package org.cipherpost.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.BencodeInteger;
import org.cipherpost.wire.BencodeList;
import org.cipherpost.wire.MutableItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Raw datagrams at a full node: each gets the BEP error code or is dropped, and the node keeps serving. */
@Timeout(30)
class HostileInputTest {
    private static DhtNode node;

    @BeforeAll
    static void startNode() throws IOException {
        node = DhtNode.start(DhtConfig.builder().bindAddress(InetAddress.getByName("127.0.0.1"))
                .mode(DhtMode.FULL).testnet(true).bootstrap(List.of()).rateLimit(100_000, 100_000).build());
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void garbageIsDroppedAndTheNodeKeepsServing() throws IOException {
        final Random random = new Random(44);
        final byte[] noise = new byte[300];
        random.nextBytes(noise);
        final List<byte[]> garbage = List.of(
                noise,
                new byte[0],
                ascii("not bencode at all"),
                ascii("d1:ad2:id20:"),
                ascii("i42e"),
                ascii("le"),
                ascii("d1:y1:qe"),
                ascii("d1:t2:aa1:y1:qe1:zi0e"),
                ascii("d1:t2:aa1:y1:xe"),
                ascii("d1:t0:1:y1:qe"),
                ascii("d1:t2:aa1:y1:q1:ai1ee"),
                ascii("d1:ei0e1:t2:aa1:y1:ee"),
                ascii("d1:t2:aa1:y1:re"),
                ascii("l".repeat(1000) + "e".repeat(1000)),
                ascii("d1:ad2:id20:aaaaaaaaaaaaaaaaaaaae1:t2:aa1:q4:ping1:y1:qe"),
                ascii("d1:ad2:id20:aaaaaaaaaaaaaaaaaaaae1:q4:ping1:t2:aa1:y1:qe" + "trailing"));
        final long malformedBefore = node.stats().malformed();
        try (RawKrpc raw = new RawKrpc(node.localAddress())) {
            for (final byte[] datagram : garbage) {
                raw.send(datagram);
            }
            assertServing(raw);
        }
        assertTrue(node.stats().malformed() - malformedBefore >= garbage.size() - 1);
    }

    @Test
    void oversizedDatagramsAreDropped() throws IOException {
        try (RawKrpc raw = new RawKrpc(node.localAddress())) {
            final byte[] padding = new byte[5000];
            raw.send(Bencode.encode(BencodeDictionary.builder()
                    .put("a", BencodeDictionary.builder().put("id", raw.id()).put("pad", padding).build())
                    .put("q", BencodeBytes.utf8("ping")).put("t", ascii("big")).put("y", BencodeBytes.utf8("q"))
                    .build()));
            raw.send(new byte[60_000]);
            assertServing(raw);
        }
    }

    @Test
    void unknownMethodsGetError204() throws IOException {
        try (RawKrpc raw = new RawKrpc(node.localAddress())) {
            assertError(raw.reply(raw.query("frobnicate", BencodeDictionary.builder())), 204);
            assertError(raw.reply(raw.query("announce_peer", BencodeDictionary.builder()
                    .put("info_hash", new byte[20]).put("port", 6881).put("token", ascii("x")))), 204);
            assertError(raw.reply(raw.query("x".repeat(500), BencodeDictionary.builder())), 204);
        }
    }

    @Test
    void getPeersGetsNodesAndTokenOnly() throws IOException {
        try (RawKrpc raw = new RawKrpc(node.localAddress())) {
            final BencodeDictionary reply = raw.reply(raw.query("get_peers",
                    BencodeDictionary.builder().put("info_hash", new byte[20])));
            final BencodeDictionary values = reply.requireDictionary("r");
            assertArrayEquals(node.id(), values.requireBytes("id").bytes());
            assertTrue(values.requireBytes("token").length() > 0);
            assertTrue(values.get("values").isEmpty());
        }
    }

    @Test
    void malformedArgumentsGetError203() throws IOException {
        try (RawKrpc raw = new RawKrpc(node.localAddress())) {
            final byte[] noId = ascii("noid");
            raw.send(Bencode.encode(BencodeDictionary.builder().put("a", BencodeDictionary.builder().build())
                    .put("q", BencodeBytes.utf8("ping")).put("t", noId).put("y", BencodeBytes.utf8("q")).build()));
            assertError(raw.reply(noId), 203);
            final byte[] shortId = ascii("short");
            raw.send(Bencode.encode(BencodeDictionary.builder()
                    .put("a", BencodeDictionary.builder().put("id", new byte[19]).build())
                    .put("q", BencodeBytes.utf8("ping")).put("t", shortId).put("y", BencodeBytes.utf8("q")).build()));
            assertError(raw.reply(shortId), 203);
            final byte[] noArguments = ascii("noargs");
            raw.send(Bencode.encode(BencodeDictionary.builder().put("q", BencodeBytes.utf8("ping"))
                    .put("t", noArguments).put("y", BencodeBytes.utf8("q")).build()));
            assertError(raw.reply(noArguments), 203);
            assertError(raw.reply(raw.query("find_node", BencodeDictionary.builder().put("target", new byte[21]))),
                    203);
            assertError(raw.reply(raw.query("get", BencodeDictionary.builder())), 203);
        }
    }

    @Test
    void putsWithoutValidTokenGetError203() throws Exception {
        try (RawKrpc raw = new RawKrpc(node.localAddress()); SecretBytes seed = Ed25519.generateSeed()) {
            final MutableItem item = MutableItem.sign(seed, null, 1, BencodeBytes.utf8("tokenless"));
            assertError(raw.reply(raw.query("put", mutablePut(item))), 203);
            final byte[] otherTargetToken = token(raw, new byte[20]);
            assertError(raw.reply(raw.query("put", mutablePut(item).put("token", otherTargetToken))), 203);
            assertError(raw.reply(raw.query("put", BencodeDictionary.builder().put("v", ascii("immutable")))),
                    203);
            assertError(raw.reply(raw.query("put", BencodeDictionary.builder().put("v", ascii("immutable"))
                    .put("token", ascii("12345678")))), 203);
            assertTrue(raw.reply(raw.query("get", BencodeDictionary.builder().put("target", item.target())))
                    .requireDictionary("r").get("v").isEmpty());
        }
    }

    @Test
    void badSignaturePutGetsError206AndIsNotStored() throws Exception {
        try (RawKrpc raw = new RawKrpc(node.localAddress()); SecretBytes seed = Ed25519.generateSeed()) {
            final MutableItem item = MutableItem.sign(seed, null, 7, BencodeBytes.utf8("signed"));
            final byte[] signature = item.signature();
            signature[10] ^= 1;
            assertError(raw.reply(raw.query("put", mutablePut(item).put("sig", signature)
                    .put("token", token(raw, item.target())))), 206);
            final BencodeDictionary.Builder otherValue = mutablePut(item).put("v", BencodeBytes.utf8("forged"))
                    .put("token", token(raw, item.target()));
            assertError(raw.reply(raw.query("put", otherValue)), 206);
            assertTrue(raw.reply(raw.query("get", BencodeDictionary.builder().put("target", item.target())))
                    .requireDictionary("r").get("v").isEmpty());
            assertEquals("r", raw.reply(raw.query("put", mutablePut(item).put("token", token(raw, item.target()))))
                    .requireBytes("y").utf8());
        }
    }

    @Test
    void oversizedValuesAndSaltsGetErrors205And207() throws Exception {
        try (RawKrpc raw = new RawKrpc(node.localAddress()); SecretBytes seed = Ed25519.generateSeed()) {
            final MutableItem item = MutableItem.sign(seed, null, 1, BencodeBytes.utf8("small"));
            final byte[] token = token(raw, item.target());
            assertError(raw.reply(raw.query("put", mutablePut(item).put("v", new byte[Bep44.MAX_VALUE_BYTES + 1])
                    .put("token", token))), 205);
            assertError(raw.reply(raw.query("put", mutablePut(item).put("salt", new byte[Bep44.MAX_SALT_BYTES + 1])
                    .put("token", token))), 207);
            final byte[] big = new byte[Bep44.MAX_VALUE_BYTES + 1];
            assertError(raw.reply(raw.query("put", BencodeDictionary.builder().put("v", big)
                    .put("token", token(raw, Bep44.immutableTarget(Bencode.encode(BencodeBytes.of(big))))))), 205);
            assertError(raw.reply(raw.query("put", mutablePut(item).put("k", new byte[31]).put("token", token))), 203);
            assertError(raw.reply(raw.query("put", mutablePut(item).put("seq", -1).put("token", token))), 203);
        }
    }

    @Test
    void seqRollbackAndCasMismatchGetErrors302And301() throws Exception {
        try (RawKrpc raw = new RawKrpc(node.localAddress()); SecretBytes seed = Ed25519.generateSeed()) {
            final MutableItem second = MutableItem.sign(seed, null, 2, BencodeBytes.utf8("two"));
            final MutableItem first = MutableItem.sign(seed, null, 1, BencodeBytes.utf8("one"));
            final byte[] token = token(raw, second.target());
            assertEquals("r", raw.reply(raw.query("put", mutablePut(second).put("token", token)))
                    .requireBytes("y").utf8());
            assertError(raw.reply(raw.query("put", mutablePut(first).put("token", token))), 302);
            final MutableItem third = MutableItem.sign(seed, null, 3, BencodeBytes.utf8("three"));
            assertError(raw.reply(raw.query("put", mutablePut(third).put("cas", 1).put("token", token))), 301);
            final BencodeDictionary stored = raw.reply(raw.query("get",
                    BencodeDictionary.builder().put("target", second.target()))).requireDictionary("r");
            assertEquals(2, stored.requireInteger("seq"));
            final BencodeDictionary notNewer = raw.reply(raw.query("get",
                    BencodeDictionary.builder().put("target", second.target()).put("seq", 2))).requireDictionary("r");
            assertEquals(2, notNewer.requireInteger("seq"));
            assertTrue(notNewer.get("v").isEmpty());
        }
    }

    @Test
    void unmatchedResponsesAreDropped() throws IOException {
        final long unmatchedBefore = node.stats().unmatched();
        try (RawKrpc raw = new RawKrpc(node.localAddress())) {
            raw.send(Bencode.encode(BencodeDictionary.builder()
                    .put("r", BencodeDictionary.builder().put("id", raw.id()).build())
                    .put("t", new byte[] {1, 2, 3, 4}).put("y", BencodeBytes.utf8("r")).build()));
            raw.send(Bencode.encode(BencodeDictionary.builder()
                    .put("e", BencodeList.of(BencodeInteger.of(201), BencodeBytes.utf8("spoofed")))
                    .put("t", new byte[] {1, 2, 3, 4}).put("y", BencodeBytes.utf8("e")).build()));
            assertServing(raw);
        }
        assertEquals(2, node.stats().unmatched() - unmatchedBefore);
    }

    @Test
    void readOnlySendersAreAnsweredButNotAddedToTheTable() throws IOException {
        try (RawKrpc readOnly = new RawKrpc(node.localAddress()); RawKrpc full = new RawKrpc(node.localAddress())) {
            final BencodeDictionary reply = readOnly.reply(readOnly.query("ping", BencodeDictionary.builder(), true));
            assertArrayEquals(node.id(), reply.requireDictionary("r").requireBytes("id").bytes());
            full.reply(full.query("ping", BencodeDictionary.builder()));
            final List<InetSocketAddress> known = node.contacts().stream().map(DhtContact::address).toList();
            assertFalse(known.contains(readOnly.localAddress()));
            assertTrue(known.contains(full.localAddress()));
        }
    }

    @Test
    void floodFromOneSourceIsRateLimited() throws IOException {
        final int burst = 20;
        try (DhtNode limited = DhtNode.start(DhtConfig.builder()
                .bindAddress(InetAddress.getByName("127.0.0.1")).mode(DhtMode.FULL).testnet(true)
                .bootstrap(List.of()).rateLimit(burst, burst).build());
                RawKrpc flooder = new RawKrpc(limited.localAddress());
                RawKrpc bystander = new RawKrpc(limited.localAddress())) {
            final long start = System.nanoTime();
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < 50; i++) {
                    flooder.query("ping", BencodeDictionary.builder());
                }
                // The bystander is answered while the flood goes on; its answer also proves the burst was handled.
                bystander.reply(bystander.query("ping", BencodeDictionary.builder()));
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            final int answered = flooder.drain(200);
            final DhtStats stats = limited.stats();
            assertTrue(answered >= 1, "some of the flood answered");
            assertTrue(answered <= burst + burst * seconds + 1, () -> "answered " + answered + " in " + seconds);
            assertEquals(stats.received() - answered - 8, stats.rateLimited(), () -> stats + " answered " + answered);
            assertTrue(stats.rateLimited() >= 300, stats::toString);
        }
    }

    private static void assertServing(final RawKrpc raw) throws IOException {
        final BencodeDictionary reply = raw.reply(raw.query("ping", BencodeDictionary.builder()));
        assertEquals("r", reply.requireBytes("y").utf8());
        assertArrayEquals(node.id(), reply.requireDictionary("r").requireBytes("id").bytes());
    }

    private static void assertError(final BencodeDictionary reply, final int code) throws IOException {
        assertEquals("e", reply.requireBytes("y").utf8(), reply::toString);
        final BencodeList error = reply.requireList("e");
        assertEquals(new BencodeInteger(code), error.values().get(0), reply::toString);
    }

    private static byte[] token(final RawKrpc raw, final byte[] target) throws IOException {
        return raw.reply(raw.query("get", BencodeDictionary.builder().put("target", target)))
                .requireDictionary("r").requireBytes("token").bytes();
    }

    private static BencodeDictionary.Builder mutablePut(final MutableItem item) {
        return BencodeDictionary.builder().put("k", item.publicKey()).put("seq", item.seq())
                .put("sig", item.signature()).put("v", item.value());
    }

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
