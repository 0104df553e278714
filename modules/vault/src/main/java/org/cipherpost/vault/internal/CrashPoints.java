package org.cipherpost.vault.internal;

/**
 * Named points between the file writes of every change, where tests inject a crash (an exception that abandons
 * the change exactly there, as a power cut between two renames would).
 */
@FunctionalInterface
interface CrashPoints {
    /** No crashes. */
    CrashPoints NONE = point -> {
    };

    /**
     * Called before each step that changes the vault directory.
     *
     * @param point name of the step, such as {@code add:entry}
     */
    void reached(String point);
}
