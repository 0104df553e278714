package org.cipherpost.cli;

import java.io.Serial;

/** A failure the user should see as one line, with the exit code it maps to. */
public final class CliException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * Creates the exception.
     *
     * @param exitCode exit code from {@link ExitCodes}
     * @param message one-line message without secrets
     */
    public CliException(final int exitCode, final String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * Creates the exception keeping a cause for {@code --verbose}.
     *
     * @param exitCode exit code from {@link ExitCodes}
     * @param message one-line message without secrets
     * @param cause underlying failure
     */
    public CliException(final int exitCode, final String message, final Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * Returns the exit code.
     *
     * @return exit code
     */
    public int exitCode() {
        return exitCode;
    }
}
