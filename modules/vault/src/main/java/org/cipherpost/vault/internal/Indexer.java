package org.cipherpost.vault.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.Field;
import org.cipherpost.vault.Fields;

/** Builds index records from decrypted entries, reading only the non-secret fields. */
final class Indexer {
    /** Field of an attachment entry holding the attached file's size. */
    static final String ATTACHMENT_SIZE = "attachment-size";

    /** Field of an attachment entry holding the attached file's SHA-256 (hex). */
    static final String ATTACHMENT_SHA256 = "attachment-sha256";

    private Indexer() {
    }

    /**
     * Builds the record of an entry.
     *
     * @param id entry id
     * @param entry decrypted entry
     * @param stamp entry file stamp
     * @param sha256 hex SHA-256 of the entry file
     * @param keyRevision key file revision
     * @param keySize key file size
     * @return record
     */
    static IndexRecord record(final EntryId id, final Entry entry, final FileStamp stamp, final String sha256,
            final long keyRevision, final long keySize) {
        final List<String> tags = new ArrayList<>();
        for (final Field field : entry.fields()) {
            if (field.hasName(Fields.TAG)) {
                addTag(tags, field.valueText());
            } else if (field.hasName(Fields.TAGS)) {
                for (final String tag : field.valueText().split(",")) {
                    addTag(tags, tag);
                }
            }
        }
        final boolean attachment = entry.first(ATTACHMENT_SHA256).isPresent();
        long attachmentSize = 0;
        if (attachment) {
            try {
                attachmentSize = Long.parseLong(text(entry, ATTACHMENT_SIZE).orElse("0"));
            } catch (final NumberFormatException e) {
                attachmentSize = -1;
            }
        }
        return new IndexRecord(id, stamp.size(), stamp.modified(), sha256, keyRevision, keySize, attachment,
                attachmentSize,
                text(entry, Fields.NAME).orElse(null), text(entry, Fields.USERNAME).orElse(null),
                text(entry, Fields.URL).orElse(null), tags);
    }

    /**
     * Returns the text of the first field with a name, if non-empty.
     *
     * @param entry entry
     * @param name field name (must not be a secret field)
     * @return value text
     */
    static Optional<String> text(final Entry entry, final String name) {
        return entry.first(name).map(Field::valueText).filter(value -> !value.isEmpty());
    }

    /** Adds a trimmed, non-empty tag once. */
    private static void addTag(final List<String> tags, final String tag) {
        final String trimmed = tag.strip();
        if (!trimmed.isEmpty() && !tags.contains(trimmed)) {
            tags.add(trimmed);
        }
    }
}
