package org.cipherpost.wire.internal;

/** A parsed JSON value of the strict subset Cipherpost signs: objects, arrays, strings, integers, literals. */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonInteger, JsonLiteral {
    /** Zeroes every string's characters in this value and below it. */
    void wipe();
}
