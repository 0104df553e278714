package org.cipherpost.cli.identity;

import org.cipherpost.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code identity} command group. */
@Command(name = "identity",
        mixinStandardHelpOptions = true,
        description = "Create and inspect your Cipherpost identity (an Ed25519 key, passphrase-wrapped on disk).",
        subcommands = {IdentityGenerateCommand.class, IdentityShowCommand.class},
        footer = {"", "Examples:", "  cipherpost identity generate", "  cipherpost identity show --json"})
public final class IdentityCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
