package org.cipherpost.vault;

/** Receives progress of a streamed attachment. */
@FunctionalInterface
public interface ProgressListener {
    /** Listener that ignores progress. */
    ProgressListener NONE = (done, total) -> {
    };

    /**
     * Reports bytes moved so far.
     *
     * @param done plaintext bytes read or written so far
     * @param total plaintext size when known, else -1
     */
    void progress(long done, long total);
}
