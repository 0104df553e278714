package org.cipherpost.blob.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.cipherpost.blob.BlobNotFoundException;
import org.cipherpost.blob.BlobStore;
import org.cipherpost.blob.SealedBlob;
import org.cipherpost.crypto.SecretBytes;

/**
 * A blob store speaking plain HTTP: {@code PUT} to upload, {@code GET} with {@code Range} to download and resume,
 * {@code HEAD} to skip an upload already done, {@code DELETE}. Works against WebDAV servers (nginx {@code dav_methods
 * PUT DELETE}) and pubky homeservers; the credential goes only to URIs under the store's base.
 */
public final class StandardHttpBlobStore implements BlobStore, AutoCloseable {
    /** Attempts per transfer before giving up. */
    static final int ATTEMPTS = 4;

    private static final int BUFFER = 256 * 1024;

    private final URI base;
    private final String query;
    private final Map<String, String> headers;
    private final String credentialHeader;
    private final SecretBytes credential;
    private final HttpClient client;

    /**
     * Creates a store.
     *
     * @param base base URI ending in {@code /}; blobs live at {@code base + <sha256 hex>.age}
     * @param query query string added to every blob URI (such as {@code pubky-host=...}), or empty
     * @param headers headers sent with every request
     * @param credentialHeader header carrying the credential, such as {@code Authorization}
     * @param credential full header value (such as {@code Bearer <token>}), or null for none; copied
     */
    public StandardHttpBlobStore(final URI base, final String query, final Map<String, String> headers,
            final String credentialHeader, final SecretBytes credential) {
        this.base = checkBase(Objects.requireNonNull(base, "Base URI required"));
        this.query = Objects.requireNonNull(query, "Query required (empty for none)");
        this.headers = Map.copyOf(Objects.requireNonNull(headers, "Headers required"));
        this.credentialHeader = Objects.requireNonNull(credentialHeader, "Credential header required");
        this.credential = credential == null ? null : SecretBytes.copyOf(credential.bytes());
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(15)).build();
    }

    /**
     * Returns the URI a blob with the given content address is stored under.
     *
     * @param address SHA-256 in lowercase hex
     * @return blob URI
     */
    public URI locate(final String address) {
        return URI.create(base + address + ".age" + (query.isEmpty() ? "" : "?" + query));
    }

    @Override
    public URI put(final SealedBlob blob, final LongConsumer progress) throws IOException, InterruptedException {
        Objects.requireNonNull(blob, "Sealed blob required");
        Objects.requireNonNull(progress, "Progress required");
        final URI uri = locate(blob.address());
        if (storedSize(uri) == blob.size()) {
            progress.accept(blob.size());
            return uri;
        }
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            final HttpRequest request = request(uri).PUT(new CountingPublisher(
                    HttpRequest.BodyPublishers.ofFile(blob.file()), progress))
                    .header("Content-Type", "application/octet-stream").build();
            try {
                final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                final int status = response.statusCode();
                if (status == 200 || status == 201 || status == 204) {
                    final long stored = storedSize(uri);
                    if (stored != blob.size()) {
                        throw new IOException(String.format("Blob store holds [%d] bytes after an upload of [%d]",
                                stored, blob.size()));
                    }
                    return uri;
                }
                if (status < 500) {
                    throw new RefusedException(String.format("Blob store refused the upload: HTTP [%d]%s", status,
                            hint(status)));
                }
                last = new IOException(String.format("Blob store failed the upload: HTTP [%d]", status));
            } catch (final UncheckedIOException e) {
                last = e.getCause();
            } catch (final RefusedException e) {
                throw e;
            } catch (final IOException e) {
                last = e;
            }
            pause(attempt);
        }
        throw new IOException(String.format("Upload failed after [%d] attempts: %s", ATTEMPTS, last.getMessage()),
                last);
    }

    @Override
    public byte[] get(final URI locator, final Path partial, final long size, final LongConsumer progress)
            throws IOException, InterruptedException {
        checkLocator(locator);
        Objects.requireNonNull(partial, "Partial file required");
        Objects.requireNonNull(progress, "Progress required");
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long held = Files.exists(partial, LinkOption.NOFOLLOW_LINKS) ? Files.size(partial) : 0;
            if (held > size) {
                Files.delete(partial);
                held = 0;
            }
            if (held == size) {
                try (BackgroundDigest digest = new BackgroundDigest()) {
                    hashPrefix(partial, held, digest);
                    progress.accept(held);
                    return digest.digest();
                }
            }
            final long have = held;
            final HttpRequest.Builder builder = request(locator).GET();
            if (have > 0) {
                builder.header("Range", "bytes=" + have + "-");
            }
            final AtomicReference<IOException> openFailure = new AtomicReference<>();
            try {
                final HttpResponse<byte[]> response = client.send(builder.build(),
                        info -> subscriber(info, have, partial, size, progress, openFailure));
                if (openFailure.get() != null) {
                    throw openFailure.get();
                }
                final int status = response.statusCode();
                if (status == 404 || status == 410) {
                    throw new BlobNotFoundException(String.format("Blob store has no blob at [%s] (HTTP %d)",
                            withoutQuery(locator), status));
                }
                if (status == 416 && have > 0) {
                    Files.delete(partial);
                    last = new IOException("Blob store refused the resume range");
                    continue;
                }
                if (status != 200 && status != 206) {
                    if (status < 500) {
                        throw new RefusedException(String.format("Blob store refused the download: HTTP [%d]%s",
                                status, hint(status)));
                    }
                    last = new IOException(String.format("Blob store failed the download: HTTP [%d]", status));
                } else if (status == 206 && rangeStart(response.headers()) != have) {
                    Files.deleteIfExists(partial);
                    last = new IOException("Blob store answered another range; restarting");
                    continue;
                } else if (response.body() != null) {
                    return response.body();
                } else {
                    last = new IOException("Blob store ended the download early");
                }
            } catch (final BlobNotFoundException | RefusedException e) {
                throw e;
            } catch (final IOException e) {
                if (e instanceof FileBodySubscriber.OversizeException
                        || e.getCause() instanceof FileBodySubscriber.OversizeException) {
                    Files.deleteIfExists(partial);
                    throw new RefusedException(e.getMessage());
                }
                last = e;
            }
            pause(attempt);
        }
        throw new IOException(String.format("Download failed after [%d] attempts: %s", ATTEMPTS,
                last == null ? "incomplete" : last.getMessage()), last);
    }

    private static HttpResponse.BodySubscriber<byte[]> subscriber(final HttpResponse.ResponseInfo info,
            final long have, final Path partial, final long size, final LongConsumer progress,
            final AtomicReference<IOException> openFailure) {
        final int status = info.statusCode();
        if (status == 200 || status == 206 && rangeStart(info.headers()) == have) {
            try {
                return new FileBodySubscriber(partial, status == 200 ? 0 : have, size, progress);
            } catch (final IOException e) {
                openFailure.set(e);
            }
        }
        return HttpResponse.BodySubscribers.replacing(null);
    }

    @Override
    public void delete(final URI locator) throws IOException, InterruptedException {
        checkLocator(locator);
        final HttpResponse<String> response = client.send(request(locator).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        final int status = response.statusCode();
        if (status != 200 && status != 204 && status != 404 && status != 410) {
            throw new IOException(String.format("Blob store refused the delete: HTTP [%d]%s", status, hint(status)));
        }
    }

    @Override
    public void close() {
        if (credential != null) {
            credential.close();
        }
        client.close();
    }

    private long storedSize(final URI uri) throws IOException, InterruptedException {
        final HttpResponse<Void> response = client.send(request(uri).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            return -1;
        }
        return response.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    private HttpRequest.Builder request(final URI uri) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        headers.forEach(builder::header);
        if (credential != null) {
            // java.net.http takes header values as Strings only; the value lives as briefly as the request.
            builder.header(credentialHeader, new String(credential.bytes(), StandardCharsets.US_ASCII));
        }
        return builder;
    }

    private static void hashPrefix(final Path partial, final long length, final BackgroundDigest digest)
            throws IOException {
        if (length == 0) {
            return;
        }
        try (InputStream in = Files.newInputStream(partial, LinkOption.NOFOLLOW_LINKS)) {
            final byte[] buffer = new byte[BUFFER];
            long left = length;
            while (left > 0) {
                final int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("Partial download shrank while being read");
                }
                update(digest, buffer, n);
                left -= n;
            }
        }
    }

    private static void update(final BackgroundDigest digest, final byte[] buffer, final int length)
            throws IOException {
        try {
            digest.update(buffer, 0, length);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while hashing");
        }
    }

    /** The store answered with a client error: retrying cannot help. */
    private static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the failure.
         *
         * @param message what was refused
         */
        RefusedException(final String message) {
            super(message);
        }
    }

    private static long rangeStart(final HttpHeaders headers) {
        final String range = headers.firstValue("Content-Range").orElse("");
        if (!range.startsWith("bytes ") || range.indexOf('-') < 0) {
            return -1;
        }
        try {
            return Long.parseLong(range.substring(6, range.indexOf('-')).trim());
        } catch (final NumberFormatException e) {
            return -1;
        }
    }

    private void checkLocator(final URI locator) throws IOException {
        Objects.requireNonNull(locator, "Locator required");
        final String text = locator.toString();
        if (!text.startsWith(base.toString()) || locator.getRawFragment() != null
                || locator.getRawPath().contains("/../") || locator.getRawPath().contains("%")) {
            throw new IOException(String.format("Blob locator [%s] is not in this store [%s]", withoutQuery(locator),
                    base));
        }
    }

    private static URI checkBase(final URI base) {
        final String scheme = base.getScheme();
        if (!("https".equals(scheme) || "http".equals(scheme)) || base.getRawAuthority() == null
                || base.getRawQuery() != null || base.getRawUserInfo() != null || !base.getRawPath().endsWith("/")) {
            throw new IllegalArgumentException(String.format(
                    "Blob store URI [%s] not an http(s) URI ending in [/] without user info or query", base));
        }
        return base;
    }

    private static String withoutQuery(final URI uri) {
        final String text = uri.toString();
        final int question = text.indexOf('?');
        return question < 0 ? text : text.substring(0, question);
    }

    private static String hint(final int status) {
        return switch (status) {
            case 401, 403 -> " (check the store's token)";
            case 405 -> " (is PUT enabled on the server?)";
            case 413 -> " (the server's upload size limit is too low)";
            default -> "";
        };
    }

    private static void pause(final int attempt) throws InterruptedException {
        Thread.sleep(200L * attempt);
    }
}
