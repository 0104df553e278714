package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.cli.PassphraseReader;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Device;
import org.cipherpost.vault.InitializedVault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code vault init}: create a vault, this device's key and the recovery code. */
@Command(name = "init",
        mixinStandardHelpOptions = true,
        description = {"Create a vault, this device's key and the recovery code.",
            "Creates an empty vault directory, a Device Key for this device wrapped by the passphrase (Argon2id), and a Recovery Key printed ONCE as a recovery code on stdout, wrapped by the Recovery Passphrase: by default the same passphrase; a different one from --recovery-passphrase-file or --recovery-passphrase-fd, or, when you type the passphrase on the terminal, if you answer yes when asked. Write the code down and keep it offline: with the Recovery Passphrase it restores access when every device is lost."},
        footer = {"", "Examples:",
            "  cipherpost vault init",
            "  cipherpost vault init --vault ~/sync/vault --name laptop --passphrase-file pass.txt",
            "  cipherpost vault init --passphrase-file pass.txt --recovery-passphrase-file recovery.txt"})
final class VaultInitCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    KdfOptions kdf;

    @Mixin
    RecoveryPassphraseOptions recovery;

    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of this device (default: the host name).")
    String deviceName;

    @Option(names = "--age-plugin-identity", paramLabel = "FILE",
            description = "Hold this device's key through an age plugin (age-plugin-NAME on PATH): FILE holds its"
                    + " AGE-PLUGIN-... identity and a '# recipient: age1...' comment. The passphrase then only"
                    + " protects the recovery code.")
    Path agePluginIdentity;

    @Option(names = "--key-backend", paramLabel = "NAME",
            description = "Hold this device's key through a plugin's key backend (see 'cipherpost plugin list').")
    String keyBackend;

    VaultInitCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final VaultOptions options = AgePluginDevices.forInit(context, agePluginIdentity, keyBackend, deviceName,
                location.options(context).withArgon2(kdf.params()));
        if (Files.exists(options.directory().resolve(VaultOpener.MANIFEST))) {
            throw new CliException(ExitCodes.GENERIC, "a vault already exists at [" + options.directory() + "]");
        }
        final String name = DeviceNames.orDefault(deviceName, context.environment());
        try (SecretBytes secret = new PassphraseReader(context, passphrase).readNew("the new vault");
             SecretBytes recoverySecret = recoveryPassphrase();
             InitializedVault created = Vaults.init(options, secret, recoverySecret, name)) {
            final Device self = created.vault().devices().stream().filter(Device::current).findFirst().orElseThrow();
            context.err().println("cipherpost: vault created at [" + options.directory() + "]; this device is ["
                    + self.id() + "] (" + self.name() + ")");
            context.err().println("cipherpost: the recovery code follows, shown only now: write it down and keep it"
                    + " offline; with the " + (recoverySecret != null && !recoverySecret.contentEquals(secret)
                    ? "Recovery Passphrase (not the passphrase of this device)" : "passphrase")
                    + " it restores access when every device is lost");
            context.err().flush();
            try (OutputStream out = RawOutput.of(context)) {
                out.write(created.recoveryCode().bytes());
                out.write('\n');
            }
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }

    /**
     * Returns the Recovery Passphrase when it differs from the primary one: from its file or descriptor, else asked
     * on the terminal when the primary one was typed there; null for the Primary Passphrase.
     */
    private SecretBytes recoveryPassphrase() throws CliException {
        if (recovery.given()) {
            return recovery.read();
        }
        final ParseResult parsed = spec.commandLine().getParseResult();
        final boolean typed = context.environment().get(PassphraseReader.ENVIRONMENT_VARIABLE) == null
                && !parsed.hasMatchedOption("--passphrase-file") && !parsed.hasMatchedOption("--passphrase-fd");
        return typed && context.terminal().available() ? RecoveryPassphraseOptions.askOnTerminal(context) : null;
    }
}
