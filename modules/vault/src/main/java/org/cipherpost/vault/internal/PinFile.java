package org.cipherpost.vault.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.cipherpost.crypto.SecureFiles;

/**
 * The device-side pin of the vault key: the newest secret generation this device verified and its key id. It lives
 * beside the device key, outside the vault directory, so that whoever can write the vault directory cannot roll the
 * vault key back or swap it for one of their own.
 *
 * <pre>
 * cipherpost-vault-pin v1
 * generation: 2
 * key-id: (32 hex)
 * </pre>
 *
 * @param generation pinned generation
 * @param keyId key id of that generation
 */
record PinFile(int generation, String keyId) {
    private static final String HEADER = "cipherpost-vault-pin v1";

    /**
     * Reads a pin file.
     *
     * @param file pin file
     * @return pin, or empty when the device never pinned this vault
     * @throws IOException when the file is unreadable or malformed
     */
    static Optional<PinFile> read(final Path file) throws IOException {
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (final NoSuchFileException e) {
            return Optional.empty();
        }
        final String[] lines = text.split("\n");
        if (lines.length != 3 || !HEADER.equals(lines[0]) || !lines[1].startsWith("generation: ")
                || !lines[2].startsWith("key-id: ")) {
            throw new IOException("Pin file [%s] is malformed".formatted(file));
        }
        try {
            return Optional.of(new PinFile(Integer.parseInt(lines[1].substring(12)), lines[2].substring(8)));
        } catch (final NumberFormatException e) {
            throw new IOException("Pin file [%s] is malformed".formatted(file), e);
        }
    }

    /**
     * Writes this pin atomically with mode 0600.
     *
     * @param file pin file
     * @throws IOException on I/O failure
     */
    void write(final Path file) throws IOException {
        SecureFiles.createPrivateDirectories(file.toAbsolutePath().getParent());
        final String text = HEADER + "\ngeneration: " + generation + "\nkey-id: " + keyId + "\n";
        SecureFiles.writeAtomically(file, text.getBytes(StandardCharsets.US_ASCII), SecureFiles.PRIVATE_FILE);
    }
}
