package org.cipherpost.handoff.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cipherpost.wire.DhtLabels;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.ShareRef;
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

    /**
     * Keeps every record except the {@code _cipherpost} TXT records that hold a given share.
     *
     * @param current records published now
     * @param shareRef share to remove
     * @return new records
     */
    static List<ResourceRecord> removeShare(final List<ResourceRecord> current, final ShareRef shareRef) {
        final List<ResourceRecord> records = new ArrayList<>(current.size());
        for (final ResourceRecord existing : current) {
            if (!holdsShare(existing, shareRef)) {
                records.add(existing);
            }
        }
        return records;
    }

    /**
     * Tells whether a record is a {@code _cipherpost} TXT record whose outer record names a share.
     *
     * @param record record
     * @param shareRef share
     * @return true when it holds that share
     */
    static boolean holdsShare(final ResourceRecord record, final ShareRef shareRef) {
        if (!(record.data() instanceof TxtData txt) || !record.name().toLowerCase(Locale.ROOT).equals(DhtLabels.OUTER)) {
            return false;
        }
        try {
            return OuterRecord.parse(txt.value()).shareRef().equals(shareRef);
        } catch (final IOException e) {
            return false;
        }
    }
}
