package org.cipherpost.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.cipherpost.blob.internal.PubkyAuthToken;
import org.cipherpost.blob.internal.PubkySignIn;
import org.cipherpost.blob.internal.StandardPubkyBlobStore;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.testing.PubkyHomeserver;
import org.cipherpost.wire.ZBase32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing in to a pubky homeserver with the user's own key, against a stand-in that verifies tokens per the spec. */
class PubkySignInTest {
    private static final String CAPS = "/pub/cipherpost/blobs/:rw";

    @TempDir
    Path temp;

    private PubkyHomeserver homeserver;
    private SecretBytes seed;
    private String user;

    @BeforeEach
    void start() throws IOException {
        homeserver = PubkyHomeserver.start();
        seed = Ed25519.generateSeed();
        user = ZBase32.encode(Ed25519.publicKey(seed));
        homeserver.signUp(user);
    }

    @AfterEach
    void stop() {
        homeserver.close();
        seed.close();
    }

    private static long now() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    @Test
    void signedInStoreWritesUnderTheUsersPubAndAnyoneReadsIt() throws Exception {
        final Path source = Files.createDirectories(temp.resolve("workspace"));
        Files.writeString(source.resolve("README"), "hello homeserver");
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final SealedBlob blob = LargePayloads.seal(source, List.of(identity.recipient()), temp.resolve("spool"));
            final URI locator;
            try (BlobStore writer = BlobStoreFactory.pubkySignIn(homeserver.base(), seed)) {
                assertEquals(1, homeserver.sessions());
                locator = writer.put(blob, n -> { });
            }
            assertEquals(0, homeserver.sessions(), "closing the store signs the session out");
            assertEquals("/pub/cipherpost/blobs/" + blob.address() + ".age", locator.getPath());
            assertEquals("pubky-host=" + user, locator.getQuery());
            assertArrayEquals(Files.readAllBytes(blob.file()), homeserver.file(user, locator.getPath()));

            try (BlobStore reader = BlobStoreFactory.pubky(homeserver.base(), user, null)) {
                final Path ciphertext = LargePayloads.fetch(reader, blob.manifest(locator), temp.resolve("in"),
                        n -> { });
                LargePayloads.open(ciphertext, List.of(identity), temp.resolve("out"), false);
            }
            assertEquals("hello homeserver", Files.readString(temp.resolve("out/README")));
            assertEquals(List.of(), homeserver.refusals());
        }
    }

    @Test
    void tokenFollowsTheSpecLayout() throws IOException {
        final long micros = now();
        final byte[] token = PubkyAuthToken.sign(seed, CAPS, micros);
        assertEquals(64 + 10 + 1 + 8 + 32 + 1 + CAPS.length(), token.length);
        assertArrayEquals("PUBKY:AUTH".getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(token, 64, 74));
        assertEquals(0, token[74]);
        assertEquals(micros, java.nio.ByteBuffer.wrap(token, 75, 8).getLong());
        assertArrayEquals(Ed25519.publicKey(seed), Arrays.copyOfRange(token, 83, 115));
        assertEquals(CAPS.length(), token[115]);
        assertEquals(user + " " + CAPS, PubkyHomeserver.verify(token, micros));

        final String longCaps = CAPS + "," + "/pub/" + "x".repeat(150) + "/:r";
        final byte[] varint = PubkyAuthToken.sign(seed, longCaps, micros);
        assertEquals(user + " " + longCaps, PubkyHomeserver.verify(varint, micros), "two-byte length prefix");
        assertThrows(IllegalArgumentException.class, () -> PubkyAuthToken.sign(seed, "pub/x:rw", micros));
        assertThrows(IllegalArgumentException.class, () -> PubkyAuthToken.sign(seed, "/pub/x:rx", micros));
    }

    @Test
    void badTokensAreRefused() throws Exception {
        final long micros = now();
        final byte[] good = PubkyAuthToken.sign(seed, CAPS, micros);
        for (final int index : new int[] {0, 63, 65, 80, 100, good.length - 1}) {
            final byte[] bad = good.clone();
            bad[index] ^= 0x01;
            assertThrows(IOException.class, () -> PubkyHomeserver.verify(bad, micros), "flip at " + index);
        }
        final byte[] version = good.clone();
        version[74] = 1;
        assertEquals("unknown version", assertThrows(IOException.class,
                () -> PubkyHomeserver.verify(version, micros)).getMessage());
        final byte[] truncated = Arrays.copyOf(good, good.length - 1);
        assertThrows(IOException.class, () -> PubkyHomeserver.verify(truncated, micros));

        final Duration skew = Duration.ofSeconds(60);
        final IOException expired = assertThrows(IOException.class, () -> BlobStoreFactory.pubkySignIn(
                homeserver.base(), seed, InstantSource.offset(java.time.Clock.systemUTC(), skew.negated())));
        assertTrue(expired.getMessage().contains("HTTP [401]"), expired.getMessage());
        assertThrows(IOException.class, () -> BlobStoreFactory.pubkySignIn(homeserver.base(), seed,
                InstantSource.offset(java.time.Clock.systemUTC(), skew)));
        assertEquals(List.of("token expired", "token too far in the future"), homeserver.refusals());

        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            final HttpRequest post = HttpRequest.newBuilder(homeserver.base().resolve("/session"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(good)).build();
            assertEquals(201, client.send(post, HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(401, client.send(post, HttpResponse.BodyHandlers.discarding()).statusCode(), "replay");
        }
        assertTrue(homeserver.refusals().contains("token already used"), homeserver.refusals().toString());
        assertEquals(0, homeserver.refusals().stream().filter(r -> r.contains("signature")).count());
    }

    @Test
    void unknownUsersAndReadOnlySessionsCannotWrite() throws Exception {
        try (SecretBytes stranger = Ed25519.generateSeed()) {
            final IOException unknown = assertThrows(IOException.class,
                    () -> BlobStoreFactory.pubkySignIn(homeserver.base(), stranger));
            assertTrue(unknown.getMessage().contains("sign up there first"), unknown.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> BlobStoreFactory.pubkySignIn(
                URI.create("http://user@" + homeserver.base().getRawAuthority() + "/"), seed));
        assertThrows(IllegalArgumentException.class, () -> BlobStoreFactory.pubkySignIn(URI.create("file:///x/"),
                seed));
        assertEquals(List.of("no such user"), homeserver.refusals(), "nothing sent to a malformed homeserver URI");
        final Path source = Files.createDirectories(temp.resolve("src"));
        Files.writeString(source.resolve("a"), "a");
        try (AgeIdentity identity = AgeIdentity.generate();
                BlobStore readOnly = new StandardPubkyBlobStore(homeserver.base(), BlobStoreFactory.PUBKY_FOLDER,
                        user, PubkySignIn.signIn(homeserver.base(), seed, "/pub/cipherpost/blobs/:r",
                                InstantSource.system()))) {
            final SealedBlob blob = LargePayloads.seal(source, List.of(identity.recipient()), temp.resolve("spool"));
            final IOException refused = assertThrows(IOException.class, () -> readOnly.put(blob, n -> { }));
            assertTrue(refused.getMessage().contains("403"), refused.getMessage());
        }
        assertTrue(homeserver.refusals().stream().anyMatch(r -> r.startsWith("session cannot write")),
                homeserver.refusals().toString());
        assertEquals(0, homeserver.sessions());
    }
}
