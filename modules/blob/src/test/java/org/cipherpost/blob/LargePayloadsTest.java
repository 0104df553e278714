package org.cipherpost.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.stream.Stream;
import org.cipherpost.blob.internal.Trees;
import org.cipherpost.crypto.AgeIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seal and open without a network: age around the streamed tar, staging, and no partial output on failure. */
class LargePayloadsTest {
    @TempDir
    Path temp;

    @Test
    void sealedDirectoryOpensIntoANewTarget() throws Exception {
        final Path source = Trees.sample(temp.resolve("source"));
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final SealedBlob blob = LargePayloads.seal(source, List.of(identity.recipient()), temp.resolve("spool"));
            assertEquals(Files.size(blob.file()), blob.size());
            assertTrue(blob.file().getFileName().toString().startsWith(blob.address()));
            final Unpacked unpacked = LargePayloads.open(blob.file(), List.of(identity), temp.resolve("out"), false);
            Trees.assertSameTree(source, temp.resolve("out"));
            assertTrue(unpacked.bytes() > 1_000_000);
            assertEquals(List.of("out", "source", "spool"), names(temp));
        }
    }

    @Test
    void ciphertextDecryptsWithTheAgeCliAndUntarsWithGnuTar() throws Exception {
        final Path source = Trees.sample(temp.resolve("source"));
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final SealedBlob blob = LargePayloads.seal(source, List.of(identity.recipient()), temp.resolve("spool"));
            final Path key = temp.resolve("key.txt");
            Files.write(key, identity.encode().bytes());
            final Path out = Files.createDirectory(temp.resolve("out"));
            final Process process = new ProcessBuilder("sh", "-c", "age -d -i \"$1\" \"$2\" | tar -x -C \"$3\"", "sh",
                    key.toString(), blob.file().toString(), out.toString()).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes());
            assertEquals(0, process.waitFor(), output);
            Trees.assertSameTree(source, out);
        }
    }

    @Test
    void nonEmptyTargetIsRefusedUnlessAskedAndNeverOverwritten() throws Exception {
        final Path source = Files.createDirectories(temp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "new");
        final Path target = Files.createDirectories(temp.resolve("target"));
        Files.writeString(target.resolve("keep.txt"), "old");
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final SealedBlob blob = LargePayloads.seal(source, List.of(identity.recipient()), temp.resolve("spool"));
            assertThrows(IOException.class, () -> LargePayloads.open(blob.file(), List.of(identity), target, false));
            LargePayloads.open(blob.file(), List.of(identity), target, true);
            assertEquals("new", Files.readString(target.resolve("a.txt")));
            assertEquals("old", Files.readString(target.resolve("keep.txt")));
            assertThrows(UnsafeArchiveException.class,
                    () -> LargePayloads.open(blob.file(), List.of(identity), target, true));
            assertEquals("new", Files.readString(target.resolve("a.txt")));
            assertEquals(List.of("source", "spool", "target"), names(temp));
        }
    }

    @Test
    void wrongKeyOrTamperedCiphertextLeavesNothingBehind() throws Exception {
        final Path source = Files.createDirectories(temp.resolve("source"));
        // several files over several age chunks, so that early files are unpacked before the bad chunk
        for (int i = 0; i < 5; i++) {
            final byte[] data = new byte[700_000];
            new java.util.Random(i).nextBytes(data);
            Files.write(source.resolve("f" + i), data);
        }
        try (AgeIdentity identity = AgeIdentity.generate(); AgeIdentity stranger = AgeIdentity.generate()) {
            final SealedBlob blob = LargePayloads.seal(source, List.of(identity.recipient()), temp.resolve("spool"));
            assertThrows(GeneralSecurityException.class,
                    () -> LargePayloads.open(blob.file(), List.of(stranger), temp.resolve("out"), false));
            assertEquals(List.of("source", "spool"), names(temp));
            try (RandomAccessFile file = new RandomAccessFile(blob.file().toFile(), "rw")) {
                file.seek(blob.size() - 1000);
                final int b = file.read();
                file.seek(blob.size() - 1000);
                file.write(b ^ 0x40);
            }
            assertThrows(GeneralSecurityException.class,
                    () -> LargePayloads.open(blob.file(), List.of(identity), temp.resolve("out"), false));
            assertEquals(List.of("source", "spool"), names(temp));
            try (RandomAccessFile file = new RandomAccessFile(blob.file().toFile(), "rw")) {
                file.setLength(blob.size() - 70_000);
            }
            final Exception truncated = assertThrows(Exception.class,
                    () -> LargePayloads.open(blob.file(), List.of(identity), temp.resolve("out"), false));
            assertTrue(truncated instanceof IOException || truncated instanceof GeneralSecurityException,
                    truncated::toString);
            assertEquals(List.of("source", "spool"), names(temp));
        }
    }

    @Test
    void manifestRoundTripsAndRefusesBadLocators() throws Exception {
        final BlobManifest manifest = new BlobManifest(12345, new byte[32],
                java.net.URI.create("https://hs.example/pub/cipherpost/blobs/00.age?pubky-host=x"));
        assertEquals(manifest, BlobManifest.decode(manifest.encode()));
        for (final String bad : new String[] {"file:///etc/passwd", "ftp://x/y", "https://user@host/x", "/relative"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new BlobManifest(1, new byte[32], java.net.URI.create(bad)), bad);
        }
    }

    private static List<String> names(final Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
