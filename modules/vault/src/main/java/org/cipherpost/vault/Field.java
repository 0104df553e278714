package org.cipherpost.vault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.cipherpost.crypto.SecretBytes;

/**
 * One {@code FIELD: VALUE} line of an entry, held as the raw bytes it was read from.
 *
 * <p>The name is not secret and is offered as text. The value may be secret ({@code pin: 1234}), so it stays
 * bytes: {@link #value()} hands out a {@link SecretBytes} copy, and {@link #valueText()} decodes a String only for
 * callers that know the field is not secret (name, url, username, tags). A field belongs to its {@link Entry}:
 * closing the entry wipes it.
 */
public final class Field {
    private final byte[] name;
    private final byte[] value;
    private final LineEnd end;
    private final String nameText;
    private final boolean nameValid;
    private volatile boolean destroyed;

    /**
     * Creates a field that owns the given arrays.
     *
     * @param name bytes before the first {@code ": "}, at least one
     * @param value bytes after the first {@code ": "}
     * @param end how the line ends
     */
    Field(final byte[] name, final byte[] value, final LineEnd end) {
        this.name = Objects.requireNonNull(name, "Field Name required");
        this.value = Objects.requireNonNull(value, "Field Value required");
        this.end = Objects.requireNonNull(end, "Line End required");
        final String strict = decodeStrict(name);
        this.nameValid = strict != null;
        this.nameText = strict != null ? strict : new String(name, StandardCharsets.UTF_8);
    }

    /**
     * Returns the field name as written (case kept); bytes that are not UTF-8 show as U+FFFD.
     *
     * @return field name
     */
    public String name() {
        ensureLive();
        return nameText;
    }

    /**
     * Tells whether this field has the given name, ignoring case; a name that is not valid UTF-8 never matches.
     *
     * @param candidate name to compare with, such as {@code "name"}
     * @return true when the names match
     */
    public boolean hasName(final String candidate) {
        Objects.requireNonNull(candidate, "Field Name required");
        ensureLive();
        return nameValid && nameText.equalsIgnoreCase(candidate);
    }

    /**
     * Returns a copy of the value bytes that the caller owns and must close.
     *
     * @return value bytes
     */
    public SecretBytes value() {
        ensureLive();
        return SecretBytes.copyOf(value);
    }

    /**
     * Decodes the value as UTF-8 text; call it only for fields that are not secret, since Strings cannot be wiped.
     *
     * @return value text, with U+FFFD for bytes that are not UTF-8
     */
    public String valueText() {
        ensureLive();
        return new String(value, StandardCharsets.UTF_8);
    }

    /**
     * Returns the live name bytes.
     *
     * @return name bytes
     */
    byte[] nameBytes() {
        ensureLive();
        return name;
    }

    /**
     * Returns the live value bytes.
     *
     * @return value bytes
     */
    byte[] valueBytes() {
        ensureLive();
        return value;
    }

    /**
     * Returns how the line ends.
     *
     * @return line end
     */
    LineEnd end() {
        return end;
    }

    /**
     * Returns the number of bytes this line prints as.
     *
     * @return name, separator, value and line end lengths added
     */
    int printedLength() {
        return name.length + 2 + value.length + end.length();
    }

    /**
     * Prints the line into the target array.
     *
     * @param target array to write into
     * @param offset first index to write
     * @return index after the line
     */
    int writeTo(final byte[] target, final int offset) {
        ensureLive();
        int at = offset;
        System.arraycopy(name, 0, target, at, name.length);
        at += name.length;
        target[at++] = ':';
        target[at++] = ' ';
        System.arraycopy(value, 0, target, at, value.length);
        at += value.length;
        return end.writeTo(target, at);
    }

    /**
     * Prints the line to a stream.
     *
     * @param out stream to write to
     * @throws IOException when writing fails
     */
    void writeTo(final OutputStream out) throws IOException {
        ensureLive();
        out.write(name);
        out.write(':');
        out.write(' ');
        out.write(value);
        end.writeTo(out);
    }

    /**
     * Returns an independent copy with the given line end.
     *
     * @param newEnd line end of the copy
     * @return new field
     */
    Field copyWithEnd(final LineEnd newEnd) {
        ensureLive();
        return new Field(name.clone(), value.clone(), newEnd);
    }

    /**
     * Returns an independent copy with the given value and the same name and line end.
     *
     * @param newValue value bytes the copy takes ownership of
     * @return new field
     */
    Field copyWithValue(final byte[] newValue) {
        ensureLive();
        return new Field(name.clone(), newValue, end);
    }

    /** Zeroes the name and value bytes. */
    void wipe() {
        Arrays.fill(name, (byte) 0);
        Arrays.fill(value, (byte) 0);
        destroyed = true;
    }

    @Override
    public String toString() {
        return "Field[" + (destroyed ? "destroyed" : nameText) + "]";
    }

    /** Refuses access after the owning entry was destroyed. */
    private void ensureLive() {
        if (destroyed) {
            throw new IllegalStateException("Entry already destroyed");
        }
    }

    /** Decodes strict UTF-8, or returns null when the bytes are not UTF-8. */
    private static String decodeStrict(final byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (final CharacterCodingException e) {
            return null;
        }
    }
}
