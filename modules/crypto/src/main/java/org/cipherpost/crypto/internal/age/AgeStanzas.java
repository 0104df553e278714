package org.cipherpost.crypto.internal.age;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import java.security.GeneralSecurityException;
import org.cipherpost.crypto.SecretBytes;

/** Creates the stanza writers and readers behind recipients and identities. */
public final class AgeStanzas {
    private AgeStanzas() {
    }

    /**
     * Creates the writer of X25519 stanzas for an encoded recipient.
     *
     * @param recipient {@code age1...} recipient
     * @return stanza writer
     * @throws GeneralSecurityException when the recipient is not valid
     */
    public static RecipientStanzaWriter x25519Writer(final String recipient) throws GeneralSecurityException {
        return new X25519StanzaWriter(X25519Keys.decodeRecipient(recipient));
    }

    /**
     * Creates the writer of X25519 stanzas.
     *
     * @param publicKey 32-byte recipient public key
     * @return stanza writer
     * @throws GeneralSecurityException when the key is not 32 bytes
     */
    public static RecipientStanzaWriter x25519Writer(final byte[] publicKey) throws GeneralSecurityException {
        if (publicKey == null || publicKey.length != X25519Keys.KEY_LENGTH) {
            throw new java.security.InvalidKeyException("X25519 recipient key length not [%d]".formatted(X25519Keys.KEY_LENGTH));
        }
        return new X25519StanzaWriter(publicKey);
    }

    /**
     * Creates the reader of X25519 stanzas for one identity.
     *
     * @param secretKey 32-byte scalar, kept by reference
     * @param publicKey matching public key
     * @return stanza reader
     */
    public static RecipientStanzaReader x25519Reader(final SecretBytes secretKey, final byte[] publicKey) {
        return new X25519StanzaReader(secretKey, publicKey);
    }

    /**
     * Creates the writer of the scrypt stanza.
     *
     * @param passphrase passphrase, kept by reference
     * @param workFactor base-two logarithm of the scrypt cost
     * @return stanza writer
     */
    public static RecipientStanzaWriter scryptWriter(final SecretBytes passphrase, final int workFactor) {
        return new ScryptStanzaWriter(passphrase, workFactor);
    }

    /**
     * Creates the reader of the scrypt stanza.
     *
     * @param passphrase passphrase, kept by reference
     * @param maximumWorkFactor largest accepted work factor
     * @return stanza reader
     */
    public static RecipientStanzaReader scryptReader(final SecretBytes passphrase, final int maximumWorkFactor) {
        return new ScryptStanzaReader(passphrase, maximumWorkFactor);
    }
}
