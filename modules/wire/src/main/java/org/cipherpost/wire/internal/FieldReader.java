package org.cipherpost.wire.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the members of one JSON object by name with type checks, and rejects members nobody asked for.
 *
 * <p>Messages name the member and the structure, never the member's value.
 */
public final class FieldReader {
    private final JsonObject object;
    private final String structure;
    private final Set<String> read = new HashSet<>();

    private FieldReader(final JsonObject object, final String structure) {
        this.object = object;
        this.structure = structure;
    }

    /**
     * Starts reading a value that must be an object.
     *
     * @param value parsed value
     * @param structure structure name for messages, such as {@code OuterRecord}
     * @return reader
     * @throws IOException when the value is not an object
     */
    public static FieldReader of(final JsonValue value, final String structure) throws IOException {
        Objects.requireNonNull(value, "JSON value required");
        if (!(value instanceof JsonObject object)) {
            throw new IOException(String.format("JSON value of [%s] not an object", structure));
        }
        return new FieldReader(object, structure);
    }

    /**
     * Reads a required string member.
     *
     * @param name member name
     * @return text
     * @throws IOException when missing or not a string
     */
    public String string(final String name) throws IOException {
        return stringValue(name).text();
    }

    /**
     * Reads a required string member as wipeable characters.
     *
     * @param name member name
     * @return string value
     * @throws IOException when missing or not a string
     */
    public JsonString stringValue(final String name) throws IOException {
        if (!(required(name) instanceof JsonString string)) {
            throw wrongType(name, "a string");
        }
        return string;
    }

    /**
     * Reads a required member that is a string or {@code null}.
     *
     * @param name member name
     * @return text, or null for JSON {@code null}
     * @throws IOException when missing or of another type
     */
    public String nullableString(final String name) throws IOException {
        final JsonValue value = required(name);
        if (value == JsonLiteral.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw wrongType(name, "a string or null");
        }
        return string.text();
    }

    /**
     * Reads a required integer member within a range.
     *
     * @param name member name
     * @param min smallest value accepted
     * @param max largest value accepted
     * @return value
     * @throws IOException when missing, not an integer, or out of range
     */
    public long integer(final String name, final long min, final long max) throws IOException {
        if (!(required(name) instanceof JsonInteger integer)) {
            throw wrongType(name, "an integer");
        }
        final BigInteger value = integer.value();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new IOException(String.format("Member [%s] of [%s] out of range [%d, %d]",
                    name, structure, min, max));
        }
        return value.longValueExact();
    }

    /**
     * Reads an optional boolean member; absent reads as false.
     *
     * @param name member name
     * @return value
     * @throws IOException when present and not a boolean
     */
    public boolean optionalBoolean(final String name) throws IOException {
        if (!object.members().containsKey(name)) {
            read.add(name);
            return false;
        }
        final JsonValue value = required(name);
        if (value == JsonLiteral.TRUE) {
            return true;
        }
        if (value == JsonLiteral.FALSE) {
            return false;
        }
        throw wrongType(name, "a boolean");
    }

    /**
     * Reads a required object member.
     *
     * @param name member name
     * @return reader of the nested object
     * @throws IOException when missing or not an object
     */
    public FieldReader object(final String name) throws IOException {
        if (!(required(name) instanceof JsonObject nested)) {
            throw wrongType(name, "an object");
        }
        return new FieldReader(nested, structure + "." + name);
    }

    /**
     * Checks that every member was read.
     *
     * @throws IOException naming the first member not known
     */
    public void finish() throws IOException {
        for (final String name : object.members().keySet()) {
            if (!read.contains(name)) {
                throw new IOException(String.format("Member [%s] of [%s] not known", Printable.of(name), structure));
            }
        }
    }

    private JsonValue required(final String name) throws IOException {
        final JsonValue value = object.members().get(name);
        if (value == null) {
            throw new IOException(String.format("Member [%s] of [%s] missing", name, structure));
        }
        read.add(name);
        return value;
    }

    private IOException wrongType(final String name, final String expected) {
        return new IOException(String.format("Member [%s] of [%s] not %s", name, structure, expected));
    }
}
