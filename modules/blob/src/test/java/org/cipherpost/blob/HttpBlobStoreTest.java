package org.cipherpost.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.cipherpost.blob.internal.Trees;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.testing.Nginx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP blob store against a real WebDAV nginx on loopback, with tampering and connections cut mid-transfer. */
@Timeout(120)
class HttpBlobStoreTest {
    private static Nginx nginx;
    private static Path serverDir;

    @TempDir
    Path temp;

    @BeforeAll
    static void startNginx() throws Exception {
        serverDir = Files.createTempDirectory("cipherpost-nginx");
        nginx = Nginx.start(serverDir, Nginx.Reads.TOKEN);
    }

    @AfterAll
    static void stopNginx() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (serverDir != null) {
            try (var walk = Files.walk(serverDir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void directoryGoesUpAndComesBackThroughNginx() throws Exception {
        final Path source = Trees.sample(temp.resolve("source"));
        try (AgeIdentity identity = AgeIdentity.generate(); BlobStore store = store(nginx.base())) {
            final SealedBlob blob = LargePayloads.seal(source, List.of(identity.recipient()), temp.resolve("send"));
            final AtomicLong sent = new AtomicLong();
            final URI locator = store.put(blob, sent::set);
            assertEquals(blob.size(), sent.get());
            assertArrayEquals(Files.readAllBytes(blob.file()), Files.readAllBytes(stored(locator)));
            final BlobManifest manifest = BlobManifest.decode(blob.manifest(locator).encode());

            final AtomicLong received = new AtomicLong();
            final Path ciphertext = LargePayloads.fetch(store, manifest, temp.resolve("receive"), received::set);
            assertEquals(blob.size(), received.get());
            LargePayloads.open(ciphertext, List.of(identity), temp.resolve("out"), false);
            Trees.assertSameTree(source, temp.resolve("out"));

            // a second put of the same blob is skipped (HEAD finds it), and delete removes it
            final AtomicLong again = new AtomicLong();
            assertEquals(locator, store.put(blob, again::set));
            store.delete(locator);
            assertFalse(Files.exists(stored(locator)));
            assertThrows(BlobNotFoundException.class,
                    () -> LargePayloads.fetch(store, manifest, temp.resolve("gone"), n -> { }));
        }
    }

    @Test
    void wrongTokenIsRefusedAndStoresNothing() throws Exception {
        final SealedBlob blob = seal(100_000);
        try (SecretBytes wrong = SecretBytes.copyOf("not-the-token".getBytes(StandardCharsets.US_ASCII));
                BlobStore store = BlobStoreFactory.http(nginx.base(), wrong)) {
            final IOException failure = assertThrows(IOException.class, () -> store.put(blob, n -> { }));
            assertTrue(failure.getMessage().contains("401"), failure.getMessage());
        }
        assertFalse(Files.exists(nginx.blobs().resolve(blob.address() + ".age")));
    }

    @Test
    void tamperedBlobFailsTheHashCheckAndIsDiscarded() throws Exception {
        final SealedBlob blob = seal(300_000);
        try (BlobStore store = store(nginx.base())) {
            final URI locator = store.put(blob, n -> { });
            try (RandomAccessFile file = new RandomAccessFile(stored(locator).toFile(), "rw")) {
                file.seek(150_000);
                final int b = file.read();
                file.seek(150_000);
                file.write(b ^ 1);
            }
            final Path spool = temp.resolve("spool");
            assertThrows(BlobIntegrityException.class,
                    () -> LargePayloads.fetch(store, blob.manifest(locator), spool, n -> { }));
            assertEquals(0, Files.list(spool).count(), "the bad download stays in the spool");

            // a manifest claiming another size never reads more than it says
            Files.write(stored(locator), Files.readAllBytes(blob.file()));
            final BlobManifest shorter = new BlobManifest(blob.size() - 10, blob.sha256(), locator);
            assertThrows(IOException.class, () -> LargePayloads.fetch(store, shorter, spool, n -> { }));
            assertEquals(0, Files.list(spool).count());
        }
    }

    @Test
    void interruptedDownloadResumesWithARangeRequest() throws Exception {
        final SealedBlob blob = seal(3_000_000);
        try (BlobStore direct = store(nginx.base())) {
            direct.put(blob, n -> { });
        }
        try (CuttingProxy proxy = new CuttingProxy(nginx.port(), false, 1_000_000, 2);
                BlobStore store = store(proxy.base())) {
            final URI locator = URI.create(proxy.base() + blob.address() + ".age");
            final Path ciphertext = LargePayloads.fetch(store, blob.manifest(locator), temp.resolve("spool"),
                    n -> { });
            assertArrayEquals(Files.readAllBytes(blob.file()), Files.readAllBytes(ciphertext));
            assertEquals(2, proxy.cuts());
            assertTrue(proxy.rangeRequests() >= 2, () -> "range requests " + proxy.rangeRequests());
        }
    }

    @Test
    void downloadCutEveryTimeFailsCleanlyAndResumesLater() throws Exception {
        final SealedBlob blob = seal(2_000_000);
        try (BlobStore direct = store(nginx.base())) {
            direct.put(blob, n -> { });
        }
        final Path spool = temp.resolve("spool");
        try (CuttingProxy proxy = new CuttingProxy(nginx.port(), false, 300_000, 100);
                BlobStore store = store(proxy.base())) {
            final URI locator = URI.create(proxy.base() + blob.address() + ".age");
            assertThrows(IOException.class, () -> LargePayloads.fetch(store, blob.manifest(locator), spool, n -> { }));
            final Path partial = spool.resolve(blob.address() + ".age.part");
            assertTrue(Files.size(partial) > 0 && Files.size(partial) < blob.size());
            assertFalse(Files.exists(spool.resolve(blob.address() + ".age")), "nothing verified yet");
        }
        try (CuttingProxy proxy = new CuttingProxy(nginx.port(), false, 300_000, 0);
                BlobStore store = store(proxy.base())) {
            final URI locator = URI.create(proxy.base() + blob.address() + ".age");
            final Path ciphertext = LargePayloads.fetch(store, blob.manifest(locator), spool, n -> { });
            assertArrayEquals(Files.readAllBytes(blob.file()), Files.readAllBytes(ciphertext));
            assertEquals(1, proxy.rangeRequests());
        }
    }

    @Test
    void interruptedUploadRetriesOrFailsWithoutAPartialBlob() throws Exception {
        final SealedBlob blob = seal(2_000_000);
        final Path onServer = nginx.blobs().resolve(blob.address() + ".age");
        try (CuttingProxy proxy = new CuttingProxy(nginx.port(), true, 500_000, 100);
                BlobStore store = store(proxy.base())) {
            assertThrows(IOException.class, () -> store.put(blob, n -> { }));
            assertTrue(proxy.cuts() >= 1);
        }
        assertFalse(Files.exists(onServer), "nginx keeps no partial upload");
        try (CuttingProxy proxy = new CuttingProxy(nginx.port(), true, 500_000, 1);
                BlobStore store = store(proxy.base())) {
            store.put(blob, n -> { });
            assertEquals(1, proxy.cuts());
        }
        assertArrayEquals(Files.readAllBytes(blob.file()), Files.readAllBytes(onServer));
    }

    @Test
    void locatorOutsideTheStoreIsRefusedSoTheTokenStaysHome() throws Exception {
        try (BlobStore store = store(nginx.base())) {
            final Path partial = temp.resolve("p");
            for (final String other : new String[] {"http://127.0.0.1:1/blobs/x.age", "http://evil.example/blobs/x",
                    nginx.base() + "../secret"}) {
                assertThrows(IOException.class, () -> store.get(URI.create(other), partial, 10, n -> { }), other);
            }
            assertFalse(Files.exists(partial));
        }
    }

    private SealedBlob seal(final int size) throws Exception {
        final Path source = Files.createDirectories(temp.resolve("src-" + size));
        final byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Files.write(source.resolve("data.bin"), data);
        try (AgeIdentity identity = AgeIdentity.generate()) {
            return LargePayloads.seal(source, List.of(identity.recipient()), temp.resolve("sealed-" + size));
        }
    }

    private static Path stored(final URI locator) {
        final String path = locator.getPath();
        return nginx.blobs().resolve(path.substring(path.lastIndexOf('/') + 1));
    }

    private static BlobStore store(final URI base) {
        try (SecretBytes token = SecretBytes.copyOf(Nginx.TOKEN.getBytes(StandardCharsets.US_ASCII))) {
            return BlobStoreFactory.http(base, token);
        }
    }
}
