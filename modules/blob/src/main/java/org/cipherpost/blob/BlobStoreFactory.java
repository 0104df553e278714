package org.cipherpost.blob;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import org.cipherpost.blob.internal.PubkySignIn;
import org.cipherpost.blob.internal.StandardHttpBlobStore;
import org.cipherpost.blob.internal.StandardPubkyBlobStore;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.ZBase32;

/**
 * Creates the built-in blob stores.
 */
public final class BlobStoreFactory {
    /** Folder under a pubky user's public root that holds cipherpost blobs. */
    public static final String PUBKY_FOLDER = "pub/cipherpost/blobs/";

    private BlobStoreFactory() {
    }

    /**
     * Returns a plain HTTP store: {@code PUT}/{@code GET}/{@code HEAD}/{@code DELETE} of {@code <base><sha256>.age},
     * with {@code Authorization: Bearer <token>} when a token is given (sent only to URIs under the base).
     *
     * @param base http(s) URI ending in {@code /}, such as a WebDAV folder
     * @param token bearer token, or null for an open store; copied
     * @return store; close it to wipe its copy of the token
     */
    public static BlobStore http(final URI base, final SecretBytes token) {
        return new StandardHttpBlobStore(base, "", Map.of(), "Authorization", bearer(token));
    }

    /**
     * Returns a store on a pubky homeserver: blobs at {@code <homeserver>/pub/cipherpost/blobs/<sha256>.age} of the
     * given user, the user named by the {@code pubky-host} header and query parameter, so that the locator alone
     * lets anyone holding it read the blob (public path, unguessable name); writes carry the session's bearer token.
     *
     * @param homeserver homeserver client API base URI ending in {@code /}, such as {@code https://hs.example/}
     * @param userZ32 the user's public key in z-base-32 (52 characters)
     * @param sessionToken bearer token of a homeserver session with write access to {@code /pub/cipherpost/}, or
     *        null for a read-only store
     * @return store; close it to wipe its copy of the token
     */
    public static BlobStore pubky(final URI homeserver, final String userZ32, final SecretBytes sessionToken) {
        Objects.requireNonNull(homeserver, "Homeserver URI required");
        Objects.requireNonNull(userZ32, "User key required");
        if (!userZ32.matches("[ybndrfg8ejkmcpqxot1uwisza345h769]{52}")) {
            throw new IllegalArgumentException("User key not a 52-character z-base-32 key");
        }
        final URI base = homeserver.resolve("/" + PUBKY_FOLDER);
        return new StandardHttpBlobStore(base, "pubky-host=" + userZ32, Map.of("pubky-host", userZ32),
                "Authorization", bearer(sessionToken));
    }

    /**
     * Signs in to a pubky homeserver with the user's own Ed25519 key (a pubky AuthToken asking only for
     * {@code /pub/cipherpost/blobs/:rw}, posted to {@code /session}) and returns a store writing under that user's
     * {@code /pub/cipherpost/blobs/}. Closing the store signs the session out and wipes the session cookie.
     *
     * @param homeserver homeserver client API base URI ending in {@code /}, such as {@code https://hs.example/}
     * @param signingSeed the user's 32-byte Ed25519 seed; not kept
     * @return signed-in store
     * @throws IOException when the homeserver cannot be reached, has no account for the key or refuses the token
     * @throws InterruptedException when interrupted
     */
    public static BlobStore pubkySignIn(final URI homeserver, final SecretBytes signingSeed)
            throws IOException, InterruptedException {
        return pubkySignIn(homeserver, signingSeed, InstantSource.system());
    }

    /**
     * Signs in to a pubky homeserver as {@link #pubkySignIn(URI, SecretBytes)} does, with a given clock.
     *
     * @param homeserver homeserver client API base URI ending in {@code /}
     * @param signingSeed the user's 32-byte Ed25519 seed; not kept
     * @param clock source of the AuthToken's timestamp
     * @return signed-in store
     * @throws IOException when the homeserver cannot be reached, has no account for the key or refuses the token
     * @throws InterruptedException when interrupted
     */
    public static BlobStore pubkySignIn(final URI homeserver, final SecretBytes signingSeed,
            final InstantSource clock) throws IOException, InterruptedException {
        Objects.requireNonNull(homeserver, "Homeserver URI required");
        Objects.requireNonNull(signingSeed, "Signing seed required");
        if (!("https".equals(homeserver.getScheme()) || "http".equals(homeserver.getScheme()))
                || homeserver.getRawAuthority() == null || homeserver.getRawUserInfo() != null
                || homeserver.getRawQuery() != null || homeserver.getRawFragment() != null) {
            throw new IllegalArgumentException(String.format(
                    "Homeserver URI [%s] not an http(s) URI without user info, query or fragment", homeserver));
        }
        final String user = ZBase32.encode(Ed25519.publicKey(signingSeed));
        final SecretBytes cookie = PubkySignIn.signIn(homeserver, signingSeed, "/" + PUBKY_FOLDER + ":rw", clock);
        try {
            return new StandardPubkyBlobStore(homeserver, PUBKY_FOLDER, user, cookie);
        } catch (final RuntimeException e) {
            cookie.close();
            throw e;
        }
    }

    private static SecretBytes bearer(final SecretBytes token) {
        if (token == null) {
            return null;
        }
        final byte[] prefix = "Bearer ".getBytes(StandardCharsets.US_ASCII);
        final byte[] secret = token.bytes();
        for (final byte b : secret) {
            if (b < 0x21 || b > 0x7e) {
                throw new IllegalArgumentException("Token must be printable ASCII without spaces");
            }
        }
        final byte[] value = new byte[prefix.length + secret.length];
        System.arraycopy(prefix, 0, value, 0, prefix.length);
        System.arraycopy(secret, 0, value, prefix.length, secret.length);
        return SecretBytes.wrap(value);
    }
}
