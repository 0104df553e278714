package org.cipherpost.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.MutableItem;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.SignedPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** BEP 44 flows on a 20-node testnet in this JVM, between two read-only client nodes. */
@Timeout(60)
class TestnetTest {
    private static final int SIZE = 20;
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));

    private static Testnet testnet;
    private static DhtNode writer;
    private static DhtNode reader;

    @BeforeAll
    static void startNetwork() throws IOException, InterruptedException {
        final DhtConfig template = DhtConfig.builder().clock(CLOCK).requestTimeout(Duration.ofSeconds(3))
                .operationTimeout(Duration.ofSeconds(15)).build();
        testnet = Testnet.start(SIZE, template);
        writer = DhtNode.start(testnet.clientConfig().build());
        reader = DhtNode.start(testnet.clientConfig().build());
    }

    @AfterAll
    static void stopNetwork() {
        if (writer != null) {
            writer.close();
        }
        if (reader != null) {
            reader.close();
        }
        if (testnet != null) {
            testnet.close();
        }
    }

    @Test
    void pkarrPacketPutByOneClientIsFoundByAnother() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final SignedPacket packet = SignedPacket.build(seed,
                    List.of(ResourceRecord.txt("_cipherpost", 300, "hello from the testnet")), micros());
            final PutResult put = writer.putMutable(packet.toMutableItem());
            assertEquals(DhtConfig.K, put.attempted(), put.toString());
            assertEquals(DhtConfig.K, put.stored(), put.toString());
            assertArrayEquals(packet.target(), put.target());

            final GetResult<MutableItem> got = reader.getMutable(packet.publicKey(), null);
            final SignedPacket found = SignedPacket.fromMutableItem(got.value().orElseThrow());
            assertArrayEquals(packet.bytes(), found.bytes());
            assertTrue(got.responded() >= DhtConfig.K, () -> "responded " + got.responded());
            assertTrue(got.holding() >= DhtConfig.K - 1, () -> "holding " + got.holding());
        }
    }

    @Test
    void higherSeqWins() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            assertEquals(DhtConfig.K, writer.putMutable(MutableItem.sign(seed, null, 1, text("first"))).stored());
            assertEquals(DhtConfig.K, reader.putMutable(MutableItem.sign(seed, null, 2, text("second"))).stored());
            final MutableItem found = writer.getMutable(Ed25519.publicKey(seed), null).value().orElseThrow();
            assertEquals(2, found.seq());
            assertEquals(text("second"), found.value());
        }
    }

    @Test
    void casMismatchIsReportedAs301() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            assertEquals(DhtConfig.K, writer.putMutable(MutableItem.sign(seed, null, 5, text("five"))).stored());
            final PutResult conflict = reader.putMutable(MutableItem.sign(seed, null, 6, text("six")), 4);
            // Every node holding seq 5 refuses; a node the writer's lookup missed holds nothing and may store.
            assertRefusedByHolders(conflict, DhtException.CAS_MISMATCH);
            final PutResult matching = reader.putMutable(MutableItem.sign(seed, null, 6, text("six")), 5);
            assertEquals(DhtConfig.K, matching.stored(), matching.toString());
        }
    }

    @Test
    void seqRollbackIsRejectedWith302() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            assertEquals(DhtConfig.K, writer.putMutable(MutableItem.sign(seed, null, 10, text("ten"))).stored());
            final PutResult rollback = reader.putMutable(MutableItem.sign(seed, null, 9, text("nine")));
            assertRefusedByHolders(rollback, DhtException.SEQ_TOO_OLD);
            final PutResult sameSeqOtherValue = reader.putMutable(MutableItem.sign(seed, null, 10, text("TEN")));
            assertRefusedByHolders(sameSeqOtherValue, DhtException.SEQ_TOO_OLD);
            assertEquals(10, writer.getMutable(Ed25519.publicKey(seed), null).value().orElseThrow().seq());
            final PutResult sameItemAgain = reader.putMutable(MutableItem.sign(seed, null, 10, text("ten")));
            assertEquals(DhtConfig.K, sameItemAgain.stored(), sameItemAgain.toString());
            assertEquals(text("ten"), writer.getMutable(Ed25519.publicKey(seed), null).value().orElseThrow().value());
        }
    }

    @Test
    void saltedItemsOfOneKeyAreSeparate() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final byte[] saltA = "share:a".getBytes(StandardCharsets.UTF_8);
            final byte[] saltB = "share:b".getBytes(StandardCharsets.UTF_8);
            assertEquals(DhtConfig.K, writer.putMutable(MutableItem.sign(seed, saltA, 1, text("A"))).stored());
            assertEquals(DhtConfig.K, writer.putMutable(MutableItem.sign(seed, saltB, 1, text("B"))).stored());
            final byte[] key = Ed25519.publicKey(seed);
            assertEquals(text("A"), reader.getMutable(key, saltA).value().orElseThrow().value());
            assertEquals(text("B"), reader.getMutable(key, saltB).value().orElseThrow().value());
            assertTrue(reader.getMutable(key, null).value().isEmpty());
        }
    }

    @Test
    void immutableItemRoundTripsUnderItsHash() throws Exception {
        final BencodeValue value = BencodeDictionary.builder().put("note", BencodeBytes.utf8("immutable " + micros()))
                .put("n", 42).build();
        final PutResult put = writer.putImmutable(value);
        assertEquals(DhtConfig.K, put.stored(), put.toString());
        assertArrayEquals(Bep44.immutableTarget(Bencode.encode(value)), put.target());
        final GetResult<BencodeValue> got = reader.getImmutable(put.target());
        assertEquals(value, got.value().orElseThrow());
        final byte[] missing = Bep44.immutableTarget(Bencode.encode(BencodeBytes.utf8("never stored")));
        final GetResult<BencodeValue> none = reader.getImmutable(missing);
        assertTrue(none.value().isEmpty());
        assertTrue(none.responded() >= DhtConfig.K, () -> "responded " + none.responded());
    }

    @Test
    void clientNodesStayOutOfRoutingTables() throws Exception {
        final byte[] missing = Bep44.immutableTarget(Bencode.encode(BencodeBytes.utf8("probe " + micros())));
        reader.getImmutable(missing);
        for (final DhtNode node : testnet.nodes()) {
            for (final DhtContact contact : node.contacts()) {
                assertFalse(contact.address().equals(reader.localAddress())
                        || contact.address().equals(writer.localAddress()), "client in table of " + node);
            }
        }
        assertTrue(reader.contacts().size() >= DhtConfig.K);
    }

    @Test
    void itemsExpireTwoHoursAfterTheirLastPut() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final byte[] key = Ed25519.publicKey(seed);
            assertEquals(DhtConfig.K, writer.putMutable(MutableItem.sign(seed, null, 1, text("short-lived")))
                    .stored());
            CLOCK.advance(Duration.ofMinutes(119));
            assertTrue(reader.getMutable(key, null).value().isPresent());
            CLOCK.advance(Duration.ofMinutes(2));
            final GetResult<MutableItem> gone = reader.getMutable(key, null);
            assertTrue(gone.value().isEmpty());
            assertTrue(gone.responded() >= DhtConfig.K, () -> "responded " + gone.responded());
        }
    }

    @Test
    void putsLandOnTheTrulyClosestNodes() throws Exception {
        for (int round = 0; round < 5; round++) {
            try (SecretBytes seed = Ed25519.generateSeed()) {
                final MutableItem item = MutableItem.sign(seed, null, 1, text("closest " + round));
                final List<Integer> before = storedCounts();
                assertEquals(DhtConfig.K, (round % 2 == 0 ? writer : reader).putMutable(item).stored());
                final List<Integer> after = storedCounts();
                final Set<Integer> storing = new HashSet<>();
                for (int i = 0; i < SIZE; i++) {
                    if (after.get(i) > before.get(i)) {
                        storing.add(i);
                    }
                }
                final Set<Integer> closest = new HashSet<>(IntStream.range(0, SIZE).boxed()
                        .sorted(Comparator.comparing(i -> distance(testnet.nodes().get(i).id(), item.target())))
                        .limit(DhtConfig.K).toList());
                assertEquals(closest, storing);
            }
        }
    }

    private static List<Integer> storedCounts() {
        return testnet.nodes().stream().map(node -> node.stats().storedItems()).toList();
    }

    private static BigInteger distance(final byte[] id, final byte[] target) {
        final byte[] xor = new byte[id.length];
        for (int i = 0; i < id.length; i++) {
            xor[i] = (byte) (id[i] ^ target[i]);
        }
        return new BigInteger(1, xor);
    }

    private static BencodeBytes text(final String value) {
        return BencodeBytes.utf8(value);
    }

    private static long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, CLOCK.instant()) + System.nanoTime() % 1000;
    }

    /**
     * The put reached the k closest nodes the reader found; all but at most one (a node the first put's
     * lookup may have missed while routing tables settle, which holds nothing and so may store) refuse
     * with the given code, and no node answers otherwise.
     */
    private static void assertRefusedByHolders(final PutResult result, final int code) {
        assertEquals(result.attempted(), result.stored() + result.errors(code), result.toString());
        assertTrue(result.errors(code) >= DhtConfig.K - 1, result.toString());
    }
}
