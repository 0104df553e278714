package org.cipherpost.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.cipherpost.dht.testing.TamperingDhtNode;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeException;
import org.cipherpost.wire.BencodeValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Chunked payloads as BEP 44 immutable items on a 10-node loopback testnet, written and read by two clients. */
@Timeout(120)
class ChunkedPayloadsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SIZE = 10;

    private static Testnet testnet;
    private static DhtNode writer;
    private static DhtNode reader;

    @BeforeAll
    static void startNetwork() throws IOException, InterruptedException {
        testnet = Testnet.start(SIZE, template());
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

    private static DhtConfig template() {
        // One client puts ~70 items through 10 nodes: lift the per-source rate limit meant for the open DHT.
        return DhtConfig.builder().requestTimeout(Duration.ofSeconds(2)).operationTimeout(Duration.ofSeconds(15))
                .rateLimit(100_000, 100_000).build();
    }

    @Test
    void payloadsFromOneByteTo64KiBRoundTrip() throws Exception {
        final int[] sizes = {1, 995, 996, 997, 1024, 4096, 996 * 49, 996 * 49 + 1, 16384, 65536, 65536 + 250};
        for (final int size : sizes) {
            final byte[] payload = random(size);
            final ChunkPutReport report = ChunkedPayloads.over(writer).put(payload);
            assertEquals(ChunkedPayloads.describe(payload), report.manifest());
            assertTrue(report.minStored() >= 1, report::toString);
            final byte[] fetched = ChunkedPayloads.over(reader).fetch(report.manifest());
            assertArrayEquals(payload, fetched, "size " + size);
        }
    }

    @Test
    void sixtyFourKiBTakesTwoIndexLevelsAndAManifestOfUnder100Bytes() throws Exception {
        final byte[] payload = random(65536 + 250);
        final ChunkPutReport report = ChunkedPayloads.over(writer).put(payload);
        // 67 data items, 2 index items (49 + 18 targets), 1 root
        assertEquals(67, report.manifest().chunks());
        assertEquals(70, report.items());
        final byte[] encoded = report.manifest().encode();
        assertTrue(encoded.length < 100, () -> "manifest " + encoded.length + " bytes");
        assertEquals(report.manifest(), ChunkManifest.decode(encoded));
    }

    @Test
    void malformedManifestsAreRefused() {
        final ChunkManifest manifest = ChunkedPayloads.describe(random(5000));
        final byte[] encoded = manifest.encode();
        final String text = new String(encoded, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThrows(BencodeException.class, () -> ChunkManifest.decode(latin1(text.replace("1:vi1e", "1:vi2e"))));
        assertThrows(BencodeException.class, () -> ChunkManifest.decode(latin1(text.replace("1:si5000e", "1:si0e"))));
        assertThrows(BencodeException.class, () -> ChunkManifest.decode(latin1(text.replace("1:si5000e",
                "1:si9999999999e"))));
        assertThrows(BencodeException.class, () -> ChunkManifest.decode(latin1(text.replace("1:vi1e",
                "1:vi1e1:xi0e"))));
        assertThrows(BencodeException.class, () -> ChunkManifest.decode(Arrays.copyOf(encoded, encoded.length - 1)));
        assertThrows(BencodeException.class, () -> ChunkManifest.decode(latin1("d1:h3:abc1:r3:abc1:si1e1:vi1ee")));
    }

    @Test
    void missingDataChunkFailsAsNotFound() throws Exception {
        final byte[] payload = random(20_000);
        final byte[] sixth = Arrays.copyOfRange(payload, 5 * ChunkManifest.CHUNK_BYTES, 6 * ChunkManifest.CHUNK_BYTES);
        final DhtNode dropping = TamperingDhtNode.droppingPuts(writer, content -> Arrays.equals(content, sixth));
        final ChunkManifest manifest = ChunkedPayloads.over(dropping).put(payload).manifest();
        final ChunkNotFoundException failure = assertThrows(ChunkNotFoundException.class,
                () -> ChunkedPayloads.over(reader).fetch(manifest));
        assertEquals(1, failure.missing());
    }

    @Test
    void missingIndexItemFailsAsNotFound() throws Exception {
        final byte[] payload = random(60_000);
        final DhtNode dropping = TamperingDhtNode.droppingPuts(writer,
                content -> content.length == ChunkManifest.FAN_OUT * 20);
        final ChunkManifest manifest = ChunkedPayloads.over(dropping).put(payload).manifest();
        assertThrows(ChunkNotFoundException.class, () -> ChunkedPayloads.over(reader).fetch(manifest));
    }

    @Test
    void wrongBytesFromTheDhtLayerFailVerification() throws Exception {
        final byte[] payload = random(10_000);
        final ChunkManifest manifest = ChunkedPayloads.over(writer).put(payload).manifest();
        final UnaryOperator<BencodeValue> flipData = value -> {
            final byte[] bytes = ((BencodeBytes) value).bytes();
            if (bytes.length == ChunkManifest.CHUNK_BYTES) {
                bytes[100] ^= 1;
            }
            return BencodeBytes.of(bytes);
        };
        assertThrows(ChunkIntegrityException.class,
                () -> ChunkedPayloads.over(TamperingDhtNode.rewritingValues(reader, flipData)).fetch(manifest));
        final UnaryOperator<BencodeValue> notBytes = value -> new org.cipherpost.wire.BencodeInteger(7);
        assertThrows(ChunkIntegrityException.class,
                () -> ChunkedPayloads.over(TamperingDhtNode.rewritingValues(reader, notBytes)).fetch(manifest));
    }

    @Test
    void lyingNodeIsSkippedWhileHonestNodesHoldTheItems() throws Exception {
        final byte[] payload = random(30_000);
        final ChunkManifest manifest = ChunkedPayloads.over(writer).put(payload).manifest();
        try (LyingNode liar = new LyingNode(testnet.nodes()); DhtNode victim = clientWith(liar)) {
            assertArrayEquals(payload, ChunkedPayloads.over(victim).fetch(manifest));
            assertTrue(liar.lies() > 0, () -> "the lying node was never asked; contacts " + victim.contacts() + " liar " + liar.address());
        }
    }

    @Test
    void chunkOnlyALyingNodeAnswersForIsNotFound() throws Exception {
        final byte[] payload = random(12_000);
        final byte[] last = Arrays.copyOfRange(payload, 12 * ChunkManifest.CHUNK_BYTES, payload.length);
        final ChunkManifest manifest = ChunkedPayloads.over(TamperingDhtNode.droppingPuts(writer,
                content -> Arrays.equals(content, last))).put(payload).manifest();
        try (LyingNode liar = new LyingNode(testnet.nodes()); DhtNode victim = clientWith(liar)) {
            assertThrows(ChunkNotFoundException.class, () -> ChunkedPayloads.over(victim).fetch(manifest));
            assertTrue(liar.lies() > 0, () -> "the lying node was never asked; contacts " + victim.contacts() + " liar " + liar.address());
        }
    }

    @Test
    void tamperedManifestFailsVerification() throws Exception {
        final byte[] payload = random(50_000);
        final ChunkManifest manifest = ChunkedPayloads.over(writer).put(payload).manifest();
        final ChunkedPayloads fetcher = ChunkedPayloads.over(reader);

        final byte[] hash = manifest.sha256();
        hash[0] ^= 1;
        assertThrows(ChunkIntegrityException.class,
                () -> fetcher.fetch(new ChunkManifest(manifest.size(), hash, manifest.root())));
        for (final long size : List.of(manifest.size() - 1, manifest.size() + 1, 996L * 49 + 1, 500L)) {
            assertThrows(ChunkIntegrityException.class,
                    () -> fetcher.fetch(new ChunkManifest(size, manifest.sha256(), manifest.root())), "size " + size);
        }
        final ChunkManifest other = ChunkedPayloads.over(writer).put(random(50_000)).manifest();
        assertThrows(ChunkIntegrityException.class,
                () -> fetcher.fetch(new ChunkManifest(manifest.size(), manifest.sha256(), other.root())));
        final byte[] unknownRoot = manifest.root();
        unknownRoot[19] ^= 1;
        assertThrows(ChunkNotFoundException.class,
                () -> fetcher.fetch(new ChunkManifest(manifest.size(), manifest.sha256(), unknownRoot)));
    }

    @Test
    void republishPutsTheSameItemsAndRefusesAnotherPayload() throws Exception {
        final byte[] payload = random(8_000);
        final ChunkedPayloads chunks = ChunkedPayloads.over(writer);
        final ChunkPutReport first = chunks.put(payload);
        final ChunkPutReport again = chunks.republish(payload, first.manifest());
        assertEquals(first.manifest(), again.manifest());
        assertEquals(first.items(), again.items());
        assertThrows(IllegalArgumentException.class, () -> chunks.republish(random(8_000), first.manifest()));
        assertArrayEquals(payload, ChunkedPayloads.over(reader).fetch(first.manifest()));
    }

    @Test
    void emptyAndOversizedPayloadsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChunkedPayloads.describe(new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> ChunkedPayloads.describe(new byte[(int) ChunkManifest.MAX_SIZE + 1]));
    }

    private static DhtNode clientWith(final LyingNode liar) throws IOException, InterruptedException {
        final DhtNode node = DhtNode.start(testnet.clientConfig().bootstrap(List.of(liar.address())).build());
        node.bootstrap();
        return node;
    }

    private static byte[] random(final int size) {
        final byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] latin1(final String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
