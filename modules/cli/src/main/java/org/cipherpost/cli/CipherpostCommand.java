package org.cipherpost.cli;

import java.util.List;
import org.cipherpost.cli.dht.DhtCommand;
import org.cipherpost.cli.dht.RelayCommand;
import org.cipherpost.cli.identity.IdentityCommand;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code cipherpost} command. */
@Command(name = "cipherpost",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Hand keys, certificates and secrets to people with no server, and keep them in an age vault.",
            ""
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 ok, 1 error, 2 expired, 3 signature failure, 4 passphrase or decryption,",
            "  5 size cap, 6 network/DHT, 7 declined or burned, 64 usage.",
            "",
            "Environment: CIPHERPOST_HOME (default ~/.cipherpost), CIPHERPOST_PASSPHRASE,",
            "  CIPHERPOST_BOOTSTRAP (host:port,... of DHT nodes), CIPHERPOST_RELAY, CIPHERPOST_VAULT.",
            "",
            "Examples:",
            "  cipherpost identity generate",
            "  echo s3cret | cipherpost send --share <recipient-z32> -p 'db password' --material-file -",
            "  cipherpost receive cipherpost://<sender-z32>/<share-ref> -o secret.txt",
            "  cipherpost receipts --from <recipient-z32>",
            "  cipherpost vault add github --generate",
            "  cipherpost demo"
        })
public final class CipherpostCommand extends CommandGroup {
    /**
     * The top-level subcommands, in help order. They are not in the annotation: {@link Cli} adds only the one a
     * command line names, so that picocli does not build the model of every command on every start.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            IdentityCommand.class,
            org.cipherpost.cli.handoff.SendCommand.class,
            org.cipherpost.cli.handoff.ReceiveCommand.class,
            org.cipherpost.cli.handoff.ReceiptsCommand.class,
            org.cipherpost.cli.handoff.RevokeCommand.class,
            org.cipherpost.cli.handoff.RepublishCommand.class,
            org.cipherpost.cli.handoff.SendLargeCommand.class,
            org.cipherpost.cli.handoff.ReceiveLargeCommand.class,
            org.cipherpost.cli.vault.VaultCommand.class,
            DhtCommand.class,
            org.cipherpost.cli.plugin.PluginCommand.class,
            RelayCommand.class,
            DemoCommand.class,
            AutoComplete.GenerateCompletion.class,
            ManPageCommand.class);

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;
}
