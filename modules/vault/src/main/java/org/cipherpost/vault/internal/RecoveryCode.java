package org.cipherpost.vault.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.Argon2id;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.crypto.Hkdf;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.WrongPassphraseException;
import org.cipherpost.vault.InvalidRecoveryCodeException;

/**
 * The paper form of the Recovery Key: the key wrapped under the Recovery Passphrase, in 120 Crockford Base32
 * symbols with a checksum, grouped by five after the prefix {@code CPVR1}.
 *
 * <pre>
 * payload (75 bytes):
 *   version 0x01 (1) | Argon2id memory KiB (4, big-endian) | iterations (1) | parallelism (1) | salt (16)
 *   | ChaCha20-Poly1305(kek, nonce = 12 zero bytes, aad = the 23 bytes before) of the 32-byte key (48)
 *   | SHA-256("cipherpost-vault-recovery-code" | the 71 bytes before)[0..4] (4)
 * kek = HKDF-SHA256(salt, Argon2id(passphrase, salt), "cipherpost/v1/vault-recovery-kek", 32)
 * text: "CPVR1" then the 120 symbols, written in groups of five joined by "-"
 * </pre>
 *
 * The nonce is fixed because every code has its own salt and so its own key. The checksum catches typos before
 * the slow passphrase check; a wrong passphrase fails the Poly1305 tag.
 */
final class RecoveryCode {
    /** Prefix naming the format and its version. */
    static final String PREFIX = "CPVR1";

    /** Symbols after the prefix. */
    static final int SYMBOLS = 120;

    private static final int VERSION = 1;
    private static final int KEY_LENGTH = 32;
    private static final int SALT_LENGTH = 16;
    private static final int HEADER_LENGTH = 1 + 4 + 1 + 1 + SALT_LENGTH;
    private static final int TAG_LENGTH = 16;
    private static final int CHECK_LENGTH = 4;
    private static final int BODY_LENGTH = HEADER_LENGTH + KEY_LENGTH + TAG_LENGTH;
    private static final int TOTAL_LENGTH = BODY_LENGTH + CHECK_LENGTH;
    private static final int GROUP = 5;
    private static final String KEK_CONTEXT = "vault-recovery-kek";
    private static final byte[] CHECK_LABEL = "cipherpost-vault-recovery-code".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCode() {
    }

    /**
     * Wraps a Recovery Key into a recovery code.
     *
     * @param recoveryKey 32-byte X25519 secret key
     * @param passphrase Recovery Passphrase
     * @param params Argon2id cost
     * @return ASCII code, owned by the caller
     * @throws GeneralSecurityException when key derivation or encryption fails
     */
    static SecretBytes seal(final SecretBytes recoveryKey, final SecretBytes passphrase, final Argon2Params params)
            throws GeneralSecurityException {
        Objects.requireNonNull(recoveryKey, "Recovery Key required");
        Objects.requireNonNull(passphrase, "Passphrase required");
        Objects.requireNonNull(params, "Argon2 parameters required");
        if (recoveryKey.length() != KEY_LENGTH) {
            throw new IllegalArgumentException("Recovery Key length [%d] not [%d]".formatted(recoveryKey.length(), KEY_LENGTH));
        }
        final byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        final byte[] payload = new byte[TOTAL_LENGTH];
        ByteBuffer.wrap(payload).put((byte) VERSION).putInt(params.memoryKiB()).put((byte) params.iterations())
                .put((byte) params.parallelism()).put(salt);
        try (SecretBytes kek = kek(passphrase, salt, params)) {
            final Cipher cipher = cipher(Cipher.ENCRYPT_MODE, kek);
            cipher.updateAAD(payload, 0, HEADER_LENGTH);
            cipher.doFinal(recoveryKey.bytes(), 0, KEY_LENGTH, payload, HEADER_LENGTH);
        }
        System.arraycopy(check(payload), 0, payload, BODY_LENGTH, CHECK_LENGTH);
        final byte[] symbols = Crockford32.encode(payload);
        final byte[] text = new byte[PREFIX.length() + SYMBOLS + SYMBOLS / GROUP];
        try {
            int at = 0;
            for (int i = 0; i < PREFIX.length(); i++) {
                text[at++] = (byte) PREFIX.charAt(i);
            }
            for (int i = 0; i < SYMBOLS; i++) {
                if (i % GROUP == 0) {
                    text[at++] = '-';
                }
                text[at++] = symbols[i];
            }
            return SecretBytes.copyOf(text);
        } finally {
            Arrays.fill(payload, (byte) 0);
            Arrays.fill(symbols, (byte) 0);
            Arrays.fill(text, (byte) 0);
        }
    }

    /**
     * Unwraps the Recovery Key from a code as typed.
     *
     * @param code the code; case, whitespace and dashes are ignored, I and L read as 1, O as 0
     * @param passphrase Recovery Passphrase
     * @return 32-byte Recovery Key, owned by the caller
     * @throws InvalidRecoveryCodeException when the code does not parse or its checksum fails
     * @throws WrongPassphraseException when the passphrase does not unwrap it
     * @throws GeneralSecurityException when key derivation fails
     */
    static SecretBytes open(final SecretBytes code, final SecretBytes passphrase)
            throws InvalidRecoveryCodeException, GeneralSecurityException {
        Objects.requireNonNull(code, "Recovery Code required");
        Objects.requireNonNull(passphrase, "Passphrase required");
        final byte[] payload = payload(code.bytes());
        try {
            if (!MessageDigest.isEqual(Arrays.copyOf(check(payload), CHECK_LENGTH),
                    Arrays.copyOfRange(payload, BODY_LENGTH, TOTAL_LENGTH))) {
                throw new InvalidRecoveryCodeException("Recovery code checksum does not match: check it for typos");
            }
            final ByteBuffer header = ByteBuffer.wrap(payload, 0, HEADER_LENGTH);
            final int version = header.get() & 0xff;
            if (version != VERSION) {
                throw new InvalidRecoveryCodeException("Recovery code version [%d] not supported".formatted(version));
            }
            final Argon2Params params;
            try {
                params = new Argon2Params(header.getInt(), header.get() & 0xff, header.get() & 0xff);
            } catch (final IllegalArgumentException e) {
                throw new InvalidRecoveryCodeException("Recovery code holds unusable Argon2id parameters");
            }
            final byte[] salt = new byte[SALT_LENGTH];
            header.get(salt);
            final byte[] key = new byte[KEY_LENGTH];
            try (SecretBytes kek = kek(passphrase, salt, params)) {
                final Cipher cipher = cipher(Cipher.DECRYPT_MODE, kek);
                cipher.updateAAD(payload, 0, HEADER_LENGTH);
                cipher.doFinal(payload, HEADER_LENGTH, KEY_LENGTH + TAG_LENGTH, key, 0);
                return SecretBytes.wrap(key);
            } catch (final AEADBadTagException e) {
                Arrays.fill(key, (byte) 0);
                throw new WrongPassphraseException();
            }
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    /** Normalizes the typed code and decodes its symbols. */
    private static byte[] payload(final byte[] typed) throws InvalidRecoveryCodeException {
        final byte[] symbols = new byte[typed.length];
        try {
            int count = 0;
            for (int i = 0; i < typed.length; i++) {
                final byte b = typed[i];
                if (b == '-' || b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                    continue;
                }
                if (Crockford32.value(b) < 0) {
                    throw new InvalidRecoveryCodeException(
                            "Recovery code character at position [%d] is not a code character".formatted(i + 1));
                }
                symbols[count++] = (byte) Character.toUpperCase(b);
            }
            if (count < PREFIX.length() || !startsWithPrefix(symbols)) {
                throw new InvalidRecoveryCodeException("Recovery code does not start with [%s]".formatted(PREFIX));
            }
            final int length = count - PREFIX.length();
            if (length != SYMBOLS) {
                throw new InvalidRecoveryCodeException("Recovery code has [%d] characters after [%s], not [%d]"
                        .formatted(length, PREFIX, SYMBOLS));
            }
            return Crockford32.decode(Arrays.copyOfRange(symbols, PREFIX.length(), count), SYMBOLS);
        } finally {
            Arrays.fill(symbols, (byte) 0);
        }
    }

    /** Tells whether normalized symbols start with the prefix (I and L read as 1). */
    private static boolean startsWithPrefix(final byte[] symbols) {
        for (int i = 0; i < PREFIX.length(); i++) {
            final char expected = PREFIX.charAt(i);
            final byte actual = symbols[i];
            final boolean same = actual == expected || expected == '1' && (actual == 'I' || actual == 'L');
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** Returns the checksum of the body. */
    private static byte[] check(final byte[] payload) {
        return Hashes.sha256(CHECK_LABEL, Arrays.copyOf(payload, BODY_LENGTH));
    }

    /** Derives the key-encryption key. */
    private static SecretBytes kek(final SecretBytes passphrase, final byte[] salt, final Argon2Params params)
            throws GeneralSecurityException {
        try (SecretBytes stretched = Argon2id.derive(passphrase, salt, params, 32)) {
            return Hkdf.derive(salt, stretched, KEK_CONTEXT, 32);
        }
    }

    /** Creates a ChaCha20-Poly1305 cipher with the fixed nonce. */
    private static Cipher cipher(final int mode, final SecretBytes kek) throws GeneralSecurityException {
        final Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(kek.bytes(), "ChaCha20"), new IvParameterSpec(new byte[12]));
        return cipher;
    }
}
