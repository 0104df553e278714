package org.cipherpost.cli.vault;

import java.util.List;
import org.cipherpost.cli.CommandGroup;
import picocli.CommandLine.Command;

/** The {@code vault} command group, also installed as {@code ciphey}. */
@Command(name = "vault",
        mixinStandardHelpOptions = true,
        description = {"The age-based password and secret vault (also installed as 'ciphey').",
            "A plain directory of age files: one Entry Key per entry, wrapped to every device and to a Recovery Key.",
            "Every command takes --vault DIR (else $CIPHERPOST_VAULT, else $CIPHERPOST_HOME/vault) and the passphrase options; after 'vault unlock' commands use the agent and ask for no passphrase."},
        footer = {"", "Examples:",
            "  cipherpost vault init",
            "  cipherpost vault add example.com --generate --field username=alice",
            "  cipherpost vault show example.com --clip",
            "  printf 'pw\\nusername: bob\\n' | ciphey add mail --stdin",
            "  ciphey unlock --timeout 15m && ciphey ls --json"})
public final class VaultCommand extends CommandGroup {
    /**
     * The vault's subcommands, in help order; not in the annotation, so that the CLI builds only the one a command
     * line names (see {@code Cli}).
     */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            VaultInitCommand.class,
            VaultAddCommand.class,
            VaultShowCommand.class,
            VaultHistoryCommand.class,
            VaultEditCommand.class,
            VaultListCommand.class,
            VaultFindCommand.class,
            VaultGrepCommand.class,
            VaultMoveCommand.class,
            VaultCopyCommand.class,
            VaultRemoveCommand.class,
            VaultOtpCommand.class,
            VaultAttachCommand.class,
            VaultDetachCommand.class,
            DeviceCommand.class,
            VaultJoinCommand.class,
            VaultShareCommand.class,
            VaultRecoverCommand.class,
            VaultImportCommand.class,
            VaultExportCommand.class,
            VaultUnlockCommand.class,
            VaultLockCommand.class);
}
