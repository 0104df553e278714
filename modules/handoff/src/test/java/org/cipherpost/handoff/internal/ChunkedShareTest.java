package org.cipherpost.handoff.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.ChunkIntegrityException;
import org.cipherpost.dht.ChunkNotFoundException;
import org.cipherpost.dht.ChunkedPayloads;
import org.cipherpost.dht.DhtConfig;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.dht.Testnet;
import org.cipherpost.dht.testing.TamperingDhtNode;
import org.cipherpost.handoff.Acceptance;
import org.cipherpost.handoff.HandoffFactory;
import org.cipherpost.handoff.IncomingShare;
import org.cipherpost.handoff.Layout;
import org.cipherpost.handoff.ReceiptEntry;
import org.cipherpost.handoff.ReceiptState;
import org.cipherpost.handoff.ReceiveSession;
import org.cipherpost.handoff.RepublishReport;
import org.cipherpost.handoff.SentShare;
import org.cipherpost.handoff.ShareOptions;
import org.cipherpost.handoff.WrongPinException;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.ItemSalts;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.Receipt;
import org.cipherpost.wire.ShareRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Chunked shares (protocol_version 2) against a 20-node in-process testnet. */
@Timeout(180)
class ChunkedShareTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Testnet testnet;
    private static DhtNode node;
    private static PkarrTransport transport;

    @TempDir
    Path state;

    private final InstantSource clock = InstantSource.system();

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        // One client puts ~70 items through 20 nodes: lift the per-source rate limit meant for the open DHT.
        testnet = Testnet.start(20, DhtConfig.builder().requestTimeout(Duration.ofSeconds(2))
                .operationTimeout(Duration.ofSeconds(15)).rateLimit(100_000, 100_000).build());
        node = DhtNode.start(testnet.clientConfig().build());
        transport = PkarrTransport.dht(node);
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

    private StandardHandoff faulty(final String name, final byte[] root,
                                   final BiFunction<DhtNode, Predicate<byte[]>, DhtNode> fault) {
        final DhtNode wrapped = fault.apply(node, target -> !Arrays.equals(target, root));
        return new StandardHandoff(PkarrClient.create(transport, clock), transport.saltedItems(),
                Optional.of(ChunkedPayloads.over(wrapped)), state.resolve(name), clock);
    }

    private static SentShare send(final StandardHandoff handoff, final Identity from, final Identity to,
                                  final byte[] secret, final ShareOptions options) throws Exception {
        try (SecretBytes material = SecretBytes.copyOf(secret)) {
            return handoff.send(from, Optional.of(to.publicKey()), "chunked", MaterialKind.GENERIC_SECRET, material,
                    3600, options);
        }
    }

    private static byte[] receive(final StandardHandoff handoff, final Identity self, final SentShare sent,
                                  final Optional<SecretBytes> pin) throws Exception {
        try (ReceiveSession session = handoff.receive(self, sent.uri());
             IncomingShare share = session.open(pin)) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final Acceptance acceptance = session.accept(share, m -> out.write(m.bytes()));
            assertEquals(ReceiptState.PUBLISHED, acceptance.state());
            return out.toByteArray();
        }
    }

    @Test
    void oneEightAndSixtyKibRoundTripWithReceiptsOverTheWholeHash() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final StandardHandoff alices = handoff("alice");
            final StandardHandoff bobs = handoff("bob");
            for (final int size : new int[] {1024, 8192, 60 * 1024}) {
                final byte[] secret = new byte[size];
                RANDOM.nextBytes(secret);
                final long t0 = System.nanoTime();
                final SentShare sent = send(alices, alice, bob, secret, ShareOptions.NONE);
                final long t1 = System.nanoTime();
                assertEquals(Layout.CHUNKED, sent.layout());
                assertEquals(OuterRecord.CHUNKED_VERSION, sent.record().protocolVersion());
                final OuterRecord.Chunks chunks = sent.record().chunks().orElseThrow();
                assertTrue(sent.valueBytes() < 1000, "the chunked record fits its item: " + sent.valueBytes());
                assertTrue(sent.mirrorWarning().orElseThrow().contains("v1 readers cannot read"));
                final String json = new String(sent.record().toJson(), StandardCharsets.UTF_8);
                assertFalse(json.contains("\"blob\""), json);
                assertTrue(json.startsWith("{\"chunks\":{\"root\":\""), json);

                assertArrayEquals(secret, receive(bobs, bob, sent, Optional.empty()));
                final long t2 = System.nanoTime();
                System.out.printf("chunked share of %d bytes: record %d bytes, blob %d bytes; 20-node testnet: send"
                        + " %d ms, receive+receipt %d ms%n", size, sent.valueBytes(), chunks.size(),
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);

                final Receipt receipt = alices.receipts(bob.publicKey(), sent.uri().shareRef()).get(0).receipt()
                        .orElseThrow();
                assertArrayEquals(chunks.sha256(), receipt.ciphertextHash(),
                        "the receipt commits to the signed SHA-256 of the whole ciphertext");
                try (ReceiveSession again = bobs.receive(bob, sent.uri())) {
                    assertTrue(again.previous().isPresent(), "a second receive finds the earlier acceptance");
                }
            }
            assertEquals(3, alices.receipts(bob.publicKey()).stream().filter(ReceiptEntry::valid).count());
        }
    }

    @Test
    void smallSharesStayV1Records() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final SentShare sent = send(handoff("alice"), alice, bob, "small".getBytes(StandardCharsets.UTF_8),
                    ShareOptions.NONE);
            assertEquals(Layout.SALTED, sent.layout());
            assertEquals(1, sent.record().protocolVersion());
            assertTrue(sent.record().chunks().isEmpty());
            assertTrue(sent.mirrorWarning().isEmpty(), sent.mirrorWarning()::toString);
        }
    }

    @Test
    void pinAndBurnTogetherOverChunks() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate();
             SecretBytes pin = SecretBytes.copyOf("correct-pin-42".getBytes(StandardCharsets.UTF_8));
             SecretBytes wrong = SecretBytes.copyOf("correct-pin-43".getBytes(StandardCharsets.UTF_8))) {
            final StandardHandoff alices = handoff("alice");
            final SentShare sent = send(alices, alice, bob, "pinned".getBytes(StandardCharsets.UTF_8),
                    new ShareOptions(true, Optional.of(pin)));
            assertEquals(Layout.CHUNKED, sent.layout(), "a PIN share never fits one item");
            assertTrue(sent.record().pinRequired());
            final StandardHandoff bobs = handoff("bob");
            try (ReceiveSession session = bobs.receive(bob, sent.uri())) {
                assertTrue(session.verify().pinRequired());
                assertThrows(WrongPinException.class, () -> session.open(Optional.of(wrong)));
                assertTrue(session.previous().isEmpty());
            }
            try (ReceiveSession session = bobs.receive(bob, sent.uri());
                 IncomingShare share = session.open(Optional.of(pin))) {
                assertTrue(share.envelope().burnAfterRead());
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                final Acceptance acceptance = session.accept(share, m -> out.write(m.bytes()));
                assertEquals("pinned", out.toString(StandardCharsets.UTF_8));
                assertTrue(acceptance.burned());
                final byte[] blob = Base64.getDecoder().decode(Files.readString(state.resolve("alice").resolve("sent")
                        .resolve(sent.uri().shareRef().hex())).lines().filter(line -> line.startsWith("chunks "))
                        .findFirst().orElseThrow().substring("chunks ".length()));
                assertArrayEquals(Hashes.sha256(blob), acceptance.receipt().ciphertextHash());
                assertEquals(sent.record().shareRef(), ShareRef.derive(Arrays.copyOfRange(blob,
                        OuterRecord.PIN_SALT_LENGTH, blob.length), sent.record().createdAt()),
                        "share_ref covers the ciphertext without the salt, as in v1");
            }
        }
    }

    @Test
    void aFlippedChunkFailsVerificationWithNothingWrittenAndNoReceipt() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final byte[] secret = new byte[8192];
            RANDOM.nextBytes(secret);
            final SentShare sent = send(handoff("alice"), alice, bob, secret, ShareOptions.NONE);
            final byte[] root = sent.record().chunks().orElseThrow().root();
            final StandardHandoff bobs = faulty("bob", root, TamperingDhtNode::flippingItems);
            final AtomicBoolean written = new AtomicBoolean();
            try (ReceiveSession session = bobs.receive(bob, sent.uri())) {
                assertThrows(ChunkIntegrityException.class, () -> {
                    try (IncomingShare share = session.open()) {
                        session.accept(share, m -> written.set(true));
                    }
                });
                assertTrue(session.previous().isEmpty());
            }
            assertFalse(written.get());
            assertTrue(transport.saltedItems().orElseThrow().get(bob.publicKey(),
                    ItemSalts.receipt(sent.uri().shareRef())).value().isEmpty(), "no receipt");
        }
    }

    @Test
    void aMissingChunkIsNotFoundWithNothingWrittenAndNoReceipt() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final byte[] secret = new byte[4096];
            RANDOM.nextBytes(secret);
            final SentShare sent = send(handoff("alice"), alice, bob, secret, ShareOptions.NONE);
            final byte[] root = sent.record().chunks().orElseThrow().root();
            final StandardHandoff bobs = faulty("bob", root, TamperingDhtNode::hidingItems);
            try (ReceiveSession session = bobs.receive(bob, sent.uri())) {
                final IOException missing = assertThrows(IOException.class, session::open);
                assertTrue(missing instanceof ChunkNotFoundException, missing::toString);
                assertTrue(session.previous().isEmpty());
            }
            assertTrue(transport.saltedItems().orElseThrow().get(bob.publicKey(),
                    ItemSalts.receipt(sent.uri().shareRef())).value().isEmpty(), "no receipt");
        }
    }

    @Test
    void republishPutsTheChunksAgainFromThePrivateLedger() throws Exception {
        try (Identity alice = Identity.generate(); Identity bob = Identity.generate()) {
            final byte[] secret = new byte[3000];
            RANDOM.nextBytes(secret);
            final StandardHandoff alices = handoff("alice");
            final SentShare sent = send(alices, alice, bob, secret, ShareOptions.NONE);
            final Path file = state.resolve("alice").resolve("sent").resolve(sent.uri().shareRef().hex());
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file)));
            final SentLedger.Entry entry = new SentLedger(state.resolve("alice").resolve("sent"))
                    .read(sent.uri().shareRef()).orElseThrow();
            assertTrue(MessageDigest.isEqual(Hashes.sha256(entry.blobBytes().orElseThrow()),
                    sent.record().chunks().orElseThrow().sha256()));
            assertTrue(alices.republish(sent.uri().shareRef()) > 0);
            final RepublishReport report = alices.republish();
            assertEquals(1, report.shares());
            assertEquals(0, report.sharesFailed());
            assertTrue(PkarrClient.create(transport).resolve(alice.publicKey()).packet().isEmpty(),
                    "a chunked record is not mirrored into the v1 packet");
            assertArrayEquals(secret, receive(handoff("bob"), bob, sent, Optional.empty()));
            assertTrue(Instant.now().getEpochSecond() < sent.record().expiresAt());
            assertEquals(BencodeBytes.of(sent.record().toJson()), transport.saltedItems().orElseThrow()
                    .get(alice.publicKey(), ItemSalts.share(sent.uri().shareRef())).value().orElseThrow().value());
        }
    }
}
