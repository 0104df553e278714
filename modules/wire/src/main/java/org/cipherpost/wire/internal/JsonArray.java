package org.cipherpost.wire.internal;

import java.util.List;
import java.util.Objects;

/**
 * A JSON array.
 *
 * @param elements elements in order, unmodifiable
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue {
    /**
     * Creates an array over the given elements.
     *
     * @param elements elements in order
     */
    public JsonArray {
        elements = List.copyOf(Objects.requireNonNull(elements, "Elements required"));
    }

    @Override
    public void wipe() {
        elements.forEach(JsonValue::wipe);
    }
}
