package org.cipherpost.plugin.git;

import org.cipherpost.api.StorageEvent;

/** Commit messages: the kind of change and the entry id, nothing else. */
final class CommitMessages {
    private CommitMessages() {
    }

    /**
     * Returns the message for a change: {@code EDIT age1...}, or only the kind for vault-wide changes.
     *
     * @param event change
     * @return one-line message
     */
    static String of(final StorageEvent event) {
        final String id = event.entryId();
        return id.isEmpty() ? event.kind().name() : event.kind().name() + " " + id;
    }

    /**
     * Returns the kind of change a commit message names: its first word.
     *
     * @param message commit message
     * @return kind, or the empty string
     */
    static String kind(final String message) {
        final String line = message.strip();
        final int space = line.indexOf(' ');
        final int newline = line.indexOf('\n');
        int end = line.length();
        if (space >= 0) {
            end = Math.min(end, space);
        }
        if (newline >= 0) {
            end = Math.min(end, newline);
        }
        return line.substring(0, end);
    }
}
