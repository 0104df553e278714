package org.cipherpost.vault;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the encrypted index knows about an entry: never the secret or any field other than name, username, url and
 * tags.
 *
 * @param id entry id
 * @param name value of the {@code name} field, or null when the entry has none
 * @param username value of the {@code username} field, or null
 * @param url value of the {@code url} field, or null
 * @param tags tags from {@code tag} fields and comma-separated {@code tags} fields, in file order
 * @param attachment whether the entry describes an attached file
 * @param attachmentSize size in bytes of the attached file, 0 for ordinary entries
 */
public record EntrySummary(EntryId id, String name, String username, String url, List<String> tags,
        boolean attachment, long attachmentSize) {
    /**
     * Validates and copies the components.
     *
     * @param id entry id
     * @param name name or null
     * @param username username or null
     * @param url url or null
     * @param tags tags
     * @param attachment whether the entry describes an attached file
     * @param attachmentSize size of the attached file
     */
    public EntrySummary {
        Objects.requireNonNull(id, "Entry Id required");
        tags = List.copyOf(Objects.requireNonNull(tags, "Tags required"));
    }

    /**
     * Returns the name, if the entry has one.
     *
     * @return name
     */
    public Optional<String> nameIfAny() {
        return Optional.ofNullable(name);
    }
}
