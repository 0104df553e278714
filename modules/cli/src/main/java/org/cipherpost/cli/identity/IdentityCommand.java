package org.cipherpost.cli.identity;

import org.cipherpost.cli.CommandGroup;
import picocli.CommandLine.Command;

/** The {@code identity} command group. */
@Command(name = "identity",
        mixinStandardHelpOptions = true,
        description = "Create and inspect your Cipherpost identity (an Ed25519 key, passphrase-wrapped on disk).",
        subcommands = {IdentityGenerateCommand.class, IdentityShowCommand.class, IdentityPasswdCommand.class},
        footer = {"", "Examples:", "  cipherpost identity generate", "  cipherpost identity show --json",
            "  cipherpost identity passwd"})
public final class IdentityCommand extends CommandGroup {
}
