package org.cipherpost.vault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Destroyable;
import org.cipherpost.crypto.SecretBytes;

/**
 * One vault entry: plaintext bytes whose first line is the secret, then {@code FIELD: VALUE} lines, then notes.
 *
 * <pre>
 * correct horse battery staple      secret: the whole first line, never decoded to a String
 * name: example.com                 fields: split at the first ": ", repeatable, any order
 * tag: comics
 *                                   optional blank line between fields and notes (kept)
 * Free text, even "x: y" lines.     notes: from the first line that is not a field to the end
 * </pre>
 *
 * <p>Lossless: {@link #toBytes()} of a parsed entry returns exactly the parsed bytes, for every input (CR LF
 * and LF kept per line, a missing final newline kept, any byte including NUL and invalid UTF-8 kept). A line
 * starting with {@code ": "} or a line {@code "k:"} without the space is not a field, so it starts the notes.
 *
 * <p>No secret: the first line is always the secret, even when it looks like a field. An entry without a
 * secret keeps an empty first line ({@code "\nname: example\n"}); {@link #hasSecret()} is then false and
 * {@link #secret()} is empty. The empty input is an entry with an empty secret and nothing else.
 *
 * <p>Field values may be secret ({@code pin: 1234}), so fields keep their raw bytes and decode only on demand;
 * see {@link Field}. Name lookups ignore case; a name that is not valid UTF-8 never matches a lookup.
 *
 * <p>Immutable: the {@code with...} methods return a new entry that changes only the bytes they name. Lines
 * they add use the entry's newline (CR LF when its first line break is CR LF, else LF); an entry that did not
 * end with a newline still does not. Every entry owns its bytes: close each one, including derived ones.
 */
public final class Entry implements Destroyable, AutoCloseable {
    private final byte[] secret;
    private final LineEnd secretEnd;
    private final List<Field> fields;
    private final LineEnd blankLine;
    private final byte[] notes;
    private volatile boolean destroyed;

    /**
     * Creates an entry that owns the given arrays and fields.
     *
     * @param secret secret line content
     * @param secretEnd how the secret line ends
     * @param fields field lines in order
     * @param blankLine ending of the blank line before the notes, or {@link LineEnd#NONE} when there is none
     * @param notes every byte after the fields and the blank line
     */
    Entry(final byte[] secret, final LineEnd secretEnd, final List<Field> fields, final LineEnd blankLine,
            final byte[] notes) {
        this.secret = Objects.requireNonNull(secret, "Secret required");
        this.secretEnd = Objects.requireNonNull(secretEnd, "Secret Line End required");
        this.fields = List.copyOf(Objects.requireNonNull(fields, "Fields required"));
        this.blankLine = Objects.requireNonNull(blankLine, "Blank Line End required");
        this.notes = Objects.requireNonNull(notes, "Notes required");
    }

    /**
     * Parses entry bytes; every byte sequence is an entry.
     *
     * @param bytes entry bytes; copied, so the caller keeps (and should wipe) the array
     * @return parsed entry
     */
    public static Entry parse(final byte[] bytes) {
        return EntryParser.parse(bytes);
    }

    /**
     * Parses entry bytes held in a secret holder.
     *
     * @param bytes entry bytes; copied, the holder stays the caller's
     * @return parsed entry
     */
    public static Entry parse(final SecretBytes bytes) {
        Objects.requireNonNull(bytes, "Entry bytes required");
        return EntryParser.parse(bytes.bytes());
    }

    /**
     * Creates a new entry holding only the given secret line, ended by a line feed.
     *
     * @param secret the secret, without line feed and not ending with a carriage return; may be empty
     * @return new entry
     */
    public static Entry create(final SecretBytes secret) {
        return new Entry(checkedLine(secret, "Secret"), LineEnd.LF, List.of(), LineEnd.NONE, new byte[0]);
    }

    /**
     * Prints the entry into a new holder the caller owns; for a parsed entry these are exactly the parsed bytes.
     *
     * @return entry bytes
     */
    public SecretBytes toBytes() {
        ensureLive();
        int length = secret.length + secretEnd.length() + blankLine.length() + notes.length;
        for (final Field field : fields) {
            length += field.printedLength();
        }
        final byte[] out = new byte[length];
        System.arraycopy(secret, 0, out, 0, secret.length);
        int at = secretEnd.writeTo(out, secret.length);
        for (final Field field : fields) {
            at = field.writeTo(out, at);
        }
        at = blankLine.writeTo(out, at);
        System.arraycopy(notes, 0, out, at, notes.length);
        return SecretBytes.wrap(out);
    }

    /**
     * Prints the entry to a stream without an intermediate copy of the whole entry.
     *
     * @param out stream to write to; not closed
     * @throws IOException when writing fails
     */
    public void writeTo(final OutputStream out) throws IOException {
        Objects.requireNonNull(out, "Output Stream required");
        ensureLive();
        out.write(secret);
        secretEnd.writeTo(out);
        for (final Field field : fields) {
            field.writeTo(out);
        }
        blankLine.writeTo(out);
        out.write(notes);
    }

    /**
     * Returns a copy of the secret (the first line without its line end) that the caller owns and must close.
     *
     * @return secret bytes, empty when the first line is blank
     */
    public SecretBytes secret() {
        ensureLive();
        return SecretBytes.copyOf(secret);
    }

    /**
     * Tells whether the first line holds a secret.
     *
     * @return false when the first line is empty
     */
    public boolean hasSecret() {
        ensureLive();
        return secret.length > 0;
    }

    /**
     * Returns the fields in file order.
     *
     * @return unmodifiable list of fields, valid while this entry is open
     */
    public List<Field> fields() {
        ensureLive();
        return fields;
    }

    /**
     * Returns the first field with the given name, ignoring case.
     *
     * @param name field name, such as {@link Fields#NAME}
     * @return first matching field, or empty
     */
    public Optional<Field> first(final String name) {
        Objects.requireNonNull(name, "Field Name required");
        ensureLive();
        return fields.stream().filter(field -> field.hasName(name)).findFirst();
    }

    /**
     * Returns every field with the given name, ignoring case, in file order.
     *
     * @param name field name, such as {@link Fields#TAG}
     * @return unmodifiable list of matching fields, possibly empty
     */
    public List<Field> all(final String name) {
        Objects.requireNonNull(name, "Field Name required");
        ensureLive();
        return fields.stream().filter(field -> field.hasName(name)).toList();
    }

    /**
     * Returns a copy of the notes (every byte after the fields and the optional blank line) the caller must close.
     *
     * @return note bytes, possibly empty
     */
    public SecretBytes notes() {
        ensureLive();
        return SecretBytes.copyOf(notes);
    }

    /**
     * Tells whether the entry has notes.
     *
     * @return true when at least one byte follows the fields and the optional blank line
     */
    public boolean hasNotes() {
        ensureLive();
        return notes.length > 0;
    }

    /**
     * Tells whether a blank line separates the fields from the notes.
     *
     * @return true when the blank line is present
     */
    boolean hasBlankLine() {
        return blankLine != LineEnd.NONE;
    }

    /**
     * Returns a new entry with the secret line replaced and every other byte kept.
     *
     * @param newSecret the secret, without line feed and not ending with a carriage return; may be empty
     * @return new entry
     */
    public Entry withSecret(final SecretBytes newSecret) {
        ensureLive();
        final byte[] line = checkedLine(newSecret, "Secret");
        return new Entry(line, secretEnd, copyFields(fields), blankLine, notes.clone());
    }

    /**
     * Returns a new entry where the field has exactly this one value: the first match (ignoring case) keeps its
     * place and spelling and takes the value, later matches are removed; without a match the field is added.
     *
     * @param name field name: not empty, no {@code ": "}, no line break
     * @param value value: no line feed, not ending with a carriage return
     * @return new entry
     */
    public Entry withField(final String name, final SecretBytes value) {
        ensureLive();
        final byte[] nameBytes = checkedName(name);
        final byte[] valueBytes = checkedLine(value, "Field Value");
        final List<Field> changed = new ArrayList<>();
        boolean replaced = false;
        for (final Field field : fields) {
            if (!field.hasName(name)) {
                changed.add(field.copyWithEnd(field.end()));
            } else if (!replaced) {
                changed.add(field.copyWithValue(valueBytes));
                replaced = true;
            }
        }
        if (!replaced) {
            changed.add(new Field(nameBytes, valueBytes, newline()));
        }
        return rebuild(changed);
    }

    /**
     * Returns a new entry where the field has exactly this one value, given as text that is not secret.
     *
     * @param name field name: not empty, no {@code ": "}, no line break
     * @param value value text: no line feed, not ending with a carriage return
     * @return new entry
     */
    public Entry withField(final String name, final String value) {
        try (SecretBytes bytes = textBytes(value)) {
            return withField(name, bytes);
        }
    }

    /**
     * Returns a new entry with one more field line after the last field, keeping fields of the same name.
     *
     * @param name field name: not empty, no {@code ": "}, no line break
     * @param value value: no line feed, not ending with a carriage return
     * @return new entry
     */
    public Entry withAddedField(final String name, final SecretBytes value) {
        ensureLive();
        final byte[] nameBytes = checkedName(name);
        final byte[] valueBytes = checkedLine(value, "Field Value");
        final List<Field> changed = copyFields(fields);
        changed.add(new Field(nameBytes, valueBytes, newline()));
        return rebuild(changed);
    }

    /**
     * Returns a new entry with one more field line, given as text that is not secret.
     *
     * @param name field name: not empty, no {@code ": "}, no line break
     * @param value value text: no line feed, not ending with a carriage return
     * @return new entry
     */
    public Entry withAddedField(final String name, final String value) {
        try (SecretBytes bytes = textBytes(value)) {
            return withAddedField(name, bytes);
        }
    }

    /**
     * Returns a new entry without any field of the given name (ignoring case); unchanged bytes when none matches.
     *
     * @param name field name
     * @return new entry
     */
    public Entry withoutField(final String name) {
        Objects.requireNonNull(name, "Field Name required");
        ensureLive();
        final List<Field> changed = new ArrayList<>();
        for (final Field field : fields) {
            if (!field.hasName(name)) {
                changed.add(field.copyWithEnd(field.end()));
            }
        }
        return rebuild(changed);
    }

    @Override
    public void destroy() {
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(notes, (byte) 0);
        for (final Field field : fields) {
            field.wipe();
        }
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "Entry[" + fields.size() + " fields" + (destroyed ? ", destroyed]" : "]");
    }

    /**
     * Builds a new entry from changed fields, moving line ends so that only the last line may lack one and the
     * entry ends with a newline exactly when this one did.
     */
    private Entry rebuild(final List<Field> changed) {
        final boolean tail = blankLine != LineEnd.NONE || notes.length > 0;
        final LineEnd lastEnd = fields.isEmpty() ? secretEnd : fields.get(fields.size() - 1).end();
        final boolean unterminated = !tail && lastEnd == LineEnd.NONE;
        final LineEnd newline = newline();

        final int last = changed.size() - 1;
        for (int i = 0; i <= last; i++) {
            final Field field = changed.get(i);
            final LineEnd wanted = i == last && unterminated ? LineEnd.NONE
                    : field.end() == LineEnd.NONE ? newline : field.end();
            if (wanted != field.end()) {
                changed.set(i, field.copyWithEnd(wanted));
                field.wipe();
            }
        }
        final LineEnd newSecretEnd = last < 0 && unterminated ? LineEnd.NONE
                : secretEnd == LineEnd.NONE ? newline : secretEnd;
        return new Entry(secret.clone(), newSecretEnd, changed, blankLine, notes.clone());
    }

    /** Returns the newline this entry uses: that of its first line break, LF when it has none. */
    private LineEnd newline() {
        if (secretEnd != LineEnd.NONE) {
            return secretEnd;
        }
        for (final Field field : fields) {
            if (field.end() != LineEnd.NONE) {
                return field.end();
            }
        }
        return blankLine != LineEnd.NONE ? blankLine : LineEnd.LF;
    }

    /** Refuses access after the entry was destroyed. */
    private void ensureLive() {
        if (destroyed) {
            throw new IllegalStateException("Entry already destroyed");
        }
    }

    /** Returns independent copies of the fields, line ends kept. */
    private static List<Field> copyFields(final List<Field> source) {
        final List<Field> copies = new ArrayList<>(source.size());
        for (final Field field : source) {
            copies.add(field.copyWithEnd(field.end()));
        }
        return copies;
    }

    /** Encodes a value given as text that is not secret. */
    private static SecretBytes textBytes(final String value) {
        Objects.requireNonNull(value, "Field Value required");
        return SecretBytes.wrap(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a copy of a line's content after checking that it stays one line when printed and parsed again. */
    private static byte[] checkedLine(final SecretBytes line, final String what) {
        Objects.requireNonNull(line, what + " required");
        final byte[] bytes = line.bytes();
        for (final byte b : bytes) {
            if (b == '\n') {
                throw new IllegalArgumentException(what + " contains a line feed");
            }
        }
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            throw new IllegalArgumentException(what + " ends with a carriage return");
        }
        return bytes.clone();
    }

    /** Returns the UTF-8 bytes of a field name after checking that it parses back as the same name. */
    private static byte[] checkedName(final String name) {
        Objects.requireNonNull(name, "Field Name required");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Field Name empty");
        }
        if (name.contains(": ")) {
            throw new IllegalArgumentException("Field Name [%s] contains [: ]".formatted(printable(name)));
        }
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("Field Name contains a line break");
        }
        try {
            final ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(name));
            final byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (final CharacterCodingException e) {
            throw new IllegalArgumentException("Field Name not valid Unicode");
        }
    }

    /** Shortens a field name and masks control characters for a message. */
    private static String printable(final String text) {
        final String shortened = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return shortened.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
