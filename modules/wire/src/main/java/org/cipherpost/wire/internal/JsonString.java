package org.cipherpost.wire.internal;

import java.util.Arrays;
import java.util.Objects;

/** A JSON string held as characters that can be wiped, so secret text never needs to become a String. */
public final class JsonString implements JsonValue {
    private final char[] chars;

    /**
     * Takes ownership of decoded characters.
     *
     * @param chars characters, owned from now on
     */
    public JsonString(final char[] chars) {
        this.chars = Objects.requireNonNull(chars, "Characters required");
    }

    /**
     * Returns the text as a String; only for values that are not secret.
     *
     * @return text
     */
    public String text() {
        return new String(chars);
    }

    /**
     * Returns the live characters; callers must not keep or modify them.
     *
     * @return characters
     */
    public char[] chars() {
        return chars;
    }

    @Override
    public void wipe() {
        Arrays.fill(chars, '\0');
    }

    @Override
    public String toString() {
        return "JsonString[" + chars.length + " chars]";
    }
}
