package org.cipherpost.api;

import java.util.Objects;

/**
 * One line of a material preview, such as {@code Fingerprint: SHA256:...}.
 *
 * @param label short label, e.g. {@code Subject}
 * @param value value text; the host escapes control characters before printing
 * @param warning true when the line warns the recipient (expired, deprecated, secret key)
 */
public record PreviewLine(String label, String value, boolean warning) {
    /**
     * Validates the components.
     *
     * @param label short label
     * @param value value text
     * @param warning true for a warning
     */
    public PreviewLine {
        Objects.requireNonNull(label, "Label required");
        Objects.requireNonNull(value, "Value required");
    }

    /**
     * Creates an informational line.
     *
     * @param label short label
     * @param value value text
     * @return line
     */
    public static PreviewLine of(final String label, final String value) {
        return new PreviewLine(label, value, false);
    }

    /**
     * Creates a warning line.
     *
     * @param label short label
     * @param value value text
     * @return line
     */
    public static PreviewLine warning(final String label, final String value) {
        return new PreviewLine(label, value, true);
    }
}
