package org.cipherpost.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.testing.Nginx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pubky store's requests against an nginx stand-in that enforces the homeserver client API's rules for tenant
 * files (openapi-client.yml): {@code pubky-host} names the tenant, writes need the session's bearer token, reads of
 * {@code /pub/} are public. Not a real homeserver: signing in to get the token is not implemented.
 */
class PubkyBlobStoreTest {
    private static Nginx nginx;
    private static Path serverDir;

    @TempDir
    Path temp;

    @BeforeAll
    static void startNginx() throws Exception {
        serverDir = Files.createTempDirectory("cipherpost-pubky");
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
    void blobIsWrittenUnderPubAndReadWithoutAToken() throws Exception {
        final Path source = Files.createDirectories(temp.resolve("workspace"));
        Files.writeString(source.resolve("README"), "hello pubky");
        try (AgeIdentity identity = AgeIdentity.generate();
                SecretBytes token = SecretBytes.copyOf(Nginx.TOKEN.getBytes(StandardCharsets.US_ASCII));
                BlobStore writer = BlobStoreFactory.pubky(nginx.root(), Nginx.PUBKY_USER, token);
                BlobStore reader = BlobStoreFactory.pubky(nginx.root(), Nginx.PUBKY_USER, null)) {
            final SealedBlob blob = LargePayloads.seal(source, List.of(identity.recipient()), temp.resolve("spool"));
            final URI locator = writer.put(blob, n -> { });
            assertEquals("/pub/cipherpost/blobs/" + blob.address() + ".age", locator.getPath());
            assertEquals("pubky-host=" + Nginx.PUBKY_USER, locator.getQuery());
            assertArrayEquals(Files.readAllBytes(blob.file()), Files.readAllBytes(
                    nginx.blobs().getParent().resolve("pub/cipherpost/blobs/" + blob.address() + ".age")));

            final Path ciphertext = LargePayloads.fetch(reader, blob.manifest(locator), temp.resolve("in"), n -> { });
            LargePayloads.open(ciphertext, List.of(identity), temp.resolve("out"), false);
            assertEquals("hello pubky", Files.readString(temp.resolve("out/README")));

            final IOException anonymousWrite = assertThrows(IOException.class, () -> reader.put(
                    LargePayloads.seal(source, List.of(identity.recipient()), temp.resolve("spool2")), n -> { }));
            assertTrue(anonymousWrite.getMessage().contains("401"), anonymousWrite.getMessage());
        }
    }

    @Test
    void badUserKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BlobStoreFactory.pubky(nginx.root(), "not-a-key", null));
        assertThrows(IllegalArgumentException.class,
                () -> BlobStoreFactory.pubky(nginx.root(), Nginx.PUBKY_USER.toUpperCase(java.util.Locale.ROOT), null));
    }
}
