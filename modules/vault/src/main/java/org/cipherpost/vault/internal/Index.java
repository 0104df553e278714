package org.cipherpost.vault.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cipherpost.vault.EntryId;

/** The index in memory: immutable, copied on change, with a lazily built name lookup. */
final class Index {
    /** Order of listings: by name (entries without one last), then id. */
    static final Comparator<IndexRecord> ORDER = Comparator
            .comparing(IndexRecord::name, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(IndexRecord::id);

    private static final Index EMPTY = new Index(Map.of());

    private final Map<EntryId, IndexRecord> records;
    private volatile Map<String, List<EntryId>> byName;

    /** Wraps a map that is never changed afterwards. */
    private Index(final Map<EntryId, IndexRecord> records) {
        this.records = records;
    }

    /** Returns the empty index. */
    static Index empty() {
        return EMPTY;
    }

    /**
     * Creates an index from records.
     *
     * @param records records, ids unique
     * @return index
     */
    static Index of(final Collection<IndexRecord> records) {
        final Map<EntryId, IndexRecord> map = new HashMap<>(records.size() * 2);
        for (final IndexRecord record : records) {
            map.put(record.id(), record);
        }
        return new Index(map);
    }

    /** Returns the record of an id, or null. */
    IndexRecord get(final EntryId id) {
        return records.get(id);
    }

    /** Returns every record, in no particular order. */
    Collection<IndexRecord> records() {
        return records.values();
    }

    /** Returns the number of records. */
    int size() {
        return records.size();
    }

    /**
     * Returns the ids of the entries with exactly this name, sorted.
     *
     * @param name name
     * @return ids, possibly empty
     */
    List<EntryId> idsNamed(final String name) {
        Map<String, List<EntryId>> names = byName;
        if (names == null) {
            names = new HashMap<>();
            for (final IndexRecord record : records.values()) {
                if (record.name() != null) {
                    names.computeIfAbsent(record.name(), key -> new ArrayList<>()).add(record.id());
                }
            }
            for (final List<EntryId> ids : names.values()) {
                ids.sort(Comparator.naturalOrder());
            }
            byName = names;
        }
        return List.copyOf(names.getOrDefault(name, List.of()));
    }

    /**
     * Returns the index with records added or replaced and ids removed.
     *
     * @param put records to add or replace
     * @param remove ids to remove
     * @return new index
     */
    Index with(final Collection<IndexRecord> put, final Collection<EntryId> remove) {
        final Map<EntryId, IndexRecord> map = new HashMap<>(records);
        for (final EntryId id : remove) {
            map.remove(id);
        }
        for (final IndexRecord record : put) {
            map.put(record.id(), record);
        }
        return new Index(map);
    }

    /**
     * Returns the index with one record added or replaced.
     *
     * @param record record
     * @return new index
     */
    Index with(final IndexRecord record) {
        return with(List.of(record), List.of());
    }

    /**
     * Returns the index without an id.
     *
     * @param id id
     * @return new index
     */
    Index without(final EntryId id) {
        return with(List.of(), List.of(id));
    }
}
