package org.cipherpost.crypto.internal.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cipherpost.crypto.SecretBytes;

/**
 * Reads {@code -> X25519 <share>} stanzas with one identity, from raw key bytes (never a String).
 *
 * <p>Malformed X25519 stanzas are rejected, stanzas of other types are ignored, and a body that does not
 * open under this identity means "not for us".
 */
final class X25519StanzaReader implements RecipientStanzaReader {
    /** Stanza type. */
    static final String TYPE = "X25519";

    private static final String INFO = "age-encryption.org/v1/X25519";

    private final SecretBytes secretKey;

    private final byte[] publicKey;

    /**
     * Creates a reader.
     *
     * @param secretKey 32-byte scalar, owned by the caller and read at each use
     * @param publicKey matching 32-byte public key
     */
    X25519StanzaReader(final SecretBytes secretKey, final byte[] publicKey) {
        this.secretKey = Objects.requireNonNull(secretKey, "Secret Key required");
        this.publicKey = Objects.requireNonNull(publicKey, "Public Key required").clone();
    }

    @Override
    public FileKey getFileKey(final Iterable<RecipientStanza> recipientStanzas) throws GeneralSecurityException {
        for (final RecipientStanza stanza : recipientStanzas) {
            if (!TYPE.equals(stanza.getType())) {
                continue;
            }
            final List<String> arguments = stanza.getArguments();
            if (arguments.size() != 1) {
                throw new InvalidStanzaException("X25519 stanza arguments [%d] not [1]".formatted(arguments.size()));
            }
            final byte[] share = StanzaBase64.decode(arguments.get(0), X25519Keys.KEY_LENGTH, "X25519 share");
            final byte[] body = stanza.getBody();
            if (body.length != FileKeyWrapping.WRAPPED_LENGTH) {
                throw new InvalidStanzaException("X25519 stanza body length [%d] not [32]".formatted(body.length));
            }
            final FileKey fileKey = unwrap(share, body);
            if (fileKey != null) {
                return fileKey;
            }
        }
        throw new UnsupportedRecipientStanzaException("No X25519 stanza for this identity");
    }

    /** Derives the wrap key for one stanza and tries it; null when the body is not for this identity. */
    private FileKey unwrap(final byte[] share, final byte[] body) throws GeneralSecurityException {
        final byte[] shared;
        try {
            shared = X25519Keys.multiply(secretKey.bytes(), share);
        } catch (final java.security.InvalidKeyException e) {
            throw new InvalidStanzaException("X25519 share has small order");
        }
        final byte[] salt = new byte[2 * X25519Keys.KEY_LENGTH];
        System.arraycopy(share, 0, salt, 0, X25519Keys.KEY_LENGTH);
        System.arraycopy(publicKey, 0, salt, X25519Keys.KEY_LENGTH, X25519Keys.KEY_LENGTH);
        final byte[] wrapKey;
        try {
            wrapKey = AgeKdf.hkdf(shared, salt, INFO);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
        try {
            return FileKeyWrapping.unwrap(body, wrapKey);
        } catch (final GeneralSecurityException e) {
            return null;
        }
    }
}
