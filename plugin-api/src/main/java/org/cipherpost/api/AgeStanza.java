package org.cipherpost.api;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One recipient stanza of an age header ({@code -> type arg...} and its body), as age.md defines it.
 *
 * @param type stanza type, e.g. {@code X25519} or {@code piv-p256}
 * @param arguments stanza arguments
 * @param body decoded body bytes (a wrapped file key: public data)
 */
public record AgeStanza(String type, List<String> arguments, byte[] body) {
    /**
     * Validates and copies the components.
     *
     * @param type stanza type
     * @param arguments arguments
     * @param body body bytes
     */
    public AgeStanza {
        Objects.requireNonNull(type, "Stanza Type required");
        arguments = List.copyOf(Objects.requireNonNull(arguments, "Arguments required"));
        body = Objects.requireNonNull(body, "Body required").clone();
    }

    /**
     * Returns a copy of the body.
     *
     * @return body bytes
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof AgeStanza stanza && type.equals(stanza.type) && arguments.equals(stanza.arguments)
                && Arrays.equals(body, stanza.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, arguments, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "AgeStanza[" + type + " " + String.join(" ", arguments) + ", " + body.length + " body bytes]";
    }
}
