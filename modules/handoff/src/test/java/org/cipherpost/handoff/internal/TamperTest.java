package org.cipherpost.handoff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SignatureException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.GetResult;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrPublication;
import org.cipherpost.dht.PkarrResolution;
import org.cipherpost.dht.PutResult;
import org.cipherpost.dht.SaltedItemStore;
import org.cipherpost.handoff.Handoff;
import org.cipherpost.handoff.HandoffFactory;
import org.cipherpost.handoff.IncomingShare;
import org.cipherpost.handoff.ReceiveSession;
import org.cipherpost.handoff.SentShare;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.DhtLabels;
import org.cipherpost.wire.ItemSalts;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.wire.MutableItem;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.SignedPacket;
import org.cipherpost.wire.TxtData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every byte of a published share, flipped, makes receive fail with a signature failure and publish nothing. */
class TamperTest {
    @TempDir
    Path state;

    /** An in-memory PKARR client, one packet per key; {@code raw} replaces resolve with a parse of those bytes. */
    static final class MemoryClient implements PkarrClient {
        final java.util.Map<String, SignedPacket> packets = new java.util.concurrent.ConcurrentHashMap<>();
        byte[] raw;
        int publishes;

        SignedPacket packet(final byte[] publicKey) {
            return packets.get(org.cipherpost.wire.PublicKeys.toZ32(publicKey));
        }

        void put(final SignedPacket packet) {
            packets.put(packet.publicKeyZ32(), packet);
        }

        @Override
        public synchronized PkarrPublication publish(final SecretBytes seed,
                                                     final UnaryOperator<List<ResourceRecord>> edit)
                throws IOException {
            publishes++;
            final SignedPacket current = packet(org.cipherpost.crypto.Ed25519.publicKey(seed));
            final SignedPacket next = SignedPacket.build(seed, edit.apply(current == null ? List.of()
                    : current.records()));
            put(next);
            return new PkarrPublication(next, 1, 0, 1);
        }

        @Override
        public synchronized PkarrPublication publish(final SignedPacket signed) {
            publishes++;
            put(signed);
            return new PkarrPublication(signed, 1, 0, 1);
        }

        @Override
        public PkarrPublication republish(final SignedPacket signed) {
            return new PkarrPublication(signed, 1, 0, 1);
        }

        @Override
        public PkarrResolution resolve(final byte[] publicKey) throws IOException, SignatureException {
            if (raw != null) {
                return new PkarrResolution(Optional.of(SignedPacket.parse(raw)), 1, 1);
            }
            return new PkarrResolution(Optional.ofNullable(packet(publicKey)), 1, 1);
        }
    }

    /** In-memory salted items that check signatures like storing nodes; {@code raw} is returned unchecked by get. */
    static final class MemoryItems implements SaltedItemStore {
        final java.util.Map<String, MutableItem> items = new java.util.concurrent.ConcurrentHashMap<>();
        volatile Raw raw;
        final java.util.concurrent.atomic.AtomicInteger puts = new java.util.concurrent.atomic.AtomicInteger();

        /** An item as a hostile node could answer it: fields verified only on the way in. */
        record Raw(byte[] key, byte[] salt, long seq, org.cipherpost.wire.BencodeValue value, byte[] signature) {
        }

        private static String id(final byte[] key, final byte[] salt) {
            return java.util.HexFormat.of().formatHex(org.cipherpost.wire.Bep44.mutableTarget(key, salt));
        }

        @Override
        public GetResult<MutableItem> get(final byte[] publicKey, final byte[] salt)
                throws IOException, SignatureException {
            final Raw answer = raw;
            if (answer != null) {
                return new GetResult<>(Optional.of(MutableItem.verify(answer.key(), answer.salt(), answer.seq(),
                        answer.value(), answer.signature())), 1, 1);
            }
            return new GetResult<>(Optional.ofNullable(items.get(id(publicKey, salt))), 1, 1);
        }

        @Override
        public synchronized PutResult put(final MutableItem item, final java.util.OptionalLong cas) {
            puts.incrementAndGet();
            final String id = id(item.publicKey(), item.salt());
            final MutableItem current = items.get(id);
            final java.util.TreeMap<Integer, Integer> errors = new java.util.TreeMap<>();
            if (current != null && cas.isPresent() && cas.getAsLong() != current.seq()) {
                errors.put(301, 1);
            } else if (current != null && item.seq() < current.seq()) {
                errors.put(302, 1);
            } else {
                items.put(id, item);
                return new PutResult(item.target(), 1, 1, 0, errors);
            }
            return new PutResult(item.target(), 1, 0, 0, errors);
        }
    }

    @Test
    void everySaltedItemByteFlipIsASignatureFailureWithoutReceipt() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate();
             SecretBytes material = SecretBytes.copyOf("hunter2".getBytes(StandardCharsets.UTF_8))) {
            final MemoryClient network = new MemoryClient();
            final MemoryItems items = new MemoryItems();
            final SentShare sent = HandoffFactory.create(network, Optional.of(items), state.resolve("a"),
                    InstantSource.system()).send(alice, Optional.of(bob.publicKey()), "p",
                    MaterialKind.GENERIC_SECRET, material, 3600);
            final byte[] salt = ItemSalts.share(sent.uri().shareRef());
            final MutableItem stored = items.get(alice.publicKey(), salt).value().orElseThrow();
            final byte[] value = ((BencodeBytes) stored.value()).bytes();
            final Handoff bobs = HandoffFactory.create(network, Optional.of(items), state.resolve("b"),
                    InstantSource.system());
            network.packets.clear();
            network.publishes = 0;
            final int putsBefore = items.puts.get();
            for (int i = 0; i < value.length; i++) {
                final byte[] tampered = value.clone();
                tampered[i] ^= 0x01;
                final int position = i;
                // re-signed by the sender's key: the outer (BEP 44) signature holds, the inner one must fail
                final MutableItem resigned = MutableItem.sign(alice.seed(), salt, stored.seq(),
                        BencodeBytes.of(tampered));
                items.raw = new MemoryItems.Raw(alice.publicKey(), salt, resigned.seq(), resigned.value(),
                        resigned.signature());
                try (ReceiveSession session = bobs.receive(bob, sent.uri())) {
                    assertThrows(SignatureException.class, session::open, () -> "re-signed position " + position);
                }
                // as a hostile node would answer it: the original signature over other bytes
                items.raw = new MemoryItems.Raw(alice.publicKey(), salt, stored.seq(), BencodeBytes.of(tampered),
                        stored.signature());
                try (ReceiveSession session = bobs.receive(bob, sent.uri())) {
                    assertThrows(SignatureException.class, session::open, () -> "raw position " + position);
                }
            }
            assertEquals(putsBefore, items.puts.get(), "no receipt item published");
            assertEquals(0, network.publishes, "no v1 receipt published");
        }
    }

    @Test
    void everyInnerByteFlipIsASignatureFailure() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate();
             SecretBytes material = SecretBytes.copyOf("hunter2".getBytes(StandardCharsets.UTF_8))) {
            final MemoryClient network = new MemoryClient();
            final SentShare sent = HandoffFactory.create(network, state.resolve("a"), InstantSource.system())
                    .send(alice, Optional.of(bob.publicKey()), "p", MaterialKind.GENERIC_SECRET, material, 3600);
            final byte[] value = ((TxtData) sent.record().toTxtRecord().data()).value();
            final Handoff bobs = HandoffFactory.create(network, state.resolve("b"), InstantSource.system());
            try (ReceiveSession session = bobs.receive(bob, sent.uri()); IncomingShare share = session.open()) {
                assertEquals("p", share.envelope().purpose());
            }
            network.publishes = 0;
            for (int i = 0; i < value.length; i++) {
                final byte[] tampered = value.clone();
                tampered[i] ^= 0x01;
                network.put(SignedPacket.build(alice.seed(),
                        List.of(ResourceRecord.txt(DhtLabels.OUTER, 300, tampered))));
                try (ReceiveSession session = bobs.receive(bob, sent.uri())) {
                    final int position = i;
                    assertThrows(SignatureException.class, session::open, () -> "position " + position);
                }
            }
            assertEquals(0, network.publishes);
            assertTrue(value.length > 500, "share is " + value.length + " bytes");
        }
    }

    @Test
    void everyOuterByteFlipFailsCleanly() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate();
             SecretBytes material = SecretBytes.copyOf("hunter2".getBytes(StandardCharsets.UTF_8))) {
            final MemoryClient network = new MemoryClient();
            final SentShare sent = HandoffFactory.create(network, state.resolve("a"), InstantSource.system())
                    .send(alice, Optional.of(bob.publicKey()), "p", MaterialKind.GENERIC_SECRET, material, 3600);
            final byte[] canonical = network.packet(alice.publicKey()).bytes();
            final Handoff bobs = HandoffFactory.create(network, state.resolve("b"), InstantSource.system());
            network.publishes = 0;
            int signatureFailures = 0;
            for (int i = 0; i < canonical.length; i++) {
                final byte[] tampered = canonical.clone();
                tampered[i] ^= 0x01;
                network.raw = tampered;
                try (ReceiveSession session = bobs.receive(bob, sent.uri())) {
                    session.open().close();
                    fail("position " + i + " opened");
                } catch (final SignatureException e) {
                    signatureFailures++;
                } catch (final IOException e) {
                    // a packet that no longer parses: a clean failure, nothing decrypted
                }
            }
            assertEquals(0, network.publishes);
            assertTrue(signatureFailures > canonical.length / 2, signatureFailures + " of " + canonical.length);
        }
    }

    @Test
    void concurrentReceivesOfOneShareBehaveAsOne() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate();
             SecretBytes material = SecretBytes.copyOf("hunter2".getBytes(StandardCharsets.UTF_8))) {
            final MemoryClient network = new MemoryClient();
            final SentShare sent = HandoffFactory.create(network, state.resolve("a"), InstantSource.system())
                    .send(alice, Optional.of(bob.publicKey()), "p", MaterialKind.GENERIC_SECRET, material, 3600);
            final Handoff bobs = HandoffFactory.create(network, state.resolve("b"), InstantSource.system());
            final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
            final java.util.concurrent.atomic.AtomicInteger skipped = new java.util.concurrent.atomic.AtomicInteger();
            final java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            final List<Thread> threads = new java.util.ArrayList<>();
            final java.util.Queue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
            network.publishes = 0;
            for (int i = 0; i < 4; i++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        try (ReceiveSession session = bobs.receive(bob, sent.uri())) {
                            if (session.previous().isPresent()) {
                                skipped.incrementAndGet();
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
            start.countDown();
            for (final Thread thread : threads) {
                thread.join();
            }
            assertTrue(failures.isEmpty(), failures::toString);
            assertEquals(1, accepted.get());
            assertEquals(3, skipped.get());
            assertEquals(1, network.publishes, "one receipt published");
        }
    }

    @Test
    void shareAndReceiptSizes() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate();
             SecretBytes material = SecretBytes.copyOf(new byte[16])) {
            final MemoryClient network = new MemoryClient();
            final SentShare sent = HandoffFactory.create(network, state.resolve("a"), InstantSource.system())
                    .send(alice, Optional.of(bob.publicKey()), "purpose", MaterialKind.GENERIC_SECRET, material, 3600);
            int largest = 0;
            for (int size = 16; size < 1000; size++) {
                try (SecretBytes probe = SecretBytes.copyOf(new byte[size])) {
                    HandoffFactory.create(new MemoryClient(), state.resolve("p"), InstantSource.system()).send(alice,
                            Optional.of(bob.publicKey()), "purpose", MaterialKind.GENERIC_SECRET, probe, 3600);
                    largest = size;
                } catch (final org.cipherpost.wire.PacketTooLargeException e) {
                    break;
                }
            }
            final Handoff bobs = HandoffFactory.create(network, state.resolve("b"), InstantSource.system());
            try (ReceiveSession session = bobs.receive(bob, sent.uri()); IncomingShare share = session.open()) {
                session.accept(share);
            }
            final int receiptPacket = network.packet(bob.publicKey()).packet().length;
            System.out.printf("share packet %d bytes (16-byte secret), receipt packet %d bytes, largest secret %d%n",
                    sent.valueBytes(), receiptPacket, largest);
            assertTrue(largest > 40 && largest < 200, "largest " + largest);
            assertTrue(sent.valueBytes() + receiptPacket > 1000, "a share and a receipt do not share one packet");
        }
    }

    @Test
    void receiptsListInvalidRecordsWithoutFailing() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate();
             SecretBytes material = SecretBytes.copyOf("v".getBytes(StandardCharsets.UTF_8))) {
            final MemoryClient network = new MemoryClient();
            final SentShare sent = HandoffFactory.create(network, state.resolve("a"), InstantSource.system())
                    .send(alice, Optional.of(bob.publicKey()), "p", MaterialKind.GENERIC_SECRET, material, 3600);
            final Handoff bobs = HandoffFactory.create(network, state.resolve("b"), InstantSource.system());
            try (ReceiveSession session = bobs.receive(bob, sent.uri()); IncomingShare share = session.open()) {
                session.accept(share);
            }
            final ResourceRecord good = network.packet(bob.publicKey()).records().get(0);
            final String forged = "{\"accepted_at\":1}";
            network.put(SignedPacket.build(bob.seed(), List.of(good,
                    ResourceRecord.txt(DhtLabels.RECEIPT_PREFIX + "00112233445566778899aabbccddeeff", 300, forged),
                    ResourceRecord.txt(DhtLabels.RECEIPT_PREFIX + "zz", 300, "junk"),
                    ResourceRecord.txt("_unrelated", 300, "x"))));
            final List<org.cipherpost.handoff.ReceiptEntry> entries = bobs.receipts(bob.publicKey());
            assertEquals(3, entries.size(), entries::toString);
            assertTrue(entries.get(0).valid());
            assertEquals(sent.uri().shareRef(), entries.get(0).receipt().orElseThrow().shareRef());
            assertTrue(entries.get(1).receipt().isEmpty());
            assertTrue(entries.get(2).receipt().isEmpty());
            assertTrue(bobs.receipts(alice.publicKey()).isEmpty(), "the sender's packet holds no receipt");
        }
    }
}
