package org.cipherpost.vault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A search over the index: every given criterion must hold; text matches ignore case.
 *
 * @param nameContains substring of the name, or null for any name
 * @param tags tags that must all be present (whole tags, ignoring case)
 * @param fields indexed fields ({@code username}, {@code url}, {@code name}) and substrings their value must contain
 */
public record EntryQuery(String nameContains, List<String> tags, Map<String, String> fields) {
    /** The fields the index holds and a query may name. */
    public static final Set<String> INDEXED_FIELDS = Set.of(Fields.NAME, Fields.USERNAME, Fields.URL);

    /**
     * Validates and copies the criteria.
     *
     * @param nameContains substring of the name, or null
     * @param tags required tags
     * @param fields required field substrings
     */
    public EntryQuery {
        tags = List.copyOf(Objects.requireNonNull(tags, "Tags required"));
        Objects.requireNonNull(fields, "Fields required");
        final Map<String, String> normalized = new LinkedHashMap<>();
        for (final Map.Entry<String, String> field : fields.entrySet()) {
            final String key = field.getKey().toLowerCase(Locale.ROOT);
            if (!INDEXED_FIELDS.contains(key)) {
                throw new IllegalArgumentException("Field [%s] is not indexed: use one of %s"
                        .formatted(field.getKey(), INDEXED_FIELDS.stream().sorted().toList()));
            }
            normalized.put(key, Objects.requireNonNull(field.getValue(), "Field Value required"));
        }
        fields = Map.copyOf(normalized);
    }

    /**
     * Returns the query that matches every entry.
     *
     * @return query
     */
    public static EntryQuery all() {
        return new EntryQuery(null, List.of(), Map.of());
    }

    /**
     * Returns a query for names containing the given text.
     *
     * @param text substring, ignoring case
     * @return query
     */
    public static EntryQuery nameContains(final String text) {
        return new EntryQuery(Objects.requireNonNull(text, "Name required"), List.of(), Map.of());
    }

    /**
     * Returns this query also requiring a tag.
     *
     * @param tag tag
     * @return new query
     */
    public EntryQuery withTag(final String tag) {
        final List<String> more = new ArrayList<>(tags);
        more.add(Objects.requireNonNull(tag, "Tag required"));
        return new EntryQuery(nameContains, more, fields);
    }

    /**
     * Returns this query also requiring an indexed field to contain a value.
     *
     * @param field {@code username}, {@code url} or {@code name}
     * @param contains substring, ignoring case
     * @return new query
     */
    public EntryQuery withField(final String field, final String contains) {
        final Map<String, String> more = new LinkedHashMap<>(fields);
        more.put(Objects.requireNonNull(field, "Field required"), contains);
        return new EntryQuery(nameContains, tags, more);
    }

    /**
     * Tells whether an entry summary satisfies every criterion.
     *
     * @param summary entry summary from the index
     * @return true when it matches
     */
    public boolean matches(final EntrySummary summary) {
        if (nameContains != null && !contains(summary.name(), nameContains)) {
            return false;
        }
        for (final String tag : tags) {
            if (summary.tags().stream().noneMatch(tag::equalsIgnoreCase)) {
                return false;
            }
        }
        for (final Map.Entry<String, String> field : fields.entrySet()) {
            final String value = switch (field.getKey()) {
                case Fields.NAME -> summary.name();
                case Fields.USERNAME -> summary.username();
                default -> summary.url();
            };
            if (!contains(value, field.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Case-insensitive substring test where a missing value never matches. */
    private static boolean contains(final String value, final String part) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
