package org.cipherpost.cli.vault;

import java.util.ArrayList;
import java.util.List;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.Fields;

/** The {@code --field KEY=VALUE} options: parsed, checked, and added to an entry. */
final class EntryFields {
    private EntryFields() {
    }

    /**
     * Parses {@code KEY=VALUE} pairs.
     *
     * @param pairs option values
     * @return name and value of each, in order
     * @throws CliException with exit 64 when a pair has no {@code =}, an empty key or names the {@code name} field
     */
    static List<String[]> parse(final List<String> pairs) throws CliException {
        final List<String[]> parsed = new ArrayList<>();
        for (final String pair : pairs) {
            final int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new CliException(ExitCodes.USAGE, "--field [" + pair.substring(0, Math.min(pair.length(), 40))
                        + "...] is not KEY=VALUE");
            }
            final String key = pair.substring(0, equals).strip();
            if (key.isEmpty() || key.contains(": ") || key.contains("\n") || key.contains("\r")) {
                throw new CliException(ExitCodes.USAGE, "--field key [" + key + "] is empty or contains ': ' or a line break");
            }
            if (key.equalsIgnoreCase(Fields.NAME)) {
                throw new CliException(ExitCodes.USAGE, "the name field is the entry name: give it as NAME, not with --field");
            }
            final String value = pair.substring(equals + 1);
            if (value.contains("\n") || value.endsWith("\r")) {
                throw new CliException(ExitCodes.USAGE, "--field [" + key + "] value contains a line break");
            }
            parsed.add(new String[] {key, value});
        }
        return parsed;
    }

    /**
     * Returns a new entry with the fields appended after the existing ones.
     *
     * @param entry base entry; the caller keeps and closes it
     * @param fields parsed fields
     * @return new entry, owned by the caller
     */
    static Entry withFields(final Entry entry, final List<String[]> fields) {
        Entry current;
        try (SecretBytes bytes = entry.toBytes()) {
            current = Entry.parse(bytes);
        }
        for (final String[] field : fields) {
            final Entry next = current.withAddedField(field[0], field[1]);
            current.close();
            current = next;
        }
        return current;
    }
}
