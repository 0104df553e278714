package org.cipherpost.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.cipherpost.crypto.IdentityStore;

/**
 * What a command may use of the outside world: environment, standard streams, the terminal.
 *
 * @param environment environment variables
 * @param stdin standard input
 * @param out standard output
 * @param err standard error
 * @param terminal the controlling terminal for prompts
 */
public record CliContext(Map<String, String> environment, InputStream stdin, PrintWriter out, PrintWriter err,
                         Terminal terminal) {
    /**
     * Validates the components.
     *
     * @param environment environment variables
     * @param stdin standard input
     * @param out standard output
     * @param err standard error
     * @param terminal the controlling terminal for prompts
     */
    public CliContext {
        Objects.requireNonNull(environment, "Environment required");
        Objects.requireNonNull(stdin, "Standard input required");
        Objects.requireNonNull(out, "Standard output required");
        Objects.requireNonNull(err, "Standard error required");
        Objects.requireNonNull(terminal, "Terminal required");
    }

    /**
     * Returns the Cipherpost home directory ({@code CIPHERPOST_HOME} or {@code ~/.cipherpost}).
     *
     * @return home directory
     */
    public Path home() {
        return IdentityStore.resolveHome(environment);
    }

    /**
     * Returns a context identical to this one but with other environment variables.
     *
     * @param replacement environment variables
     * @return new context
     */
    public CliContext withEnvironment(final Map<String, String> replacement) {
        return new CliContext(replacement, stdin, out, err, terminal);
    }
}
