package org.cipherpost.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code vault} command group ({@code ciphey}); its subcommands arrive with the vault. */
@Command(name = "vault",
        mixinStandardHelpOptions = true,
        description = {"The age-based password and secret vault (also installed as 'ciphey').",
            "Not available in this build yet: the vault commands arrive in a later release."})
public final class VaultCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
