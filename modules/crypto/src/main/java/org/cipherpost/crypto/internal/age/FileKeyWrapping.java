package org.cipherpost.crypto.internal.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.framework.crypto.CipherKey;
import com.exceptionfactory.jagged.framework.crypto.EncryptedFileKey;
import com.exceptionfactory.jagged.framework.crypto.FileKeyDecryptorFactory;
import com.exceptionfactory.jagged.framework.crypto.FileKeyEncryptorFactory;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/** Wraps and unwraps the 16-byte file key with ChaCha20-Poly1305 and a zero nonce, through jagged. */
final class FileKeyWrapping {
    /** Length of a wrapped file key: 16 bytes plus the tag. */
    static final int WRAPPED_LENGTH = 32;

    private FileKeyWrapping() {
    }

    /**
     * Wraps a file key; the wrap key bytes are wiped.
     *
     * @param fileKey file key
     * @param wrapKey 32-byte wrap key, owned by the key during use, wiped afterwards
     * @return 32-byte stanza body
     * @throws GeneralSecurityException when ChaCha20-Poly1305 fails
     */
    static byte[] wrap(final FileKey fileKey, final byte[] wrapKey) throws GeneralSecurityException {
        final CipherKey key = new CipherKey(wrapKey);
        try {
            final EncryptedFileKey wrapped = new FileKeyEncryptorFactory().newFileKeyEncryptor().getEncryptedFileKey(fileKey, key);
            return wrapped.getEncoded();
        } finally {
            key.destroy();
            Arrays.fill(wrapKey, (byte) 0);
        }
    }

    /**
     * Unwraps a file key; the wrap key bytes are wiped.
     *
     * @param body 32-byte stanza body
     * @param wrapKey 32-byte wrap key, owned by the key during use, wiped afterwards
     * @return file key
     * @throws GeneralSecurityException when the body does not authenticate under the key
     */
    static FileKey unwrap(final byte[] body, final byte[] wrapKey) throws GeneralSecurityException {
        final CipherKey key = new CipherKey(wrapKey);
        try {
            return new FileKeyDecryptorFactory().newFileKeyDecryptor().getFileKey(new EncryptedFileKey(body), key);
        } finally {
            key.destroy();
            Arrays.fill(wrapKey, (byte) 0);
        }
    }
}
