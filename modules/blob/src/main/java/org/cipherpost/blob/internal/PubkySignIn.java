package org.cipherpost.blob.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.ZBase32;

/**
 * Signs in to a pubky homeserver with the user's own key: {@code POST /session} with a fresh {@link PubkyAuthToken}
 * as the body; the homeserver answers with a session cookie named after the user's z-base-32 key. Only the cookie
 * ({@code name=secret}, ready for a {@code Cookie} header) is kept, as secret bytes.
 */
public final class PubkySignIn {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private PubkySignIn() {
    }

    /**
     * Signs in and returns the session cookie.
     *
     * @param homeserver homeserver base URI ending in {@code /}
     * @param seed the user's Ed25519 seed
     * @param capabilities capabilities to ask for, such as {@code /pub/cipherpost/blobs/:rw}
     * @param clock source of the token's timestamp
     * @return {@code <z32>=<secret>} as secret bytes; the caller closes it
     * @throws IOException when the homeserver refuses or answers without a session cookie
     * @throws InterruptedException when interrupted
     */
    public static SecretBytes signIn(final URI homeserver, final SecretBytes seed, final String capabilities,
            final InstantSource clock) throws IOException, InterruptedException {
        Objects.requireNonNull(homeserver, "Homeserver URI required");
        Objects.requireNonNull(clock, "Clock required");
        final String user = ZBase32.encode(Ed25519.publicKey(Objects.requireNonNull(seed, "Signing seed required")));
        final long micros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, clock.instant());
        final byte[] token = PubkyAuthToken.sign(seed, capabilities, micros);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build()) {
            final HttpRequest request = HttpRequest.newBuilder(homeserver.resolve("/session")).timeout(TIMEOUT)
                    .header("pubky-host", user).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(token)).build();
            final HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            final int status = response.statusCode();
            if (status == 404) {
                throw new IOException(String.format("Homeserver [%s] has no account for [%s]: sign up there first",
                        homeserver, user));
            }
            if (status != 200 && status != 201) {
                throw new IOException(String.format("Homeserver [%s] refused the sign-in of [%s]: HTTP [%d]",
                        homeserver, user, status));
            }
            return cookie(response.headers().allValues("set-cookie"), user, homeserver);
        } finally {
            Arrays.fill(token, (byte) 0);
        }
    }

    /** Picks the session cookie named after the user (bare z32, or with the {@code pubky} prefix). */
    private static SecretBytes cookie(final List<String> setCookies, final String user, final URI homeserver)
            throws IOException {
        for (final String header : setCookies) {
            final int end = header.indexOf(';') < 0 ? header.length() : header.indexOf(';');
            final int equals = header.indexOf('=');
            if (equals < 0 || equals > end) {
                continue;
            }
            final String name = header.substring(0, equals).strip();
            if (!name.equals(user) && !name.equals("pubky" + user)) {
                continue;
            }
            final byte[] pair = header.substring(0, end).strip().getBytes(StandardCharsets.US_ASCII);
            for (final byte b : pair) {
                if (b < 0x21 || b > 0x7e || b == ',') {
                    Arrays.fill(pair, (byte) 0);
                    throw new IOException("Homeserver's session cookie is not a plain cookie value");
                }
            }
            if (pair.length == equals + 1) {
                Arrays.fill(pair, (byte) 0);
                throw new IOException("Homeserver's session cookie is empty");
            }
            return SecretBytes.wrap(pair);
        }
        throw new IOException(String.format("Homeserver [%s] signed [%s] in but set no session cookie", homeserver,
                user));
    }
}
