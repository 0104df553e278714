package org.cipherpost.vault.internal;

import java.util.List;
import java.util.Objects;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.EntrySummary;

/**
 * One line of the index: the entry file's size, modification time and SHA-256 (to detect staleness), the key
 * file's revision, and the entry's non-secret fields.
 *
 * @param id entry id
 * @param size entry file size
 * @param modified entry file modification time, nanoseconds since the epoch
 * @param sha256 hex SHA-256 of the entry file
 * @param keyRevision device-set revision of the key file
 * @param keySize key file size when last written or read
 * @param attachment whether the entry describes an attached file
 * @param attachmentSize size of the attached file
 * @param name name field, or null
 * @param username username field, or null
 * @param url url field, or null
 * @param tags tags
 */
record IndexRecord(EntryId id, long size, long modified, String sha256, long keyRevision, long keySize,
        boolean attachment,
        long attachmentSize, String name, String username, String url, List<String> tags) {
    /**
     * Validates and copies the components.
     *
     * @param id entry id
     * @param size entry file size
     * @param modified entry file modification time
     * @param sha256 entry file hash
     * @param keyRevision key file revision
     * @param keySize key file size
     * @param attachment whether it describes a file
     * @param attachmentSize file size
     * @param name name or null
     * @param username username or null
     * @param url url or null
     * @param tags tags
     */
    IndexRecord {
        Objects.requireNonNull(id, "Entry Id required");
        Objects.requireNonNull(sha256, "SHA-256 required");
        tags = List.copyOf(tags);
    }

    /**
     * Returns the public summary.
     *
     * @return summary
     */
    EntrySummary summary() {
        return new EntrySummary(id, name, username, url, tags, attachment, attachmentSize);
    }

    /**
     * Returns this record with a new file stamp.
     *
     * @param stamp entry file stamp
     * @return new record
     */
    IndexRecord withStamp(final FileStamp stamp) {
        return new IndexRecord(id, stamp.size(), stamp.modified(), sha256, keyRevision, keySize, attachment,
                attachmentSize, name, username, url, tags);
    }

    /**
     * Returns this record for a rewritten key file.
     *
     * @param revision key file revision
     * @param newKeySize key file size
     * @return new record
     */
    IndexRecord withKey(final long revision, final long newKeySize) {
        return new IndexRecord(id, size, modified, sha256, revision, newKeySize, attachment, attachmentSize, name,
                username, url, tags);
    }

    /**
     * Tells whether the entry file still has the stamp this record saw.
     *
     * @param stamp current stamp
     * @return true when size and modification time match
     */
    boolean matches(final FileStamp stamp) {
        return stamp != null && stamp.size() == size && stamp.modified() == modified;
    }
}
