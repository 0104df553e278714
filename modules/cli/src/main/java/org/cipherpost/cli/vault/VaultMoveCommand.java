package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vault mv}: rename an entry. */
@Command(name = "mv",
        aliases = "move",
        mixinStandardHelpOptions = true,
        description = "Rename an entry (its 'name' field); its id and key stay.",
        footer = {"", "Example:", "  cipherpost vault mv mail mail/work"})
final class VaultMoveCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "FROM", description = "Current name.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "New name.")
    String to;

    VaultMoveCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            vault.move(from, to);
            context.err().println("cipherpost: renamed [" + from + "] to [" + to + "]");
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }
}
