package org.cipherpost.blob;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Outcome of unpacking a large payload.
 *
 * @param target directory now holding the payload
 * @param entries files, directories and links created
 * @param bytes file content bytes written
 */
public record Unpacked(Path target, long entries, long bytes) {

    /**
     * Checks the fields.
     *
     * @param target target directory
     * @param entries entries created
     * @param bytes bytes written
     */
    public Unpacked {
        Objects.requireNonNull(target, "Target required");
    }
}
