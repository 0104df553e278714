package org.cipherpost.handoff.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.TxtData;

/** Edits of a key's PKARR records that replace one TXT record and keep every other record. */
final class RecordEdits {
    private RecordEdits() {
    }

    /**
     * Keeps every record except TXT records of the new record's name (case-insensitive), then adds the new one.
     *
     * @param current records published now
     * @param record TXT record to publish
     * @return new records
     */
    static List<ResourceRecord> replaceText(final List<ResourceRecord> current, final ResourceRecord record) {
        final String name = record.name().toLowerCase(Locale.ROOT);
        final List<ResourceRecord> records = new ArrayList<>(current.size() + 1);
        for (final ResourceRecord existing : current) {
            if (!(existing.data() instanceof TxtData && existing.name().toLowerCase(Locale.ROOT).equals(name))) {
                records.add(existing);
            }
        }
        records.add(record);
        return records;
    }
}
