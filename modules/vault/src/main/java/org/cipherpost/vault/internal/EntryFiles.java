package org.cipherpost.vault.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.crypto.NoMatchingIdentityException;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.MissingFileException;
import org.cipherpost.vault.NotWrappedToDeviceException;
import org.cipherpost.vault.TamperedFileException;
import org.cipherpost.vault.TruncatedFileException;

/**
 * Reads, decrypts and encrypts the files of one entry, turning every failure into one of the vault's distinct
 * exceptions: missing, truncated, tampered, or not wrapped to this device.
 */
final class EntryFiles {
    /** Largest key file read. */
    static final int MAXIMUM_KEY_FILE = 1 << 20;

    /** Largest entry file read into memory (attached files are streamed from blobs instead). */
    static final int MAXIMUM_ENTRY_FILE = 64 << 20;

    /** Largest vault-wide file (vault key, index) read into memory. */
    static final int MAXIMUM_VAULT_FILE = 1 << 30;

    private final VaultLayout layout;

    /**
     * Creates the helper.
     *
     * @param layout vault layout
     */
    EntryFiles(final VaultLayout layout) {
        this.layout = Objects.requireNonNull(layout, "Layout required");
    }

    /**
     * A decrypted entry and the evidence of the file it came from.
     *
     * @param entry the entry, owned by the holder
     * @param stamp entry file stamp read before its bytes
     * @param sha256 hex SHA-256 of the entry file
     */
    record Opened(Entry entry, FileStamp stamp, String sha256) implements AutoCloseable {
        @Override
        public void close() {
            entry.close();
        }
    }

    /**
     * Reads a whole file.
     *
     * @param file file
     * @param maximum largest size accepted
     * @return bytes
     * @throws MissingFileException when the file does not exist
     * @throws TamperedFileException when it is larger than the maximum
     * @throws IOException on I/O failure
     */
    byte[] read(final Path file, final long maximum) throws IOException, TamperedFileException {
        try {
            final long size = Files.size(file);
            if (size > maximum) {
                throw new TamperedFileException(layout.name(file), "larger than [%d] bytes".formatted(maximum));
            }
            return Files.readAllBytes(file);
        } catch (final NoSuchFileException e) {
            throw new MissingFileException(layout.name(file));
        }
    }

    /**
     * Decrypts a vault-wide or key file with the device key.
     *
     * @param file file
     * @param opener device key
     * @param maximum largest size accepted
     * @return plaintext, owned by the caller
     * @throws IOException when missing or truncated
     * @throws GeneralSecurityException when tampered or not wrapped to the device
     */
    SecretBytes decrypt(final Path file, final DeviceKey opener, final long maximum)
            throws IOException, GeneralSecurityException {
        final byte[] ciphertext = read(file, maximum);
        try {
            return opener.decrypt(ciphertext);
        } catch (final NoMatchingIdentityException e) {
            throw new NotWrappedToDeviceException(layout.name(file));
        } catch (final IOException | GeneralSecurityException e) {
            throw classify(file, ciphertext, e);
        }
    }

    /**
     * Opens an entry's key file.
     *
     * @param id entry id
     * @param opener device key
     * @return Entry Key, owned by the caller
     * @throws IOException when missing or truncated
     * @throws GeneralSecurityException when tampered, not wrapped to the device, or holding another entry's key
     */
    EntryKey openKey(final EntryId id, final DeviceKey opener) throws IOException, GeneralSecurityException {
        final Path file = layout.key(id);
        final EntryKey key;
        try (SecretBytes plaintext = decrypt(file, opener, MAXIMUM_KEY_FILE)) {
            key = EntryKey.decode(plaintext);
        } catch (final TruncatedFileException | MissingFileException e) {
            throw e;
        } catch (final IOException e) {
            throw new TamperedFileException(layout.name(file), e.getMessage());
        }
        if (!key.id().equals(id)) {
            key.close();
            throw new TamperedFileException(layout.name(file), "it holds the key of another entry");
        }
        return key;
    }

    /**
     * Opens an entry file with its key.
     *
     * @param id entry id
     * @param key Entry Key
     * @return decrypted entry with its file evidence
     * @throws IOException when missing or truncated
     * @throws GeneralSecurityException when tampered or not encrypted to its key
     */
    Opened openEntry(final EntryId id, final EntryKey key) throws IOException, GeneralSecurityException {
        final Path file = layout.entry(id);
        final FileStamp stamp = FileStamp.of(file);
        final byte[] ciphertext = read(file, MAXIMUM_ENTRY_FILE);
        final String sha256 = Hashes.hex(Hashes.sha256(ciphertext));
        try (SecretBytes plaintext = Age.decrypt(ciphertext, List.of(key.identity()))) {
            return new Opened(Entry.parse(plaintext), stamp, sha256);
        } catch (final NoMatchingIdentityException e) {
            throw new TamperedFileException(layout.name(file), "it is not encrypted to its entry key");
        } catch (final IOException | GeneralSecurityException e) {
            throw classify(file, ciphertext, e);
        }
    }

    /**
     * Encrypts a key file to the manifest's recipients and the key's shares.
     *
     * @param key Entry Key
     * @param manifest manifest
     * @return key file bytes
     * @throws GeneralSecurityException on encryption failure
     */
    static byte[] sealKey(final EntryKey key, final Manifest manifest) throws GeneralSecurityException {
        try (SecretBytes plaintext = key.encode()) {
            return Age.encrypt(plaintext.bytes(), key.recipients(manifest));
        }
    }

    /**
     * Encrypts an entry to its Entry Key.
     *
     * @param entry entry
     * @param recipient the Entry Key's recipient
     * @return entry file bytes
     * @throws GeneralSecurityException on encryption failure
     */
    static byte[] sealEntry(final Entry entry, final AgeRecipient recipient) throws GeneralSecurityException {
        try (SecretBytes plaintext = entry.toBytes()) {
            return Age.encrypt(plaintext.bytes(), List.of(recipient));
        }
    }

    /**
     * Streams an attached file's plaintext out.
     *
     * @param id entry id
     * @param key Entry Key
     * @param out destination
     * @return bytes written
     * @throws IOException when missing, truncated or on I/O failure
     * @throws GeneralSecurityException when tampered
     */
    long streamBlob(final EntryId id, final EntryKey key, final OutputStream out)
            throws IOException, GeneralSecurityException {
        final Path file = layout.blob(id);
        try (InputStream in = Files.newInputStream(file)) {
            return Age.decrypt(in, out, List.of(key.identity()));
        } catch (final NoSuchFileException e) {
            throw new MissingFileException(layout.name(file));
        } catch (final NoMatchingIdentityException e) {
            throw new TamperedFileException(layout.name(file), "it is not encrypted to its entry key");
        } catch (final EOFException e) {
            throw new TruncatedFileException(layout.name(file));
        } catch (final GeneralSecurityException e) {
            throw new TamperedFileException(layout.name(file), "authentication failed");
        }
    }

    /**
     * Names a decryption failure of an in-memory file: EOF means truncated (returned for the caller to throw),
     * anything else tampered (thrown here).
     *
     * @param file file
     * @param bytes the file's bytes
     * @param failure failure from age
     * @return the truncation to throw
     * @throws TamperedFileException for every failure other than a truncation
     */
    TruncatedFileException classify(final Path file, final byte[] bytes, final Exception failure)
            throws TamperedFileException {
        final String name = layout.name(file);
        if (failure instanceof EOFException || AgeShape.truncated(bytes)) {
            return new TruncatedFileException(name);
        }
        final TamperedFileException tampered = failure instanceof IOException
                ? new TamperedFileException(name, "not a well-formed age file")
                : new TamperedFileException(name, "authentication failed");
        tampered.initCause(failure);
        throw tampered;
    }
}
