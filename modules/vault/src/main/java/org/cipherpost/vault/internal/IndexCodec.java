package org.cipherpost.vault.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.TamperedFileException;

/**
 * Reads and writes the index plaintext (the content of the age file {@code index.age}): UTF-8, LF line ends,
 * tab-separated columns escaped with {@link Percent}, the MAC last.
 *
 * <pre>
 * cipherpost-vault-index v1
 * vault-id: (32 hex)
 * generation: 2
 * entry TAB id TAB size TAB mtime-ns TAB sha256 TAB key-revision TAB key-size TAB e|a TAB file-size TAB name TAB username TAB url TAB tags
 * mac: (64 hex) HMAC-SHA256 under the generation's index MAC key over every byte before this line
 * </pre>
 * Empty name, username or url columns mean the field is absent; tags are joined by commas.
 */
final class IndexCodec {
    /** First line. */
    static final String HEADER = "cipherpost-vault-index v1";

    private static final String MAC_PREFIX = "mac: ";
    private static final int COLUMNS = 13;

    private IndexCodec() {
    }

    /**
     * Writes the index plaintext, MAC'd under a generation.
     *
     * @param index index
     * @param vaultId vault id
     * @param generation secret generation
     * @param secrets vault secrets
     * @return plaintext
     */
    static byte[] encode(final Index index, final String vaultId, final int generation, final VaultSecrets secrets) {
        final StringBuilder text = new StringBuilder(128 + index.size() * 200);
        text.append(HEADER).append('\n');
        text.append("vault-id: ").append(vaultId).append('\n');
        text.append("generation: ").append(generation).append('\n');
        final List<IndexRecord> records = new ArrayList<>(index.records());
        records.sort(Index.ORDER);
        for (final IndexRecord record : records) {
            text.append("entry\t").append(record.id().value())
                    .append('\t').append(record.size())
                    .append('\t').append(record.modified())
                    .append('\t').append(record.sha256())
                    .append('\t').append(record.keyRevision())
                    .append('\t').append(record.keySize())
                    .append('\t').append(record.attachment() ? 'a' : 'e')
                    .append('\t').append(record.attachmentSize())
                    .append('\t').append(text(record.name()))
                    .append('\t').append(text(record.username()))
                    .append('\t').append(text(record.url()))
                    .append('\t');
            for (int i = 0; i < record.tags().size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(Percent.encode(record.tags().get(i)));
            }
            text.append('\n');
        }
        final byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        final byte[] tail = (MAC_PREFIX + Hashes.hex(secrets.mac(generation, VaultSecrets.INDEX_MAC, body, body.length))
                + "\n").getBytes(StandardCharsets.US_ASCII);
        final byte[] out = new byte[body.length + tail.length];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(tail, 0, out, body.length, tail.length);
        return out;
    }

    /**
     * Reads and verifies the index plaintext.
     *
     * @param plaintext plaintext
     * @param vaultId expected vault id
     * @param secrets vault secrets
     * @param file file name for messages
     * @return index
     * @throws TamperedFileException when it is malformed, of another vault, or its MAC fails
     */
    static Index decode(final byte[] plaintext, final String vaultId, final VaultSecrets secrets, final String file)
            throws TamperedFileException {
        try {
            final String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plaintext)).toString();
            if (!text.endsWith("\n")) {
                throw new IOException("does not end with a line feed");
            }
            final int macStart = text.lastIndexOf('\n', text.length() - 2) + 1;
            final String macLine = text.substring(macStart, text.length() - 1);
            if (!macLine.startsWith(MAC_PREFIX) || macLine.length() != MAC_PREFIX.length() + 64) {
                throw new IOException("MAC line missing");
            }
            final byte[] mac = Hashes.unhex(macLine.substring(MAC_PREFIX.length()));
            final int macOffset = plaintext.length - macLine.length() - 1;
            final String[] lines = text.substring(0, macStart).split("\n");
            if (lines.length < 3 || !HEADER.equals(lines[0]) || !("vault-id: " + vaultId).equals(lines[1])
                    || !lines[2].startsWith("generation: ")) {
                throw new IOException("header is not that of this vault's index");
            }
            final int generation = Integer.parseInt(lines[2].substring("generation: ".length()));
            if (!secrets.verify(generation, VaultSecrets.INDEX_MAC, plaintext, macOffset, mac)) {
                throw new TamperedFileException(file, "MAC does not match");
            }
            final List<IndexRecord> records = new ArrayList<>(lines.length);
            for (int i = 3; i < lines.length; i++) {
                records.add(record(lines[i]));
            }
            return Index.of(records);
        } catch (final CharacterCodingException e) {
            throw new TamperedFileException(file, "not UTF-8 text");
        } catch (final IOException | IllegalArgumentException e) {
            throw new TamperedFileException(file, "index malformed (%s)".formatted(e.getMessage()));
        }
    }

    /** Parses one entry line. */
    private static IndexRecord record(final String line) throws IOException {
        final String[] columns = line.split("\t", -1);
        if (columns.length != COLUMNS || !"entry".equals(columns[0])) {
            throw new IOException("entry line malformed");
        }
        final List<String> tags = new ArrayList<>();
        if (!columns[12].isEmpty()) {
            for (final String tag : columns[12].split(",", -1)) {
                tags.add(Percent.decode(tag));
            }
        }
        if (!"a".equals(columns[7]) && !"e".equals(columns[7])) {
            throw new IOException("entry kind malformed");
        }
        return new IndexRecord(new EntryId(columns[1]), Long.parseLong(columns[2]), Long.parseLong(columns[3]),
                columns[4], Long.parseLong(columns[5]), Long.parseLong(columns[6]), "a".equals(columns[7]),
                Long.parseLong(columns[8]), optional(columns[9]), optional(columns[10]), optional(columns[11]), tags);
    }

    /** Escapes an optional column. */
    private static String text(final String value) {
        return value == null ? "" : Percent.encode(value);
    }

    /** Unescapes an optional column. */
    private static String optional(final String column) throws IOException {
        return column.isEmpty() ? null : Percent.decode(column);
    }
}
