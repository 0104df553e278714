package org.cipherpost.wire;

import java.io.IOException;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Converts record names between the relative form callers use and absolute names under a key's origin.
 */
final class RecordNames {
    private RecordNames() {
    }

    /**
     * Returns the origin name of a public key: its z-base-32 label under the root.
     *
     * @param publicKey 32 key bytes
     * @return absolute origin name
     * @throws IOException never for a valid key
     */
    static Name origin(final byte[] publicKey) throws IOException {
        return Name.fromString(PublicKeys.toZ32(publicKey) + ".");
    }

    /**
     * Makes a caller's name absolute under the origin, as PKARR normalizes names.
     *
     * @param name {@code @}, empty, relative, or already ending with the origin label
     * @param origin origin name
     * @return absolute name
     * @throws IOException when the name is not a valid DNS name
     */
    static Name absolute(final String name, final Name origin) throws IOException {
        final String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (trimmed.isEmpty() || trimmed.equals(ResourceRecord.ORIGIN)) {
            return origin;
        }
        final String originLabel = origin.toString(true).toLowerCase(Locale.ROOT);
        final String lower = trimmed.toLowerCase(Locale.ROOT);
        final String full = lower.equals(originLabel) || lower.endsWith("." + originLabel)
                ? trimmed : trimmed + "." + originLabel;
        try {
            return Name.fromString(full + ".");
        } catch (final TextParseException e) {
            throw new IOException(String.format("Record name [%s] not valid: %s", name, e.getMessage()), e);
        }
    }

    /**
     * Returns the caller's form of an absolute name: {@code @}, relative, or absolute with a final dot.
     *
     * @param name absolute name from a packet
     * @param origin origin name
     * @return relative or absolute name
     */
    static String relative(final Name name, final Name origin) {
        if (name.equals(origin)) {
            return ResourceRecord.ORIGIN;
        }
        if (name.subdomain(origin)) {
            return name.relativize(origin).toString();
        }
        return name.toString();
    }
}
