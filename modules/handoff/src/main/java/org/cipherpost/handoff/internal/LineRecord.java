package org.cipherpost.handoff.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cipherpost.crypto.SecureFiles;

/**
 * A ledger file: a magic line, then one {@code key SP value} line per field, read and written whole.
 *
 * <pre>
 * file = magic LF *( key SP value LF )      keys are unique lowercase words, values hold no LF
 * </pre>
 */
final class LineRecord {
    private LineRecord() {
    }

    /**
     * Reads a ledger file.
     *
     * @param file file
     * @param magic expected first line
     * @return fields in file order, or empty when the file does not exist
     * @throws IOException when unreadable or malformed
     */
    static Optional<Map<String, String>> read(final Path file, final String magic) throws IOException {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (final NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty() || !lines.get(0).equals(magic)) {
            throw new IOException(String.format("Ledger entry [%s] malformed", file));
        }
        final Map<String, String> fields = new LinkedHashMap<>();
        for (final String line : lines.subList(1, lines.size())) {
            final int space = line.indexOf(' ');
            if (space <= 0 || fields.putIfAbsent(line.substring(0, space), line.substring(space + 1)) != null) {
                throw new IOException(String.format("Ledger entry [%s] malformed", file));
            }
        }
        return Optional.of(fields);
    }

    /**
     * Writes a ledger file atomically with mode 0600 in a 0700 directory.
     *
     * @param file file
     * @param magic first line
     * @param fields fields in order
     * @throws IOException when writing fails
     */
    static void write(final Path file, final String magic, final Map<String, String> fields) throws IOException {
        SecureFiles.createPrivateDirectories(file.getParent());
        final StringBuilder text = new StringBuilder(magic).append('\n');
        for (final Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getValue().indexOf('\n') >= 0 || field.getKey().indexOf(' ') >= 0) {
                throw new IllegalArgumentException(String.format("Ledger field [%s] not writable", field.getKey()));
            }
            text.append(field.getKey()).append(' ').append(field.getValue()).append('\n');
        }
        SecureFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8), SecureFiles.PRIVATE_FILE);
    }

    /**
     * Returns a required field.
     *
     * @param fields fields
     * @param key key
     * @param file file, for the message
     * @return value
     * @throws IOException when missing
     */
    static String require(final Map<String, String> fields, final String key, final Path file) throws IOException {
        final String value = fields.get(key);
        if (value == null) {
            throw new IOException(String.format("Ledger entry [%s] lacks [%s]", file, key));
        }
        return value;
    }
}
