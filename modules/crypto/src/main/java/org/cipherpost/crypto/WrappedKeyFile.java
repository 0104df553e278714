package org.cipherpost.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A small secret wrapped under a passphrase, in the layout of the cipherpost v1 identity file.
 *
 * <pre>
 * magic (8) | version 0x01 (1) | PHC length (2, big-endian) | PHC string | age file
 * </pre>
 *
 * <p>The PHC string carries the Argon2id parameters and salt. The key-encryption key is
 * HKDF-SHA256(salt, Argon2id(passphrase, salt), "cipherpost/v1/" + context), used as the secret of an
 * age X25519 identity; the age file holds the secret encrypted to its recipient. We never write the
 * PHC hash segment (docs/adr/0004-identity-file-without-argon2-hash.md).
 *
 * @param magic the eight magic bytes that name the kind of file
 * @param context the HKDF context of the key-encryption key
 * @param secretLength the exact length of the wrapped secret
 */
public record WrappedKeyFile(byte[] magic, String context, int secretLength) {
    /** The only format version. */
    static final int VERSION = 1;

    /** Length of the random Argon2id salt we write. */
    static final int SALT_LENGTH = 16;

    /** Upper bound on a whole file, far above any valid one. */
    public static final int MAXIMUM_SIZE = 16 * 1024;

    private static final int MAGIC_LENGTH = 8;
    private static final int HEADER_FIXED = MAGIC_LENGTH + 1 + 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Validates the format description.
     *
     * @param magic the eight magic bytes
     * @param context the HKDF context
     * @param secretLength the exact length of the wrapped secret
     */
    public WrappedKeyFile {
        Objects.requireNonNull(magic, "Magic required");
        Objects.requireNonNull(context, "Context required");
        if (magic.length != MAGIC_LENGTH) {
            throw new IllegalArgumentException("Magic length [%d] not [%d]".formatted(magic.length, MAGIC_LENGTH));
        }
        if (secretLength < 1 || secretLength > 1024) {
            throw new IllegalArgumentException("Secret length [%d] outside [1, 1024]".formatted(secretLength));
        }
        magic = magic.clone();
    }

    /**
     * Describes a format by its ASCII magic.
     *
     * @param magic eight ASCII characters
     * @param context the HKDF context
     * @param secretLength the exact length of the wrapped secret
     * @return format
     */
    public static WrappedKeyFile of(final String magic, final String context, final int secretLength) {
        return new WrappedKeyFile(magic.getBytes(StandardCharsets.US_ASCII), context, secretLength);
    }

    /**
     * Returns a copy of the magic bytes.
     *
     * @return magic
     */
    @Override
    public byte[] magic() {
        return magic.clone();
    }

    /**
     * Wraps a secret under a passphrase.
     *
     * @param secret secret of {@link #secretLength()} bytes
     * @param passphrase passphrase bytes (UTF-8)
     * @param params Argon2id parameters to record in the file
     * @return file contents
     * @throws GeneralSecurityException when key derivation or encryption fails
     */
    public byte[] seal(final SecretBytes secret, final SecretBytes passphrase, final Argon2Params params)
            throws GeneralSecurityException {
        Objects.requireNonNull(secret, "Secret required");
        Objects.requireNonNull(passphrase, "Passphrase required");
        Objects.requireNonNull(params, "Argon2 parameters required");
        if (secret.length() != secretLength) {
            throw new IllegalArgumentException("Secret length [%d] not [%d]".formatted(secret.length(), secretLength));
        }
        final byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        final byte[] phc = new PhcArgon2(params, salt, false).encode().getBytes(StandardCharsets.US_ASCII);
        final byte[] ciphertext;
        try (SecretBytes kek = deriveKek(passphrase, salt, params);
             AgeIdentity identity = AgeIdentity.fromX25519SecretKey(kek)) {
            ciphertext = Age.encrypt(secret.bytes(), List.of(identity.recipient()));
        }
        final ByteBuffer out = ByteBuffer.allocate(HEADER_FIXED + phc.length + ciphertext.length);
        out.put(magic).put((byte) VERSION).putShort((short) phc.length).put(phc).put(ciphertext);
        return out.array();
    }

    /**
     * Reads the header without the passphrase.
     *
     * @param file file contents
     * @return Argon2id parameters, salt and whether a v1 hash segment is present
     * @throws IOException when the file is not well formed
     */
    public PhcArgon2 header(final byte[] file) throws IOException {
        Objects.requireNonNull(file, "File contents required");
        if (file.length > MAXIMUM_SIZE) {
            throw new IOException("File size [%d] above maximum [%d]".formatted(file.length, MAXIMUM_SIZE));
        }
        if (file.length < HEADER_FIXED || !Arrays.equals(file, 0, MAGIC_LENGTH, magic, 0, MAGIC_LENGTH)) {
            throw new IOException("Magic bytes not [%s]".formatted(new String(magic, StandardCharsets.US_ASCII)));
        }
        final int version = file[MAGIC_LENGTH] & 0xff;
        if (version != VERSION) {
            throw new IOException("Version [%d] not supported".formatted(version));
        }
        final int phcLength = phcLength(file);
        if (phcLength == 0 || HEADER_FIXED + phcLength >= file.length) {
            throw new IOException("File truncated");
        }
        final String phc = new String(file, HEADER_FIXED, phcLength, StandardCharsets.US_ASCII);
        for (int i = 0; i < phc.length(); i++) {
            final char c = phc.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IOException("Header malformed");
            }
        }
        return PhcArgon2.parse(phc);
    }

    /**
     * Unwraps the secret, reading the Argon2id parameters from the file.
     *
     * @param file file contents
     * @param passphrase passphrase bytes (UTF-8)
     * @return the secret, to be closed by the caller
     * @throws IOException when the file is malformed or truncated
     * @throws WrongPassphraseException when the passphrase does not unlock the file
     * @throws GeneralSecurityException when the encrypted part fails authentication
     */
    public SecretBytes open(final byte[] file, final SecretBytes passphrase) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(passphrase, "Passphrase required");
        final PhcArgon2 header = header(file);
        final byte[] ciphertext = Arrays.copyOfRange(file, HEADER_FIXED + phcLength(file), file.length);
        final SecretBytes secret;
        try (SecretBytes kek = deriveKek(passphrase, header.salt(), header.params());
             AgeIdentity identity = AgeIdentity.fromX25519SecretKey(kek)) {
            secret = Age.decrypt(ciphertext, List.of(identity));
        } catch (final NoMatchingIdentityException e) {
            throw new WrongPassphraseException();
        }
        if (secret.length() != secretLength) {
            secret.close();
            throw new IOException("File holds [%d] bytes, not [%d]".formatted(secret.length(), secretLength));
        }
        return secret;
    }

    /**
     * Derives the key-encryption key: HKDF-SHA256 over the Argon2id output, salted with the Argon2id salt.
     *
     * @param passphrase passphrase bytes
     * @param salt Argon2id salt
     * @param params Argon2id parameters
     * @return 32-byte key-encryption key
     * @throws GeneralSecurityException when Argon2id fails
     */
    SecretBytes deriveKek(final SecretBytes passphrase, final byte[] salt, final Argon2Params params)
            throws GeneralSecurityException {
        try (SecretBytes stretched = Argon2id.derive(passphrase, salt, params, 32)) {
            return Hkdf.derive(salt, stretched, context, 32);
        }
    }

    private static int phcLength(final byte[] file) {
        return ((file[MAGIC_LENGTH + 1] & 0xff) << 8) | (file[MAGIC_LENGTH + 2] & 0xff);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof WrappedKeyFile that && Arrays.equals(magic, that.magic)
                && context.equals(that.context) && secretLength == that.secretLength;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(magic) * 31 + context.hashCode();
    }

    @Override
    public String toString() {
        return "WrappedKeyFile[" + new String(magic, StandardCharsets.US_ASCII) + ", " + context + "]";
    }
}
