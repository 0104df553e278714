package org.cipherpost.blob.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.cipherpost.blob.BlobStore;
import org.cipherpost.blob.SealedBlob;
import org.cipherpost.crypto.SecretBytes;

/**
 * A pubky homeserver store holding a signed-in session: blobs go through a {@link StandardHttpBlobStore} that sends
 * the session cookie; closing signs the session out ({@code DELETE /session}) so sessions do not pile up, then
 * wipes the cookie.
 */
public final class StandardPubkyBlobStore implements BlobStore {
    private final URI homeserver;
    private final String user;
    private final SecretBytes cookie;
    private final StandardHttpBlobStore blobs;

    /**
     * Creates the store around a session.
     *
     * @param homeserver homeserver base URI ending in {@code /}
     * @param folder blob folder under the user's root, such as {@code pub/cipherpost/blobs/}
     * @param user the user's z-base-32 key
     * @param cookie session cookie {@code name=secret}; the store takes ownership and wipes it on close
     */
    public StandardPubkyBlobStore(final URI homeserver, final String folder, final String user,
            final SecretBytes cookie) {
        this.homeserver = Objects.requireNonNull(homeserver, "Homeserver URI required");
        this.user = Objects.requireNonNull(user, "User key required");
        this.cookie = Objects.requireNonNull(cookie, "Session cookie required");
        this.blobs = new StandardHttpBlobStore(homeserver.resolve("/" + folder), "pubky-host=" + user,
                Map.of("pubky-host", user), "Cookie", cookie);
    }

    @Override
    public URI put(final SealedBlob blob, final LongConsumer progress) throws IOException, InterruptedException {
        return blobs.put(blob, progress);
    }

    @Override
    public byte[] get(final URI locator, final Path partial, final long size, final LongConsumer progress)
            throws IOException, InterruptedException {
        return blobs.get(locator, partial, size, progress);
    }

    @Override
    public void delete(final URI locator) throws IOException, InterruptedException {
        blobs.delete(locator);
    }

    /** Signs the session out (best effort: an unreachable homeserver keeps it until it expires), then wipes it. */
    @Override
    public void close() {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build()) {
            // java.net.http takes header values as Strings only; the value lives as briefly as the request.
            final HttpRequest request = HttpRequest.newBuilder(homeserver.resolve("/session"))
                    .timeout(Duration.ofSeconds(10)).header("pubky-host", user)
                    .header("Cookie", new String(cookie.bytes(), StandardCharsets.US_ASCII)).DELETE().build();
            client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (final IOException e) {
            // The session stays valid on the homeserver until it expires; nothing secret is in the failure.
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            blobs.close();
            cookie.close();
        }
    }
}
