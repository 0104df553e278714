package org.cipherpost.handoff.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.dht.Testnet;
import org.cipherpost.handoff.Acceptance;
import org.cipherpost.handoff.Handoff;
import org.cipherpost.handoff.HandoffFactory;
import org.cipherpost.handoff.IncomingShare;
import org.cipherpost.handoff.MaterialTooLargeException;
import org.cipherpost.handoff.ReceiptEntry;
import org.cipherpost.handoff.ReceiptState;
import org.cipherpost.handoff.ReceiveSession;
import org.cipherpost.handoff.SentShare;
import org.cipherpost.handoff.ShareExpiredException;
import org.cipherpost.handoff.WrongRecipientException;
import org.cipherpost.wire.DhtLabels;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.wire.PacketTooLargeException;
import org.cipherpost.wire.ResourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The handoff flows against an in-process testnet. */
@Timeout(120)
class StandardHandoffTest {
    private static Testnet testnet;
    private static DhtNode node;
    private static PkarrTransport transport;

    @TempDir
    Path state;

    private final AtomicLong now = new AtomicLong(Instant.now().getEpochSecond());
    private final InstantSource clock = () -> Instant.ofEpochSecond(now.get());

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        testnet = Testnet.start(20);
        node = DhtNode.start(testnet.clientConfig().build());
        transport = PkarrTransport.dht(node);
    }

    @AfterAll
    static void stop() {
        transport.close();
        node.close();
        testnet.close();
    }

    private Handoff handoff(final String name) {
        return HandoffFactory.create(PkarrClient.create(transport), state.resolve(name), clock);
    }

    private static SecretBytes secret(final String text) {
        return SecretBytes.copyOf(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shareReceiveAndReceiptKeepOtherRecords() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final PkarrClient client = PkarrClient.create(transport);
            client.publish(bob.seed(), List.of(ResourceRecord.txt("_other", 300, "kept")));
            final SentShare sent;
            try (SecretBytes material = secret("hunter2")) {
                sent = handoff("alice").send(alice, Optional.of(bob.publicKey()), "db password",
                        MaterialKind.GENERIC_SECRET, material, 3600);
            }
            final Handoff bobs = handoff("bob");
            try (ReceiveSession session = bobs.receive(bob, sent.uri())) {
                assertTrue(session.previous().isEmpty());
                try (IncomingShare share = session.open()) {
                    assertArrayEquals("hunter2".getBytes(StandardCharsets.UTF_8),
                            share.envelope().material().bytes().bytes());
                    assertEquals("db password", share.envelope().purpose());
                    final Acceptance acceptance = session.accept(share);
                    assertEquals(ReceiptState.PUBLISHED, acceptance.state());
                }
            }
            final List<ResourceRecord> records = client.resolve(bob.publicKey()).packet().orElseThrow().records();
            assertTrue(records.stream().anyMatch(r -> r.name().equals("_other")), records::toString);
            final List<ReceiptEntry> receipts = bobs.receipts(bob.publicKey());
            assertEquals(1, receipts.size());
            assertTrue(receipts.get(0).valid());
            assertEquals(DhtLabels.receipt(sent.uri().shareRef()), receipts.get(0).label());
            assertArrayEquals(alice.publicKey(), receipts.get(0).receipt().orElseThrow().senderPublicKey());
            try (ReceiveSession again = bobs.receive(bob, sent.uri())) {
                assertEquals(ReceiptState.PUBLISHED, again.previous().orElseThrow().state());
            }
        }
    }

    @Test
    void wrongRecipientAndExpiryAreRefusedBeforeDecryption() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate();
             Identity carol = Identity.generate(); SecretBytes material = secret("x")) {
            final SentShare sent = handoff("alice").send(alice, Optional.of(bob.publicKey()), "p",
                    MaterialKind.GENERIC_SECRET, material, 60);
            try (ReceiveSession session = handoff("carol").receive(carol, sent.uri())) {
                assertThrows(WrongRecipientException.class, session::open);
            }
            now.addAndGet(60);
            try (ReceiveSession session = handoff("bob").receive(bob, sent.uri())) {
                final ShareExpiredException expired = assertThrows(ShareExpiredException.class, session::open);
                assertEquals(sent.record().createdAt() + 60, expired.expiresAt());
                assertFalse(session.previous().isPresent());
            }
        }
    }

    @Test
    void selfShareNeedsNoReceiptAndCapsAreCheckedBeforePublishing() throws Exception {
        try (Identity alice = Identity.generate()) {
            final SentShare sent;
            try (SecretBytes material = secret("self")) {
                sent = handoff("alice").send(alice, Optional.empty(), "mine", MaterialKind.GENERIC_SECRET,
                        material, 3600);
            }
            assertTrue(sent.valueBytes() <= 1000);
            try (ReceiveSession session = handoff("alice").receive(alice, sent.uri());
                 IncomingShare share = session.open()) {
                assertEquals(ReceiptState.NOT_NEEDED, session.accept(share).state());
            }
            try (SecretBytes big = SecretBytes.wrap(new byte[Handoff.MAX_MATERIAL_BYTES + 1])) {
                assertThrows(MaterialTooLargeException.class, () -> handoff("alice").send(alice, Optional.empty(),
                        "p", MaterialKind.GENERIC_SECRET, big, 60));
            }
            try (SecretBytes large = SecretBytes.wrap(new byte[2000])) {
                final PacketTooLargeException tooLarge = assertThrows(PacketTooLargeException.class,
                        () -> handoff("alice").send(alice, Optional.empty(), "p", MaterialKind.GENERIC_SECRET,
                                large, 60));
                assertTrue(tooLarge.size() > 1000);
            }
        }
    }
}
