package org.cipherpost.handoff.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.dht.SaltedItemStore;
import org.cipherpost.dht.Testnet;
import org.cipherpost.handoff.Acceptance;
import org.cipherpost.handoff.Handoff;
import org.cipherpost.handoff.HandoffFactory;
import org.cipherpost.handoff.IncomingShare;
import org.cipherpost.handoff.Layout;
import org.cipherpost.handoff.ReceiptEntry;
import org.cipherpost.handoff.ReceiptState;
import org.cipherpost.handoff.ReceiveSession;
import org.cipherpost.handoff.RepublishReport;
import org.cipherpost.handoff.Revocation;
import org.cipherpost.handoff.SentShare;
import org.cipherpost.handoff.ShareOptions;
import org.cipherpost.handoff.ShareWithdrawnException;
import org.cipherpost.handoff.WeakPinException;
import org.cipherpost.handoff.WrongPinException;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.DhtLabels;
import org.cipherpost.wire.ItemSalts;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.wire.MutableItem;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.PacketTooLargeException;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.ShareItemValue;
import org.cipherpost.wire.ShareRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Layout 2 (one salted item per share and per receipt) against a 20-node in-process testnet. */
@Timeout(180)
class SaltedLayoutTest {
    private static Testnet testnet;
    private static DhtNode node;
    private static PkarrTransport transport;
    private static SaltedItemStore items;

    @TempDir
    Path state;

    private final AtomicLong now = new AtomicLong(Instant.now().getEpochSecond());
    private final InstantSource clock = () -> Instant.ofEpochSecond(now.get());

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        testnet = Testnet.start(20);
        node = DhtNode.start(testnet.clientConfig().build());
        transport = PkarrTransport.dht(node);
        items = transport.saltedItems().orElseThrow();
    }

    @AfterAll
    static void stop() {
        transport.close();
        node.close();
        testnet.close();
    }

    private StandardHandoff handoff(final String name) {
        return (StandardHandoff) HandoffFactory.create(transport, state.resolve(name), clock);
    }

    private static SecretBytes secret(final String text) {
        return SecretBytes.copyOf(text.getBytes(StandardCharsets.UTF_8));
    }

    private SentShare send(final Handoff handoff, final Identity from, final Identity to, final String text,
                           final ShareOptions options) throws Exception {
        try (SecretBytes material = secret(text)) {
            return handoff.send(from, Optional.of(to.publicKey()), "purpose of " + text, MaterialKind.GENERIC_SECRET,
                    material, 3600, options);
        }
    }

    private static byte[] receive(final Handoff handoff, final Identity self, final SentShare sent) throws Exception {
        try (ReceiveSession session = handoff.receive(self, sent.uri()); IncomingShare share = session.open()) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(ReceiptState.PUBLISHED, session.accept(share, m -> out.write(m.bytes())).state());
            return out.toByteArray();
        }
    }

    @Test
    void severalLiveSharesReceiptsAsItemsAndV1Mirror() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final StandardHandoff alices = handoff("alice");
            final List<SentShare> shares = new ArrayList<>();
            for (final String text : List.of("one", "two", "three")) {
                final SentShare sent = send(alices, alice, bob, text, ShareOptions.NONE);
                assertEquals(Layout.SALTED, sent.layout());
                assertTrue(sent.mirrorWarning().isEmpty(), sent.mirrorWarning()::toString);
                shares.add(sent);
            }
            final PkarrClient client = PkarrClient.create(transport);
            final List<ResourceRecord> mirror = client.resolve(alice.publicKey()).packet().orElseThrow().records();
            assertEquals(1, mirror.size(), "the v1 mirror holds the newest share only");
            assertTrue(RecordEdits.holdsShare(mirror.get(0), shares.get(2).uri().shareRef()));

            final StandardHandoff bobs = handoff("bob");
            assertArrayEquals("one".getBytes(StandardCharsets.UTF_8), receive(bobs, bob, shares.get(0)));
            assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), receive(bobs, bob, shares.get(1)));
            assertArrayEquals("three".getBytes(StandardCharsets.UTF_8), receive(bobs, bob, shares.get(2)));
            assertTrue(client.resolve(bob.publicKey()).packet().isEmpty(), "salted receipts leave the packet empty");

            final List<ReceiptEntry> receipts = alices.receipts(bob.publicKey());
            assertEquals(3, receipts.size(), receipts::toString);
            assertTrue(receipts.stream().allMatch(ReceiptEntry::valid));
            assertTrue(receipts.stream().allMatch(entry -> entry.label().startsWith(ItemSalts.RECEIPT_PREFIX)));
            final List<ReceiptEntry> one = alices.receipts(bob.publicKey(), shares.get(1).uri().shareRef());
            assertEquals(1, one.size());
            assertEquals(shares.get(1).uri().shareRef(), one.get(0).receipt().orElseThrow().shareRef());

            final Optional<MutableItem> item = items.get(alice.publicKey(),
                    ItemSalts.share(shares.get(0).uri().shareRef())).value();
            assertArrayEquals(shares.get(0).record().toJson(), ((BencodeBytes) item.orElseThrow().value()).bytes());
        }
    }

    @Test
    void revokeReplacesTheItemWithATombstoneAndRemovesTheMirror() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final StandardHandoff alices = handoff("alice");
            final SentShare sent = send(alices, alice, bob, "withdraw me", ShareOptions.NONE);
            assertThrows(IllegalArgumentException.class, () -> alices.revoke(bob, sent.uri()));
            now.addAndGet(5);
            final Revocation revocation = alices.revoke(alice, sent.uri());
            assertTrue(revocation.stored() > 0);
            assertTrue(revocation.mirrorRemoved());
            assertTrue(PkarrClient.create(transport).resolve(alice.publicKey()).packet().orElseThrow().records()
                    .isEmpty());
            final MutableItem tombstone = items.get(alice.publicKey(), ItemSalts.share(sent.uri().shareRef())).value()
                    .orElseThrow();
            assertEquals(new ShareItemValue.Withdrawn(now.get()), ShareItemValue.of(tombstone.value()));
            try (ReceiveSession session = handoff("bob").receive(bob, sent.uri())) {
                final ShareWithdrawnException withdrawn = assertThrows(ShareWithdrawnException.class, session::open);
                assertEquals(now.get(), withdrawn.revokedAt());
            }
            assertEquals(0, alices.republish().shares(), "a withdrawn share is not republished");
        }
    }

    @Test
    void republishReputsLiveSharesAndRecentReceiptsAsStored() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final StandardHandoff alices = handoff("alice");
            final SentShare live = send(alices, alice, bob, "live", ShareOptions.NONE);
            final SentShare gone = send(alices, alice, bob, "gone", ShareOptions.NONE);
            alices.revoke(alice, gone.uri());
            final StandardHandoff bobs = handoff("bob");
            receive(bobs, bob, live);
            final MutableItem before = items.get(alice.publicKey(), ItemSalts.share(live.uri().shareRef())).value()
                    .orElseThrow();
            final RepublishReport sender = alices.republish();
            assertEquals(new RepublishReport(1, 0, 0, 0), sender);
            assertEquals(new RepublishReport(0, 0, 1, 0), bobs.republish());
            final MutableItem after = items.get(alice.publicKey(), ItemSalts.share(live.uri().shareRef())).value()
                    .orElseThrow();
            assertEquals(before.seq(), after.seq());
            assertArrayEquals(before.signature(), after.signature());
            assertTrue(alices.republish(live.uri().shareRef()) > 0);
            now.addAndGet(Handoff.RECEIPT_REPUBLISH_SECONDS + 1);
            assertEquals(new RepublishReport(0, 0, 0, 0), bobs.republish(), "old receipts and expired shares rest");
            assertEquals(new RepublishReport(0, 0, 0, 0), alices.republish());
        }
    }

    @Test
    void v1ShareIsStillReceivedAndItsReceiptMirrored() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final SentShare sent;
            try (SecretBytes material = secret("old school")) {
                sent = HandoffFactory.create(PkarrClient.create(transport), state.resolve("v1"), clock).send(alice,
                        Optional.of(bob.publicKey()), "p", MaterialKind.GENERIC_SECRET, material, 3600);
            }
            assertEquals(Layout.V1_PACKET, sent.layout());
            assertTrue(items.get(alice.publicKey(), ItemSalts.share(sent.uri().shareRef())).value().isEmpty());
            final StandardHandoff bobs = handoff("bob");
            assertArrayEquals("old school".getBytes(StandardCharsets.UTF_8), receive(bobs, bob, sent));
            final List<String> names = PkarrClient.create(transport).resolve(bob.publicKey()).packet().orElseThrow()
                    .records().stream().map(ResourceRecord::name).toList();
            assertEquals(List.of(DhtLabels.receipt(sent.uri().shareRef())), names);
            assertTrue(items.get(bob.publicKey(), ItemSalts.receipt(sent.uri().shareRef())).value().isPresent());
            final List<ReceiptEntry> receipts = handoff("alice").receipts(bob.publicKey(), sent.uri().shareRef());
            assertEquals(1, receipts.size(), "the salted receipt and its v1 mirror are listed once");

            // Bob's packet now holds a receipt: his own send still works, the v1 mirror is skipped with a warning.
            final SentShare own = send(bobs, bob, alice, "from bob", ShareOptions.NONE);
            assertTrue(own.mirrorWarning().orElseThrow().contains("v1 readers will not find"), own::toString);
            assertArrayEquals("from bob".getBytes(StandardCharsets.UTF_8), receive(handoff("alice2"), alice, own));
        }
    }

    @Test
    void burnEmitsBeforeMarkingAndACrashInBetweenLeavesTheShareReceivable() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final SentShare sent = send(handoff("alice"), alice, bob, "once", new ShareOptions(true, Optional.empty()));
            final StandardHandoff bobs = handoff("bob");
            bobs.afterEmit(() -> {
                throw new IllegalStateException("crash");
            });
            final ByteArrayOutputStream first = new ByteArrayOutputStream();
            try (ReceiveSession session = bobs.receive(bob, sent.uri()); IncomingShare share = session.open()) {
                assertTrue(share.envelope().burnAfterRead());
                assertThrows(IllegalStateException.class, () -> session.accept(share, m -> first.write(m.bytes())));
            }
            assertEquals("once", first.toString(StandardCharsets.UTF_8), "the payload was written before the crash");
            assertTrue(items.get(bob.publicKey(), ItemSalts.receipt(sent.uri().shareRef())).value().isEmpty());
            bobs.afterEmit(() -> { });
            try (ReceiveSession session = bobs.receive(bob, sent.uri())) {
                assertTrue(session.previous().isEmpty(), "nothing was marked: receivable again");
            }
            assertEquals("once", new String(receive(bobs, bob, sent), StandardCharsets.UTF_8));
            try (ReceiveSession session = bobs.receive(bob, sent.uri())) {
                final Acceptance burned = session.previous().orElseThrow();
                assertTrue(burned.burned());
                assertEquals(ReceiptState.PUBLISHED, burned.state());
            }
            assertTrue(items.get(bob.publicKey(), ItemSalts.receipt(sent.uri().shareRef())).value().isPresent(),
                    "a burned share still gets its receipt");
        }
    }

    @Test
    void pinRightWrongWeakAndChunked() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate();
             SecretBytes pin = secret("correct-pin-42"); SecretBytes wrong = secret("correct-pin-43");
             SecretBytes material = secret("pinned")) {
            final StandardHandoff alices = handoff("alice");
            final ShareOptions pinned = new ShareOptions(true, Optional.of(pin));
            // A PIN share never fits one item (two age headers and the salt): it goes out chunked (ChunkedShareTest).
            final SentShare chunked = send(alices, alice, bob, "pinned", pinned);
            assertEquals(Layout.CHUNKED, chunked.layout());
            assertEquals(OuterRecord.CHUNKED_VERSION, chunked.record().protocolVersion());
            // The nested layers of a v1 record, checked through a record fixture: no single BEP 44 item carries it.
            final OuterRecord record = alices.seal(alice, Optional.of(bob.publicKey()), "p",
                    MaterialKind.GENERIC_SECRET, material, 3600, pinned);
            assertTrue(record.pinRequired());
            assertEquals(OuterRecord.PIN_SALT_LENGTH, record.pinSalt().orElseThrow().length);
            final StandardHandoff bobs = handoff("bob");
            bobs.recordFixture(uri -> Optional.of(record.toJson()));
            final org.cipherpost.wire.ShareUri uri = org.cipherpost.wire.ShareUri.of(alice.publicKey(),
                    record.shareRef());
            try (ReceiveSession session = bobs.receive(bob, uri)) {
                assertTrue(session.verify().pinRequired(), "the record says PIN before anything is decrypted");
                assertThrows(IllegalArgumentException.class, session::open);
                assertThrows(WrongPinException.class, () -> session.open(Optional.of(wrong)));
                try (IncomingShare share = session.open(Optional.of(pin))) {
                    assertArrayEquals("pinned".getBytes(StandardCharsets.UTF_8),
                            share.envelope().material().bytes().bytes());
                    assertTrue(share.envelope().burnAfterRead(), "PIN and burn compose");
                }
            }
            final byte[] json = record.toJson();
            json[json.length / 2] ^= 0x01;
            bobs.recordFixture(any -> Optional.of(json));
            try (ReceiveSession session = bobs.receive(bob, uri)) {
                assertThrows(java.security.SignatureException.class, session::verify, "tamper fails before any PIN");
            }
            for (final var weak : List.of(List.of("1234567", WeakPinException.Reason.TOO_SHORT),
                    List.of("aaaaaaaaaa", WeakPinException.Reason.ALL_SAME),
                    List.of("abcdefgh", WeakPinException.Reason.MONOTONIC),
                    List.of("98765432", WeakPinException.Reason.MONOTONIC),
                    List.of("PassWord", WeakPinException.Reason.BLOCKLISTED))) {
                try (SecretBytes candidate = secret((String) weak.get(0))) {
                    final WeakPinException refused = assertThrows(WeakPinException.class, () -> send(alices, alice,
                            bob, "x", new ShareOptions(false, Optional.of(candidate))));
                    assertEquals(weak.get(1), refused.reason());
                    assertEquals("PIN does not meet entropy requirements", refused.getMessage());
                }
            }
        }
    }

    @Test
    void concurrentReceivesMakeOneReceiptPerShare() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final StandardHandoff alices = handoff("alice");
            final List<SentShare> shares = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                shares.add(send(alices, alice, bob, "share " + i, ShareOptions.NONE));
            }
            final StandardHandoff bobs = handoff("bob");
            final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            final AtomicInteger accepted = new AtomicInteger();
            final CountDownLatch go = new CountDownLatch(1);
            final List<Thread> threads = new ArrayList<>();
            // four different shares at once, and the first share four more times at once
            final List<SentShare> work = new ArrayList<>(shares);
            for (int i = 0; i < 4; i++) {
                work.add(shares.get(0));
            }
            for (final SentShare share : work) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                        try (ReceiveSession session = bobs.receive(bob, share.uri())) {
                            if (session.previous().isPresent()) {
                                return;
                            }
                            try (IncomingShare incoming = session.open()) {
                                session.accept(incoming);
                                accepted.incrementAndGet();
                            }
                        }
                    } catch (final Exception e) {
                        failures.add(e);
                    }
                }));
            }
            go.countDown();
            for (final Thread thread : threads) {
                thread.join();
            }
            assertTrue(failures.isEmpty(), failures::toString);
            assertEquals(4, accepted.get(), "one acceptance per share");
            final List<ReceiptEntry> receipts = alices.receipts(bob.publicKey());
            assertEquals(4, receipts.size(), receipts::toString);
            assertTrue(receipts.stream().allMatch(ReceiptEntry::valid));
        }
    }

    @Test
    void sizesAndTimings() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final Handoff local = HandoffFactory.create(new TamperTest.MemoryClient(),
                    Optional.of(new TamperTest.MemoryItems()), state.resolve("sizes"), InstantSource.system());
            final Handoff v1 = HandoffFactory.create(new TamperTest.MemoryClient(), state.resolve("v1"),
                    InstantSource.system());
            final int salted = largest(local, alice, bob);
            final int packet = largest(v1, alice, bob);
            final long t0 = System.nanoTime();
            final SentShare sent = send(handoff("alice"), alice, bob, "timed secret", ShareOptions.NONE);
            final long t1 = System.nanoTime();
            receive(handoff("bob"), bob, sent);
            final long t2 = System.nanoTime();
            System.out.printf("largest generic secret (purpose 'purpose'): salted item %d bytes, v1 packet %d bytes;"
                    + " share item %d bytes for 12 bytes; 20-node testnet: send %d ms, receive+receipt %d ms%n",
                    salted, packet, sent.valueBytes(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
            assertTrue(salted > packet, salted + " vs " + packet);
        }
    }

    private static int largest(final Handoff handoff, final Identity alice, final Identity bob) throws Exception {
        int largest = 0;
        for (int size = 16; size < 1000; size++) {
            try (SecretBytes probe = SecretBytes.copyOf(new byte[size])) {
                handoff.send(alice, Optional.of(bob.publicKey()), "purpose", MaterialKind.GENERIC_SECRET, probe, 3600);
                largest = size;
            } catch (final PacketTooLargeException e) {
                break;
            }
        }
        return largest;
    }

    @Test
    void sentLedgerFilesArePrivate() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final SentShare sent = send(handoff("alice"), alice, bob, "x", ShareOptions.NONE);
            final Path file = state.resolve("alice").resolve("sent").resolve(sent.uri().shareRef().hex());
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file.getParent())));
            assertTrue(Files.readString(file).contains("\nitem "), "the signed item is kept for republish");
        }
    }
}
