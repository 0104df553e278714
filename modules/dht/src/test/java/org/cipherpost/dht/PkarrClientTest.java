package org.cipherpost.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.SignedPacket;
import org.cipherpost.wire.TxtData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PKARR publish and resolve over a 20-node testnet, between two clients on separate read-only nodes. */
@Timeout(120)
class PkarrClientTest {
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private static final long NOW_MICROS = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli() * 1000;

    private static Testnet testnet;
    private static DhtNode nodeA;
    private static DhtNode nodeB;
    private static PkarrTransport transportA;
    private static PkarrTransport transportB;
    private static PkarrClient alice;
    private static PkarrClient bob;

    @BeforeAll
    static void startNetwork() throws IOException, InterruptedException {
        testnet = Testnet.start(20, DhtConfig.builder().clock(CLOCK).requestTimeout(Duration.ofSeconds(3))
                .operationTimeout(Duration.ofSeconds(15)).build());
        nodeA = DhtNode.start(testnet.clientConfig().build());
        nodeB = DhtNode.start(testnet.clientConfig().build());
        transportA = PkarrTransport.dht(nodeA);
        transportB = PkarrTransport.dht(nodeB);
        alice = PkarrClient.create(transportA, CLOCK);
        bob = PkarrClient.create(transportB, CLOCK);
    }

    @AfterAll
    static void stopNetwork() {
        for (final AutoCloseable closeable : new AutoCloseable[] {transportA, transportB, nodeA, nodeB, testnet}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (final Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void packetPublishedByOneClientIsResolvedByAnother() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final Instant now = CLOCK.instant();
            final PkarrPublication published = alice.publish(seed, List.of(txt("_cipherpost", "hello"),
                    txt("@", "root")));
            assertEquals(DhtConfig.K, published.stored());
            assertEquals(1, published.attempts());
            assertEquals(now.toEpochMilli() * 1000, published.packet().timestamp());

            final PkarrResolution resolved = bob.resolve(Ed25519.publicKey(seed));
            assertArrayEquals(published.packet().bytes(), resolved.packet().orElseThrow().bytes());
            assertEquals("hello", text(resolved.packet().orElseThrow(), "_cipherpost"));
            assertTrue(resolved.responded() >= DhtConfig.K, () -> "responded " + resolved.responded());
            assertTrue(resolved.holding() >= DhtConfig.K - 1, () -> "holding " + resolved.holding());
        }
    }

    @Test
    void unknownKeyResolvesToNothingAfterAskingTheClosestNodes() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final PkarrResolution resolved = bob.resolve(Ed25519.publicKey(seed));
            assertTrue(resolved.packet().isEmpty());
            assertEquals(0, resolved.holding());
            assertTrue(resolved.responded() >= DhtConfig.K, () -> "responded " + resolved.responded());
        }
    }

    @Test
    void laterPublishWinsWithStrictlyGreaterTimestampEvenWhenTheClockIsBehind() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final PkarrPublication first = alice.publish(seed, List.of(txt("_v", "one")));
            final PkarrClient lagging = PkarrClient.create(transportB,
                    InstantSource.fixed(Instant.parse("2020-01-01T00:00:00Z")));
            final PkarrPublication second = lagging.publish(seed, List.of(txt("_v", "two")));
            assertEquals(first.packet().timestamp() + 1, second.packet().timestamp());
            final PkarrPublication third = alice.publish(seed, List.of(txt("_v", "three")));
            assertEquals(second.packet().timestamp() + 1, third.packet().timestamp());

            final SignedPacket resolved = bob.resolve(Ed25519.publicKey(seed)).packet().orElseThrow();
            assertEquals("three", text(resolved, "_v"));
            assertEquals(third.packet(), resolved);
        }
    }

    @Test
    void editSeesCurrentRecordsSoOtherRecordsSurvive() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            alice.publish(seed, List.of(txt("_keep", "kept"), txt("_change", "old")));
            final List<List<ResourceRecord>> seen = new ArrayList<>();
            bob.publish(seed, current -> {
                seen.add(current);
                return replace(current, txt("_change", "new"));
            });
            assertEquals(2, seen.get(0).size());
            final SignedPacket resolved = alice.resolve(Ed25519.publicKey(seed)).packet().orElseThrow();
            assertEquals("kept", text(resolved, "_keep"));
            assertEquals("new", text(resolved, "_change"));
            assertEquals(2, resolved.records().size());
        }
    }

    @Test
    void casConflictIsDetectedAndRetriedOnFreshRecords() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            alice.publish(seed, List.of(txt("_base", "base")));
            final AtomicInteger edits = new AtomicInteger();
            final PkarrPublication published = alice.publish(seed, current -> {
                if (edits.incrementAndGet() == 1) {
                    concurrently(seed, "_bob", "bob");
                }
                return replace(current, txt("_alice", "alice"));
            });
            assertEquals(2, edits.get());
            assertEquals(2, published.attempts());
            final SignedPacket resolved = bob.resolve(Ed25519.publicKey(seed)).packet().orElseThrow();
            assertEquals(published.packet(), resolved);
            assertEquals("base", text(resolved, "_base"));
            assertEquals("bob", text(resolved, "_bob"));
            assertEquals("alice", text(resolved, "_alice"));
        }
    }

    @Test
    void secondCasConflictIsReportedAs301() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            alice.publish(seed, List.of(txt("_base", "base")));
            final AtomicInteger edits = new AtomicInteger();
            final DhtException conflict = assertThrows(DhtException.class, () -> alice.publish(seed, current -> {
                concurrently(seed, "_bob", "bob" + edits.incrementAndGet());
                return replace(current, txt("_alice", "alice"));
            }));
            assertEquals(DhtException.CAS_MISMATCH, conflict.code());
            assertEquals(2, edits.get());
            assertEquals("bob2", text(alice.resolve(Ed25519.publicKey(seed)).packet().orElseThrow(), "_bob"));
        }
    }

    @Test
    void stalePacketIsRefusedByClientAndByNodes() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final SignedPacket older = SignedPacket.build(seed, List.of(txt("_v", "older")), NOW_MICROS - 2_000_000);
            final SignedPacket newer = SignedPacket.build(seed, List.of(txt("_v", "newer")), NOW_MICROS - 1_000_000);
            assertEquals(DhtConfig.K, alice.publish(newer).stored());

            final DhtException refused = assertThrows(DhtException.class, () -> bob.publish(older));
            assertEquals(DhtException.SEQ_TOO_OLD, refused.code());
            final PkarrPutResult raw = transportB.publish(older, OptionalLong.empty());
            assertEquals(0, raw.stored(), raw.toString());
            assertEquals(DhtConfig.K, raw.stale(), raw.toString());
            assertEquals(newer, alice.resolve(Ed25519.publicKey(seed)).packet().orElseThrow());
        }
    }

    @Test
    void packetSignedElsewhereIsPublishedWithCasOnTheSeenOne() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final SignedPacket first = SignedPacket.build(seed, List.of(txt("_v", "1")), NOW_MICROS - 5);
            final SignedPacket second = SignedPacket.build(seed, List.of(txt("_v", "2")), NOW_MICROS - 4);
            assertEquals(1, alice.publish(first).attempts());
            final PkarrPublication again = bob.publish(first);
            assertEquals(DhtConfig.K, again.stored() + again.alreadyStored());
            assertEquals(DhtConfig.K, bob.publish(second).stored());
            assertEquals(second, alice.resolve(Ed25519.publicKey(seed)).packet().orElseThrow());
        }
    }

    @Test
    void republisherRenewsPacketsBeforeTheTwoHourExpiry() throws Exception {
        try (SecretBytes kept = Ed25519.generateSeed(); SecretBytes dropped = Ed25519.generateSeed()) {
            final PkarrPublication lasting = alice.publish(kept, List.of(txt("_v", "long-lived")));
            alice.publish(dropped, List.of(txt("_v", "short-lived")));
            final Republisher republisher = Republisher.create(alice);
            republisher.track(lasting.packet());

            CLOCK.advance(Duration.ofMinutes(100));
            final List<RepublishOutcome> outcomes = republisher.republishNow();
            assertEquals(1, outcomes.size());
            final PkarrPublication renewed = outcomes.get(0).publication().orElseThrow();
            assertEquals(lasting.packet(), renewed.packet());
            assertEquals(DhtConfig.K, renewed.stored() + renewed.alreadyStored());

            CLOCK.advance(Duration.ofMinutes(30));
            assertEquals(lasting.packet(), bob.resolve(Ed25519.publicKey(kept)).packet().orElseThrow());
            assertTrue(bob.resolve(Ed25519.publicKey(dropped)).packet().isEmpty());
        }
    }

    @Test
    void republisherAdoptsAMoreRecentPacketOfItsKey() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final PkarrPublication old = alice.publish(seed, List.of(txt("_v", "old")));
            final PkarrPublication current = bob.publish(seed, List.of(txt("_v", "current")));
            final Republisher republisher = Republisher.create(alice);
            republisher.track(old.packet());
            final RepublishOutcome outcome = republisher.republishNow().get(0);
            assertEquals(current.packet(), outcome.publication().orElseThrow().packet());
            assertEquals(List.of(current.packet()), republisher.tracked());
            assertTrue(republisher.untrack(Ed25519.publicKey(seed)));
            assertTrue(republisher.tracked().isEmpty());
        }
    }

    @Test
    void republishCountsNodesAnswering302AsAlreadyStoring() throws Exception {
        final InMemoryTransport memory = new InMemoryTransport();
        final PkarrClient client = PkarrClient.create(memory, CLOCK);
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final PkarrPublication first = client.publish(seed, List.of(txt("_v", "x")));
            final PkarrPublication again = client.republish(first.packet());
            assertEquals(0, again.stored());
            assertEquals(1, again.alreadyStored());
            final PkarrPublication samePacket = client.publish(first.packet());
            assertEquals(1, samePacket.alreadyStored());
        }
    }

    @Test
    void noStoringNodeIsAnError() throws Exception {
        final PkarrTransport nowhere = new InMemoryTransport() {
            @Override
            public PkarrPutResult publish(final SignedPacket packet, final OptionalLong cas) {
                return new PkarrPutResult(0, 0, 0, 0);
            }
        };
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final DhtException e = assertThrows(DhtException.class,
                    () -> PkarrClient.create(nowhere, CLOCK).publish(seed, List.of(txt("_v", "x"))));
            assertEquals(DhtException.NO_CODE, e.code());
        }
    }

    @Test
    void scheduleRejectsIntervalsBeyondTheItemLifetime() {
        final Republisher republisher = Republisher.create(alice);
        final java.util.concurrent.ScheduledExecutorService scheduler =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            assertThrows(IllegalArgumentException.class, () -> republisher.schedule(scheduler, Duration.ofHours(2)));
            assertThrows(IllegalArgumentException.class, () -> republisher.schedule(scheduler, Duration.ZERO));
            republisher.schedule(scheduler, Republisher.DEFAULT_INTERVAL).cancel(false);
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** Bob publishes one record on top of whatever is there, while Alice is between resolve and put. */
    private static void concurrently(final SecretBytes seed, final String name, final String value) {
        try {
            bob.publish(seed, current -> replace(current, txt(name, value)));
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ResourceRecord txt(final String name, final String value) {
        return ResourceRecord.txt(name, 300, value);
    }

    static List<ResourceRecord> replace(final List<ResourceRecord> current, final ResourceRecord record) {
        final List<ResourceRecord> records = new ArrayList<>();
        for (final ResourceRecord existing : current) {
            if (!(existing.name().equals(record.name()) && existing.data() instanceof TxtData)) {
                records.add(existing);
            }
        }
        records.add(record);
        return records;
    }

    static String text(final SignedPacket packet, final String name) throws IOException {
        return ((TxtData) packet.records(name).get(0).data()).text();
    }
}
