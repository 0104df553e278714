package org.cipherpost.wire.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a parsed JSON tree canonically: object members sorted by name in UTF-16 code unit order. */
public final class TreeWriter {
    private TreeWriter() {
    }

    /**
     * Writes a value and everything below it.
     *
     * @param value parsed value
     * @param writer destination
     */
    public static void write(final JsonValue value, final CanonicalJsonWriter writer) {
        switch (value) {
            case JsonObject object -> {
                writer.beginObject();
                final List<Map.Entry<String, JsonValue>> members = new ArrayList<>(object.members().entrySet());
                members.sort(Map.Entry.comparingByKey());
                for (final Map.Entry<String, JsonValue> member : members) {
                    writer.name(member.getKey());
                    write(member.getValue(), writer);
                }
                writer.endObject();
            }
            case JsonArray array -> {
                writer.beginArray();
                array.elements().forEach(element -> write(element, writer));
                writer.endArray();
            }
            case JsonString string -> writer.string(string.chars());
            case JsonInteger integer -> writer.integer(integer.value());
            case JsonLiteral literal -> {
                switch (literal) {
                    case TRUE -> writer.bool(true);
                    case FALSE -> writer.bool(false);
                    case NULL -> writer.nullValue();
                }
            }
        }
    }
}
