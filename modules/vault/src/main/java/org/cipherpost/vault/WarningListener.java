package org.cipherpost.vault;

/** Receives one-line warnings that do not stop an operation (failed post-hooks, repairs, skipped entries). */
@FunctionalInterface
public interface WarningListener {
    /** Listener that drops every warning. */
    WarningListener IGNORE = message -> {
    };

    /**
     * Receives a warning.
     *
     * @param message one line, never secret
     */
    void warn(String message);
}
