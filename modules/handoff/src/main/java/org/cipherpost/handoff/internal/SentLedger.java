package org.cipherpost.handoff.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.ItemSalts;
import org.cipherpost.wire.MutableItem;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.ShareRef;

/**
 * The sent ledger: one file per share this home published, in a 0700 directory, written atomically with mode 0600;
 * read by revoke, republish and receipts.
 *
 * <pre>
 * sent/&lt;share_ref&gt; = "cipherpost-sent 1" LF
 *                   "record " Base64(OuterRecord JSON) LF         the item value (v1 TXT value bytes)
 *                   [ "item " seq SP Base64(signature) LF ]       the salted item as stored (absent: v1 layout only)
 *                   "recipient " z32 | "self" LF
 *                   "expires " unix-seconds LF
 *                   "mirror " "yes" | "no" LF                     the v1 _cipherpost record held it when sent
 *                   [ "keep-alive " unix-seconds LF ]             last renewal
 *                   [ "revoked " unix-seconds LF ]
 *                   [ "chunks " Base64(blob bytes) LF ]             a chunked share's ciphertext, to re-put its chunks
 * </pre>
 */
final class SentLedger {
    private static final String MAGIC = "cipherpost-sent 1";

    private final Path directory;

    /**
     * Creates a ledger over a directory, created on first write.
     *
     * @param directory the {@code sent} directory
     */
    SentLedger(final Path directory) {
        this.directory = Objects.requireNonNull(directory, "Sent directory required");
    }

    /**
     * A sent share.
     *
     * @param record the signed outer record
     * @param item its salted item as stored, empty when only the v1 packet holds it
     * @param mirrored true when the v1 record held it when sent
     * @param renewedAt last renewal, or empty
     * @param revokedAt withdrawal time, or empty
     * @param blobBytes a chunked share's blob bytes (ciphertext, PIN salt in front), empty otherwise
     */
    record Entry(OuterRecord record, Optional<MutableItem> item, boolean mirrored, OptionalLong renewedAt,
                 OptionalLong revokedAt, Optional<byte[]> blobBytes) {
        /**
         * Returns the share reference.
         *
         * @return share reference
         */
        ShareRef shareRef() {
            return record.shareRef();
        }

        /**
         * Returns the same entry renewed at a time.
         *
         * @param time UNIX seconds
         * @return entry
         */
        Entry renewed(final long time) {
            return new Entry(record, item, mirrored, OptionalLong.of(time), revokedAt, blobBytes);
        }

        /**
         * Returns the same entry withdrawn at a time.
         *
         * @param time UNIX seconds
         * @return entry
         */
        Entry revoked(final long time) {
            return new Entry(record, item, mirrored, renewedAt, OptionalLong.of(time), blobBytes);
        }
    }

    /**
     * Writes an entry.
     *
     * @param entry entry
     * @throws IOException when writing fails
     */
    void write(final Entry entry) throws IOException {
        final Map<String, String> fields = new LinkedHashMap<>();
        final OuterRecord record = entry.record();
        fields.put("record", Base64.getEncoder().encodeToString(record.toJson()));
        entry.item().ifPresent(item -> fields.put("item", item.seq() + " "
                + Base64.getEncoder().encodeToString(item.signature())));
        fields.put("recipient", record.recipientZ32().orElse("self"));
        fields.put("expires", Long.toString(record.expiresAt()));
        fields.put("mirror", entry.mirrored() ? "yes" : "no");
        entry.renewedAt().ifPresent(time -> fields.put("keep-alive", Long.toString(time)));
        entry.revokedAt().ifPresent(time -> fields.put("revoked", Long.toString(time)));
        entry.blobBytes().ifPresent(bytes -> fields.put("chunks", Base64.getEncoder().encodeToString(bytes)));
        LineRecord.write(file(record.shareRef()), MAGIC, fields);
    }

    /**
     * Reads the entry of a share.
     *
     * @param shareRef share reference
     * @return entry, empty when this home did not send it
     * @throws IOException when unreadable or malformed
     */
    Optional<Entry> read(final ShareRef shareRef) throws IOException {
        final Path file = file(shareRef);
        final Optional<Map<String, String>> fields = LineRecord.read(file, MAGIC);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        final Entry entry = parse(fields.get(), file);
        if (!entry.shareRef().equals(shareRef)) {
            throw new IOException(String.format("Ledger entry [%s] names another share", file));
        }
        return Optional.of(entry);
    }

    /**
     * Lists every readable entry; malformed ones are skipped.
     *
     * @return entries
     * @throws IOException when the directory cannot be listed
     */
    List<Entry> entries() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        final List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().length() != ShareRef.HEX_LENGTH) {
                    continue;
                }
                try {
                    final Optional<Map<String, String>> fields = LineRecord.read(file, MAGIC);
                    if (fields.isPresent()) {
                        entries.add(parse(fields.get(), file));
                    }
                } catch (final IOException e) {
                    // skipped: a damaged entry must not stop the others
                }
            }
        }
        return entries;
    }

    private static Entry parse(final Map<String, String> fields, final Path file) throws IOException {
        try {
            final byte[] json = Base64.getDecoder().decode(LineRecord.require(fields, "record", file));
            final OuterRecord record = OuterRecord.parse(json);
            Optional<MutableItem> item = Optional.empty();
            if (fields.containsKey("item")) {
                final String[] parts = fields.get("item").split(" ", 2);
                item = Optional.of(MutableItem.verify(record.publicKey(), ItemSalts.share(record.shareRef()),
                        Long.parseLong(parts[0]), BencodeBytes.of(json), Base64.getDecoder().decode(parts[1])));
            }
            final Optional<byte[]> blobBytes = fields.containsKey("chunks")
                    ? Optional.of(Base64.getDecoder().decode(fields.get("chunks"))) : Optional.empty();
            return new Entry(record, item, "yes".equals(fields.get("mirror")), optionalLong(fields, "keep-alive"),
                    optionalLong(fields, "revoked"), blobBytes);
        } catch (final IllegalArgumentException | IndexOutOfBoundsException | SignatureException e) {
            throw new IOException(String.format("Ledger entry [%s] malformed", file), e);
        }
    }

    private static OptionalLong optionalLong(final Map<String, String> fields, final String key) {
        return fields.containsKey(key) ? OptionalLong.of(Long.parseLong(fields.get(key))) : OptionalLong.empty();
    }

    private Path file(final ShareRef shareRef) {
        return directory.resolve(shareRef.hex());
    }
}
