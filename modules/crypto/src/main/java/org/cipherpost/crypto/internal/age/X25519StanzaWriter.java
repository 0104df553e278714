package org.cipherpost.crypto.internal.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes {@code -> X25519 <share>} stanzas: a fresh ephemeral scalar per stanza, the wrap key from HKDF-SHA256 over
 * the shared secret with salt {@code share || recipient} and info {@code age-encryption.org/v1/X25519}.
 */
final class X25519StanzaWriter implements RecipientStanzaWriter {
    private static final String INFO = "age-encryption.org/v1/X25519";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] publicKey;

    /**
     * Creates a writer.
     *
     * @param publicKey 32-byte recipient public key
     */
    X25519StanzaWriter(final byte[] publicKey) {
        this.publicKey = Objects.requireNonNull(publicKey, "Public Key required").clone();
    }

    @Override
    public Iterable<RecipientStanza> getRecipientStanzas(final FileKey fileKey) throws GeneralSecurityException {
        Objects.requireNonNull(fileKey, "File Key required");
        final byte[] ephemeral = new byte[X25519Keys.KEY_LENGTH];
        final byte[] shared;
        final byte[] share;
        try {
            RANDOM.nextBytes(ephemeral);
            share = X25519Keys.publicKey(ephemeral);
            shared = X25519Keys.multiply(ephemeral, publicKey);
        } finally {
            Arrays.fill(ephemeral, (byte) 0);
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
        final byte[] body = FileKeyWrapping.wrap(fileKey, wrapKey);
        return List.of(new Stanza(X25519StanzaReader.TYPE, List.of(StanzaBase64.encode(share)), body));
    }
}
