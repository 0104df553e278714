package org.cipherpost.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The passphrase sources shared by every command that unlocks or creates a key. */
public final class PassphraseOptions {
    @Option(names = "--passphrase-fd", paramLabel = "FD",
            description = "Read the passphrase from this open file descriptor (highest precedence).")
    Integer fd;

    @Option(names = "--passphrase-file", paramLabel = "PATH",
            description = "Read the passphrase from this file; it must have mode 0600 or 0400.")
    Path file;

    @Option(names = "--passphrase", hidden = true, paramLabel = "VALUE", arity = "0..1",
            description = "Rejected: a passphrase on the command line is visible to other users.")
    char[] inline;

    /**
     * Returns sources set in code, for a second passphrase a command reads under other option names.
     *
     * @param fd descriptor, or null
     * @param file file, or null
     * @return options
     */
    public static PassphraseOptions of(final Integer fd, final Path file) {
        final PassphraseOptions options = new PassphraseOptions();
        options.fd = fd;
        options.file = file;
        return options;
    }
}
