package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vault share}: grant another person's age key one entry. */
@Command(name = "share",
        mixinStandardHelpOptions = true,
        description = {"Grant another person's age key one entry.",
            "The entry's key file is wrapped to their recipient too; they read it from the shared vault directory with their own age identity. Shares survive re-keying."},
        footer = {"", "Example:", "  cipherpost vault share wifi --with age1..."})
final class VaultShareCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "NAME", description = "Entry name.")
    String name;

    @Option(names = "--with", required = true, paramLabel = "RECIPIENT", description = "The person's age recipient (age1...).")
    String recipient;

    VaultShareCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final AgeRecipient parsed;
        try {
            parsed = AgeRecipient.parse(recipient.strip());
        } catch (final GeneralSecurityException | RuntimeException e) {
            throw new CliException(ExitCodes.USAGE, "[" + recipient + "] is not an age X25519 recipient (age1...)", e);
        }
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            vault.share(name, parsed);
            context.err().println("cipherpost: shared [" + name + "] with [" + parsed.encoded() + "]: its key file is "
                    + "keys/" + vault.resolve(name) + ".key");
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }
}
