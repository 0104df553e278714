package org.cipherpost.crypto.internal.age;

import com.exceptionfactory.jagged.RecipientStanza;
import java.util.List;
import java.util.Objects;

/** Recipient stanza written by our stanza writers. */
final class Stanza implements RecipientStanza {
    private final String type;

    private final List<String> arguments;

    private final byte[] body;

    /**
     * Creates a stanza.
     *
     * @param type stanza type, the first argument on the wire
     * @param arguments further arguments
     * @param body decoded body
     */
    Stanza(final String type, final List<String> arguments, final byte[] body) {
        this.type = Objects.requireNonNull(type, "Type required");
        this.arguments = List.copyOf(arguments);
        this.body = Objects.requireNonNull(body, "Body required").clone();
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public List<String> getArguments() {
        return arguments;
    }

    @Override
    public byte[] getBody() {
        return body.clone();
    }
}
