package org.cipherpost.blob;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.cipherpost.blob.internal.StandardHttpBlobStore;
import org.cipherpost.crypto.SecretBytes;

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
