package org.cipherpost.wire.internal;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON object: members in input order, names unique.
 *
 * @param members member values by name, unmodifiable
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    /**
     * Creates an object over the given members.
     *
     * @param members member values by name
     */
    public JsonObject {
        members = Collections.unmodifiableMap(Objects.requireNonNull(members, "Members required"));
    }

    @Override
    public void wipe() {
        members.values().forEach(JsonValue::wipe);
    }
}
