package org.cipherpost.crypto;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Objects;
import javax.security.auth.Destroyable;
import org.cipherpost.crypto.internal.age.AgeStanzas;
import org.cipherpost.crypto.internal.age.X25519Keys;

/**
 * A recipient an age file is encrypted to: an X25519 public key ({@code age1...}) or a passphrase (scrypt).
 *
 * <p>A passphrase recipient holds its own copy of the passphrase until {@link #close()}; closing an X25519
 * recipient does nothing. {@link #toString()} never shows a passphrase.
 */
public final class AgeRecipient implements Destroyable, AutoCloseable {
    /** Work factor (log2 of the scrypt cost N) used when none is given, as in age. */
    public static final int DEFAULT_WORK_FACTOR = 18;

    /** Largest work factor a passphrase recipient accepts, as in age. */
    public static final int MAXIMUM_WORK_FACTOR = 30;

    private final String encoded;

    private final byte[] publicKey;

    private final SecretBytes passphrase;

    private final int workFactor;

    private AgeRecipient(final String encoded, final byte[] publicKey, final SecretBytes passphrase, final int workFactor) {
        this.encoded = encoded;
        this.publicKey = publicKey;
        this.passphrase = passphrase;
        this.workFactor = workFactor;
    }

    /**
     * Parses an X25519 recipient such as {@code age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj}.
     *
     * @param encoded Bech32 recipient; surrounding whitespace is ignored
     * @return recipient
     * @throws InvalidKeyException when the text is not an {@code age1} X25519 recipient
     */
    public static AgeRecipient parse(final CharSequence encoded) throws InvalidKeyException {
        Objects.requireNonNull(encoded, "Encoded Recipient required");
        return fromX25519PublicKey(X25519Keys.decodeRecipient(encoded.toString().strip()));
    }

    /**
     * Creates an X25519 recipient from a raw public key.
     *
     * @param publicKey 32-byte X25519 public key (little-endian u-coordinate)
     * @return recipient
     * @throws InvalidKeyException when the key is not 32 bytes
     */
    public static AgeRecipient fromX25519PublicKey(final byte[] publicKey) throws InvalidKeyException {
        Objects.requireNonNull(publicKey, "Public Key required");
        final byte[] key = publicKey.clone();
        return new AgeRecipient(X25519Keys.encodeRecipient(key), key, null, 0);
    }

    /**
     * Creates a passphrase recipient with the default work factor ({@value #DEFAULT_WORK_FACTOR}).
     *
     * @param passphrase passphrase bytes (UTF-8 for typed text); copied, the caller keeps its holder
     * @return recipient that must be the only recipient of a file
     */
    public static AgeRecipient scrypt(final SecretBytes passphrase) {
        return scrypt(passphrase, DEFAULT_WORK_FACTOR);
    }

    /**
     * Creates a passphrase recipient.
     *
     * @param passphrase passphrase bytes (UTF-8 for typed text); copied, the caller keeps its holder
     * @param workFactor log2 of the scrypt cost N, from 1 to {@value #MAXIMUM_WORK_FACTOR}
     * @return recipient that must be the only recipient of a file
     */
    public static AgeRecipient scrypt(final SecretBytes passphrase, final int workFactor) {
        Objects.requireNonNull(passphrase, "Passphrase required");
        if (passphrase.length() == 0) {
            throw new IllegalArgumentException("Passphrase must not be empty");
        }
        if (workFactor < 1 || workFactor > MAXIMUM_WORK_FACTOR) {
            throw new IllegalArgumentException("Work Factor [%d] not between [1] and [%d]".formatted(workFactor, MAXIMUM_WORK_FACTOR));
        }
        return new AgeRecipient(null, null, SecretBytes.copyOf(passphrase.bytes()), workFactor);
    }

    /**
     * Returns the {@code age1...} encoding of an X25519 recipient.
     *
     * @return lowercase Bech32 recipient
     * @throws IllegalStateException for a passphrase recipient, which has no encoding
     */
    public String encoded() {
        if (encoded == null) {
            throw new IllegalStateException("Passphrase recipient has no encoding");
        }
        return encoded;
    }

    /**
     * Returns the raw X25519 public key.
     *
     * @return copy of the 32-byte key
     * @throws IllegalStateException for a passphrase recipient
     */
    public byte[] x25519PublicKey() {
        if (publicKey == null) {
            throw new IllegalStateException("Passphrase recipient has no public key");
        }
        return publicKey.clone();
    }

    /**
     * Tells whether this is a passphrase (scrypt) recipient.
     *
     * @return true for scrypt
     */
    public boolean isPassphrase() {
        return passphrase != null;
    }

    /**
     * Returns the stanza writer that wraps file keys to this recipient.
     *
     * @return jagged stanza writer
     * @throws GeneralSecurityException when the writer cannot be created
     */
    RecipientStanzaWriter stanzaWriter() throws GeneralSecurityException {
        if (passphrase != null) {
            if (passphrase.isDestroyed()) {
                throw new IllegalStateException("Passphrase recipient already closed");
            }
            return AgeStanzas.scryptWriter(passphrase, workFactor);
        }
        return AgeStanzas.x25519Writer(publicKey);
    }

    @Override
    public void destroy() {
        if (passphrase != null) {
            passphrase.destroy();
        }
    }

    @Override
    public boolean isDestroyed() {
        return passphrase != null && passphrase.isDestroyed();
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof AgeRecipient that && encoded != null && encoded.equals(that.encoded);
    }

    @Override
    public int hashCode() {
        return encoded == null ? System.identityHashCode(this) : encoded.hashCode();
    }

    @Override
    public String toString() {
        return encoded == null ? "AgeRecipient[scrypt, work factor " + workFactor + "]" : encoded;
    }
}
