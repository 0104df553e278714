package org.cipherpost.vault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Splits entry bytes into secret line, field lines, optional blank line and notes, losing no byte.
 *
 * <pre>
 * entry     = secret-line *field-line [blank-line] notes
 * line end  = LF / CR LF; only the last line may lack one (a lone CR is content)
 * field     = 1*byte ": " *byte     split at the FIRST ": "; the name may not be empty
 * blank     = a line with no content, only right after the fields
 * notes     = every byte from the first line that is neither a field nor that blank line
 * </pre>
 *
 * Every byte sequence is an entry; parsing never fails.
 */
final class EntryParser {
    private final byte[] input;
    private int position;

    private EntryParser(final byte[] input) {
        this.input = input;
    }

    /**
     * Parses a copy of the given bytes into an entry.
     *
     * @param input entry bytes; the caller keeps (and should wipe) the array
     * @return parsed entry
     */
    static Entry parse(final byte[] input) {
        Objects.requireNonNull(input, "Entry bytes required");
        return new EntryParser(input).parseEntry();
    }

    /** Reads the secret line, the field lines, the optional blank line and the notes. */
    private Entry parseEntry() {
        final int secretEnd = contentEnd();
        final byte[] secret = Arrays.copyOfRange(input, position, secretEnd);
        final LineEnd secretLineEnd = advance(secretEnd);

        final List<Field> fields = new ArrayList<>();
        while (position < input.length) {
            final int lineEnd = contentEnd();
            final int colon = fieldSeparator(position, lineEnd);
            if (colon < 0) {
                break;
            }
            final byte[] name = Arrays.copyOfRange(input, position, colon);
            final byte[] value = Arrays.copyOfRange(input, colon + 2, lineEnd);
            fields.add(new Field(name, value, advance(lineEnd)));
        }

        LineEnd blank = LineEnd.NONE;
        if (position < input.length && contentEnd() == position) {
            blank = advance(position);
        }
        final byte[] notes = Arrays.copyOfRange(input, position, input.length);
        return new Entry(secret, secretLineEnd, fields, blank, notes);
    }

    /** Returns the index where the current line's content ends (before CR LF, LF or the end of input). */
    private int contentEnd() {
        for (int i = position; i < input.length; i++) {
            if (input[i] == '\n') {
                return i > position && input[i - 1] == '\r' ? i - 1 : i;
            }
        }
        return input.length;
    }

    /** Moves past the current line whose content ends at the given index and returns how it ended. */
    private LineEnd advance(final int contentEnd) {
        if (contentEnd >= input.length) {
            position = input.length;
            return LineEnd.NONE;
        }
        if (input[contentEnd] == '\r') {
            position = contentEnd + 2;
            return LineEnd.CRLF;
        }
        position = contentEnd + 1;
        return LineEnd.LF;
    }

    /** Returns the index of the first ": " in the range when a non-empty name precedes it, or -1. */
    private int fieldSeparator(final int from, final int to) {
        for (int i = from; i + 1 < to; i++) {
            if (input[i] == ':' && input[i + 1] == ' ') {
                return i > from ? i : -1;
            }
        }
        return -1;
    }
}
