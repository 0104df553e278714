package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vault rm}: remove an entry after confirmation. */
@Command(name = "rm",
        aliases = "remove",
        mixinStandardHelpOptions = true,
        description = {"Remove an entry (asks on the terminal, or --force).",
            "Removes the entry, its key file and its attached file. Asks for confirmation on the terminal; without a terminal it needs --force."},
        footer = {"", "Examples:", "  cipherpost vault rm old-account", "  ciphey rm old-account --force"})
final class VaultRemoveCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "NAME", description = "Entry name.")
    String name;

    @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
    boolean force;

    VaultRemoveCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            vault.resolve(name);
            if (!force && !confirmed()) {
                context.err().println("cipherpost: kept [" + name + "]");
                return ExitCodes.GENERIC;
            }
            vault.remove(name);
            context.err().println("cipherpost: removed [" + name + "]");
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }

    /** Asks on the terminal; refuses without one. */
    private boolean confirmed() throws CliException, IOException {
        if (!context.terminal().available()) {
            throw new CliException(ExitCodes.GENERIC, "not removing [" + name
                    + "] without confirmation: no terminal to ask on; use --force");
        }
        final String answer = context.terminal().readLine("Remove [" + name + "]? [y/N] ");
        return answer != null && (answer.strip().toLowerCase(Locale.ROOT).equals("y")
                || answer.strip().toLowerCase(Locale.ROOT).equals("yes"));
    }
}
