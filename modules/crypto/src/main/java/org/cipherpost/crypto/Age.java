package org.cipherpost.crypto;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.cipherpost.crypto.internal.age.AgeDecryptor;
import org.cipherpost.crypto.internal.age.AgeEncryptor;
import org.cipherpost.crypto.internal.age.RecipientAdder;

/**
 * age file encryption (<a href="https://c2sp.org/age">c2sp.org/age</a>) to X25519 keys or a passphrase.
 *
 * <p>Streaming methods never hold the file in memory: the payload moves in 2 MiB segments whose 64 KiB
 * chunks are sealed or opened on all cores while the calling thread reads and writes. Streams and channels
 * passed in are left open. Decryption detects ASCII armor by itself. ChaCha20 comes from the JDK (an
 * intrinsic) and Poly1305 from our own branch-free code, because the JDK intrinsifies Poly1305 only on CPUs
 * with AVX-512 IFMA; system properties tune the engine: {@code org.cipherpost.age.threads} (worker threads,
 * default: available processors, at most 8) and {@code org.cipherpost.age.aead=jca} (the JDK's own
 * ChaCha20-Poly1305, faster where its Poly1305 is intrinsified).
 *
 * <p>Failures:
 * <ul>
 * <li>{@link GeneralSecurityException} with a short generic message when no identity matches (wrong key or
 * passphrase: {@link NoMatchingIdentityException}, {@code "No matching identity"}), when the header MAC or a payload chunk fails authentication
 * ({@code "Header authentication failed"}, {@code "Payload authentication failed"}), or when policy refuses
 * the header (scrypt work factor above the identity's maximum, scrypt stanza mixed with other stanzas);</li>
 * <li>{@link IOException} for input that is not an age file, a malformed header, stanza or armor, a truncated
 * payload ({@link java.io.EOFException}, including a missing final chunk), an empty final chunk, data after
 * the final chunk, and I/O failures.</li>
 * </ul>
 * A streaming decryption writes plaintext as chunks verify, so after any exception the output holds an
 * unverified-as-complete prefix and must be discarded; it never ends "successfully" on a truncated file.
 */
public final class Age {
    private Age() {
    }

    /**
     * Encrypts a stream to recipients.
     *
     * @param in plaintext, read to its end
     * @param out destination of the age file
     * @param recipients at least one recipient; a passphrase recipient must be the only one
     * @param armor whether to write ASCII armor ({@code -----BEGIN AGE ENCRYPTED FILE-----})
     * @return plaintext bytes encrypted
     * @throws IOException on read or write failures
     * @throws GeneralSecurityException when a recipient cannot wrap the file key
     */
    public static long encrypt(final InputStream in, final OutputStream out, final Collection<AgeRecipient> recipients,
            final boolean armor) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(in, "Input Stream required");
        Objects.requireNonNull(out, "Output Stream required");
        return AgeEncryptor.encrypt(in, out, writers(recipients), armor);
    }

    /**
     * Decrypts a binary or armored age file.
     *
     * @param in age file, read to its end
     * @param out destination of the plaintext; discard it if this method throws
     * @param identities at least one identity, tried in order
     * @return plaintext bytes written
     * @throws IOException on read or write failures, malformed or truncated input
     * @throws NoMatchingIdentityException when no identity opens the file (wrong key or passphrase)
     * @throws GeneralSecurityException when authentication fails or policy refuses the header
     */
    public static long decrypt(final InputStream in, final OutputStream out, final Collection<AgeIdentity> identities)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(in, "Input Stream required");
        Objects.requireNonNull(out, "Output Stream required");
        return AgeDecryptor.decrypt(in, out, readers(identities));
    }

    /**
     * Encrypts from a channel to a channel; same engine and speed as the stream variant.
     *
     * @param in plaintext channel, read to its end
     * @param out destination channel of the age file
     * @param recipients at least one recipient; a passphrase recipient must be the only one
     * @param armor whether to write ASCII armor
     * @return plaintext bytes encrypted
     * @throws IOException on read or write failures
     * @throws GeneralSecurityException when a recipient cannot wrap the file key
     */
    public static long encrypt(final ReadableByteChannel in, final WritableByteChannel out,
            final Collection<AgeRecipient> recipients, final boolean armor) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(in, "Input Channel required");
        Objects.requireNonNull(out, "Output Channel required");
        return encrypt(Channels.newInputStream(in), Channels.newOutputStream(out), recipients, armor);
    }

    /**
     * Decrypts from a channel to a channel; same engine and speed as the stream variant.
     *
     * @param in channel of a binary or armored age file, read to its end
     * @param out destination channel of the plaintext; discard it if this method throws
     * @param identities at least one identity, tried in order
     * @return plaintext bytes written
     * @throws IOException on read or write failures, malformed or truncated input
     * @throws GeneralSecurityException when no identity matches, authentication fails or policy refuses the header
     */
    public static long decrypt(final ReadableByteChannel in, final WritableByteChannel out,
            final Collection<AgeIdentity> identities) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(in, "Input Channel required");
        Objects.requireNonNull(out, "Output Channel required");
        return decrypt(Channels.newInputStream(in), Channels.newOutputStream(out), identities);
    }

    /**
     * Encrypts bytes to a binary age file.
     *
     * @param plaintext plaintext
     * @param recipients at least one recipient; a passphrase recipient must be the only one
     * @return age file
     * @throws GeneralSecurityException when a recipient cannot wrap the file key
     */
    public static byte[] encrypt(final byte[] plaintext, final Collection<AgeRecipient> recipients)
            throws GeneralSecurityException {
        return encrypt(plaintext, recipients, false);
    }

    /**
     * Encrypts bytes to an age file.
     *
     * @param plaintext plaintext
     * @param recipients at least one recipient; a passphrase recipient must be the only one
     * @param armor whether to write ASCII armor
     * @return age file
     * @throws GeneralSecurityException when a recipient cannot wrap the file key
     */
    public static byte[] encrypt(final byte[] plaintext, final Collection<AgeRecipient> recipients, final boolean armor)
            throws GeneralSecurityException {
        Objects.requireNonNull(plaintext, "Plaintext required");
        final ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + plaintext.length / 4096 + 1024);
        try {
            encrypt(new ByteArrayInputStream(plaintext), out, recipients, armor);
        } catch (final IOException e) {
            throw new IllegalStateException("In-memory encryption failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Decrypts a binary or armored age file held in memory.
     *
     * @param ciphertext age file
     * @param identities at least one identity, tried in order
     * @return plaintext that the caller owns and must close
     * @throws IOException when the input is malformed or truncated
     * @throws NoMatchingIdentityException when no identity opens the file (wrong key or passphrase)
     * @throws GeneralSecurityException when authentication fails or policy refuses the header
     */
    public static SecretBytes decrypt(final byte[] ciphertext, final Collection<AgeIdentity> identities)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(ciphertext, "Ciphertext required");
        final byte[] buffer = new byte[ciphertext.length];
        try {
            final FixedOutputStream out = new FixedOutputStream(buffer);
            decrypt(new ByteArrayInputStream(ciphertext), out, identities);
            return SecretBytes.copyOf(buffer, 0, out.count);
        } finally {
            java.util.Arrays.fill(buffer, (byte) 0);
        }
    }

    /**
     * Adds recipients to a binary age file in memory: the file key is unwrapped with one of the identities (the
     * header MAC is verified), stanzas for the new recipients wrap the same file key, and a new header MAC is
     * written; the payload stays byte-identical. Costs one unwrap and one stanza per added recipient, however large
     * the payload. The old recipients keep their access.
     *
     * @param ageFile binary age file (not armored, not a passphrase file)
     * @param unlock at least one identity that opens the file, tried in order
     * @param add at least one X25519 recipient to add
     * @return new age file
     * @throws IOException when the input is not a binary age file, malformed or truncated
     * @throws NoMatchingIdentityException when no identity opens the file
     * @throws GeneralSecurityException when the header MAC fails, the file is a passphrase file, or a stanza
     *         cannot be written
     */
    public static byte[] addRecipients(final byte[] ageFile, final Collection<AgeIdentity> unlock,
            final Collection<AgeRecipient> add) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(ageFile, "Age File required");
        Objects.requireNonNull(add, "Recipients required");
        for (final AgeRecipient recipient : add) {
            if (Objects.requireNonNull(recipient, "Recipient required").isPassphrase()) {
                throw new IllegalArgumentException("Passphrase recipient cannot be added");
            }
        }
        return RecipientAdder.addRecipients(ageFile, readers(unlock), writers(add));
    }

    /** Collects the stanza writers, enforcing that a passphrase recipient stands alone. */
    private static List<RecipientStanzaWriter> writers(final Collection<AgeRecipient> recipients)
            throws GeneralSecurityException {
        Objects.requireNonNull(recipients, "Recipients required");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("At least one recipient required");
        }
        final List<RecipientStanzaWriter> writers = new ArrayList<>(recipients.size());
        for (final AgeRecipient recipient : recipients) {
            Objects.requireNonNull(recipient, "Recipient required");
            if (recipient.isPassphrase() && recipients.size() > 1) {
                throw new IllegalArgumentException("Passphrase recipient must be the only recipient");
            }
            writers.add(recipient.stanzaWriter());
        }
        return writers;
    }

    /** Collects the stanza readers of the identities. */
    private static List<RecipientStanzaReader> readers(final Collection<AgeIdentity> identities) {
        Objects.requireNonNull(identities, "Identities required");
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("At least one identity required");
        }
        final List<RecipientStanzaReader> readers = new ArrayList<>(identities.size());
        for (final AgeIdentity identity : identities) {
            readers.add(Objects.requireNonNull(identity, "Identity required").stanzaReader());
        }
        return readers;
    }

    /** Output stream into a fixed array whose size bounds the plaintext; never grows, so never leaves copies. */
    private static final class FixedOutputStream extends OutputStream {
        private final byte[] target;

        private int count;

        /**
         * Creates the stream.
         *
         * @param target destination array
         */
        FixedOutputStream(final byte[] target) {
            this.target = target;
        }

        @Override
        public void write(final int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length > target.length - count) {
                throw new IOException("Plaintext larger than ciphertext");
            }
            System.arraycopy(bytes, offset, target, count, length);
            count += length;
        }
    }
}
