package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The agent went away in the middle of a command (locked, expired, killed). Unchecked so that the vault library,
 * which reads any I/O failure of a decryption as a damaged file, passes it through unchanged.
 */
final class AgentUnavailableException extends UncheckedIOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param socket the agent's socket
     * @param cause the failure
     */
    AgentUnavailableException(final Path socket, final IOException cause) {
        super("Lost the vault agent at [%s] (locked or expired)".formatted(socket), cause);
    }
}
