package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells whether a standard stream of this process is a terminal (Linux: where its descriptor points). */
final class Terminals {
    private Terminals() {
    }

    /**
     * Tells whether a file descriptor of this process is a terminal device.
     *
     * @param fd 0, 1 or 2
     * @return true for {@code /dev/pts/*}, {@code /dev/tty*} and {@code /dev/console}
     */
    static boolean isTerminal(final int fd) {
        try {
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (final IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
