package org.cipherpost.crypto;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;
import org.cipherpost.crypto.internal.age.AgeStanzas;
import org.cipherpost.crypto.internal.age.SecretBech32;
import org.cipherpost.crypto.internal.age.X25519Keys;

/**
 * An identity that opens age files: an X25519 secret key ({@code AGE-SECRET-KEY-1...}) or a passphrase (scrypt).
 *
 * <p>The secret lives in a {@link SecretBytes} owned by this object and wiped by {@link #close()}; it is never
 * turned into a String and never appears in {@link #toString()}.
 */
public final class AgeIdentity implements Destroyable, AutoCloseable {
    /** Largest scrypt work factor a passphrase identity accepts unless told otherwise, as in age. */
    public static final int DEFAULT_MAXIMUM_WORK_FACTOR = 22;

    private static final String SECRET_KEY_PREFIX = "AGE-SECRET-KEY-";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretBytes secret;

    private final AgeRecipient recipient;

    private final int maximumWorkFactor;

    private AgeIdentity(final SecretBytes secret, final AgeRecipient recipient, final int maximumWorkFactor) {
        this.secret = secret;
        this.recipient = recipient;
        this.maximumWorkFactor = maximumWorkFactor;
    }

    /**
     * Generates a new X25519 identity from 32 bytes of CSPRNG output.
     *
     * @return new identity
     */
    public static AgeIdentity generate() {
        final byte[] key = new byte[X25519Keys.KEY_LENGTH];
        RANDOM.nextBytes(key);
        try {
            return x25519(SecretBytes.wrap(key));
        } catch (final InvalidKeyException e) {
            throw new IllegalStateException("X25519 not available", e);
        }
    }

    /**
     * Creates an X25519 identity from a raw secret key.
     *
     * @param secretKey 32-byte X25519 scalar; copied, the caller keeps its holder
     * @return identity
     * @throws InvalidKeyException when the key is not 32 bytes
     */
    public static AgeIdentity fromX25519SecretKey(final SecretBytes secretKey) throws InvalidKeyException {
        Objects.requireNonNull(secretKey, "Secret Key required");
        if (secretKey.length() != X25519Keys.KEY_LENGTH) {
            throw new InvalidKeyException("X25519 secret key length [%d] not [%d]".formatted(secretKey.length(), X25519Keys.KEY_LENGTH));
        }
        return x25519(SecretBytes.copyOf(secretKey.bytes()));
    }

    /**
     * Parses an {@code AGE-SECRET-KEY-1...} identity given as ASCII bytes.
     *
     * @param encoded Bech32 identity; surrounding whitespace is ignored; the caller keeps its holder
     * @return identity
     * @throws InvalidKeyException when the text is not an X25519 age identity (the message never quotes it)
     */
    public static AgeIdentity parse(final SecretBytes encoded) throws InvalidKeyException {
        Objects.requireNonNull(encoded, "Encoded Identity required");
        final byte[] text = encoded.bytes();
        int start = 0;
        int end = text.length;
        while (start < end && isWhitespace(text[start])) {
            start++;
        }
        while (end > start && isWhitespace(text[end - 1])) {
            end--;
        }
        final byte[] key = SecretBech32.decode(text, start, end - start, SECRET_KEY_PREFIX);
        if (key.length != X25519Keys.KEY_LENGTH) {
            Arrays.fill(key, (byte) 0);
            throw new InvalidKeyException("Identity key length not [%d]".formatted(X25519Keys.KEY_LENGTH));
        }
        return x25519(SecretBytes.wrap(key));
    }

    /**
     * Parses an {@code AGE-SECRET-KEY-1...} identity given as characters, such as a typed or pasted key.
     *
     * @param encoded Bech32 identity; surrounding whitespace is ignored; the caller keeps (and wipes) its array
     * @return identity
     * @throws InvalidKeyException when the text is not an X25519 age identity (the message never quotes it)
     */
    public static AgeIdentity parse(final char[] encoded) throws InvalidKeyException {
        Objects.requireNonNull(encoded, "Encoded Identity required");
        final byte[] ascii = new byte[encoded.length];
        try {
            for (int i = 0; i < encoded.length; i++) {
                if (encoded[i] > 127) {
                    throw new InvalidKeyException("Identity contains a non-ASCII character");
                }
                ascii[i] = (byte) encoded[i];
            }
            try (SecretBytes text = SecretBytes.wrap(ascii)) {
                return parse(text);
            }
        } finally {
            Arrays.fill(ascii, (byte) 0);
        }
    }

    /**
     * Creates a passphrase identity accepting work factors up to {@value #DEFAULT_MAXIMUM_WORK_FACTOR}.
     *
     * @param passphrase passphrase bytes (UTF-8 for typed text); copied, the caller keeps its holder
     * @return identity
     */
    public static AgeIdentity scrypt(final SecretBytes passphrase) {
        return scrypt(passphrase, DEFAULT_MAXIMUM_WORK_FACTOR);
    }

    /**
     * Creates a passphrase identity.
     *
     * @param passphrase passphrase bytes (UTF-8 for typed text); copied, the caller keeps its holder
     * @param maximumWorkFactor largest work factor accepted when decrypting, from 1 to {@value AgeRecipient#MAXIMUM_WORK_FACTOR}
     * @return identity
     */
    public static AgeIdentity scrypt(final SecretBytes passphrase, final int maximumWorkFactor) {
        Objects.requireNonNull(passphrase, "Passphrase required");
        if (maximumWorkFactor < 1 || maximumWorkFactor > AgeRecipient.MAXIMUM_WORK_FACTOR) {
            throw new IllegalArgumentException("Maximum Work Factor [%d] not between [1] and [%d]"
                    .formatted(maximumWorkFactor, AgeRecipient.MAXIMUM_WORK_FACTOR));
        }
        return new AgeIdentity(SecretBytes.copyOf(passphrase.bytes()), null, maximumWorkFactor);
    }

    /**
     * Returns the recipient that encrypts to this identity.
     *
     * <p>For a passphrase identity this is a new passphrase recipient with the default work factor, holding
     * its own copy of the passphrase: the caller closes it.
     *
     * @return recipient
     */
    public AgeRecipient recipient() {
        if (recipient != null) {
            return recipient;
        }
        return AgeRecipient.scrypt(live());
    }

    /**
     * Encodes an X25519 identity as {@code AGE-SECRET-KEY-1...} ASCII bytes.
     *
     * @return encoded identity that the caller owns and must close
     * @throws IllegalStateException for a passphrase identity
     */
    public SecretBytes encode() {
        if (recipient == null) {
            throw new IllegalStateException("Passphrase identity has no encoding");
        }
        return SecretBytes.wrap(SecretBech32.encodeUpperCase(SECRET_KEY_PREFIX, live().bytes()));
    }

    /**
     * Tells whether this is a passphrase (scrypt) identity.
     *
     * @return true for scrypt
     */
    public boolean isPassphrase() {
        return recipient == null;
    }

    /**
     * Returns the stanza reader that unwraps file keys with this identity.
     *
     * @return jagged stanza reader
     */
    RecipientStanzaReader stanzaReader() {
        if (recipient == null) {
            return AgeStanzas.scryptReader(live(), maximumWorkFactor);
        }
        return AgeStanzas.x25519Reader(live(), recipient.x25519PublicKey());
    }

    @Override
    public void destroy() {
        secret.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return secret.isDestroyed();
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        if (recipient == null) {
            return "AgeIdentity[scrypt, maximum work factor " + maximumWorkFactor + "]";
        }
        return "AgeIdentity[X25519, " + recipient.encoded() + "]";
    }

    /** Returns the secret, failing once the identity is closed. */
    private SecretBytes live() {
        if (secret.isDestroyed()) {
            throw new IllegalStateException("Identity already closed");
        }
        return secret;
    }

    /** Builds an X25519 identity that owns the given key holder. */
    private static AgeIdentity x25519(final SecretBytes key) throws InvalidKeyException {
        try {
            final byte[] publicKey = X25519Keys.publicKey(key.bytes());
            return new AgeIdentity(key, AgeRecipient.fromX25519PublicKey(publicKey), 0);
        } catch (final InvalidKeyException e) {
            key.destroy();
            throw e;
        } catch (final GeneralSecurityException e) {
            key.destroy();
            throw new IllegalStateException("X25519 not available", e);
        }
    }

    /** Tells whether an ASCII byte is whitespace. */
    private static boolean isWhitespace(final byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
