package org.cipherpost.cli.vault;

import java.nio.file.Path;
import org.cipherpost.cli.CliContext;
import org.cipherpost.vault.VaultOptions;
import picocli.CommandLine.Option;

/** The {@code --vault DIR} option shared by every vault command. */
public final class VaultLocation {
    @Option(names = "--vault", paramLabel = "DIR",
            description = "Vault directory (default: $CIPHERPOST_VAULT, else $CIPHERPOST_HOME/vault).")
    Path directory;

    /**
     * Resolves the vault options: the directory from {@code --vault} or the environment, warnings to stderr.
     *
     * @param context command context
     * @return options with the default Argon2id cost and the passphrase backend
     */
    VaultOptions options(final CliContext context) {
        final VaultOptions defaults = VaultOptions.fromEnvironment(context.environment());
        final VaultOptions located = directory == null ? defaults
                : VaultOptions.of(directory.toAbsolutePath(), defaults.home());
        return located.withWarnings(message -> {
            context.err().println("cipherpost: warning: " + message);
            context.err().flush();
        });
    }
}
