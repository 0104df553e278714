package org.cipherpost.cli.handoff;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The PIN sources of {@code send} and {@code receive}: a file or a descriptor for scripts, else the terminal. */
public final class PinOptions {
    @Option(names = "--pin-file", paramLabel = "PATH",
            description = "Read the PIN from this file; it must have mode 0600 or 0400.")
    Path file;

    @Option(names = "--pin-fd", paramLabel = "FD", description = "Read the PIN from this open file descriptor.")
    Integer fd;

    /**
     * Tells whether a non-interactive PIN source is set.
     *
     * @return true when --pin-file or --pin-fd is given
     */
    boolean given() {
        return file != null || fd != null;
    }
}
