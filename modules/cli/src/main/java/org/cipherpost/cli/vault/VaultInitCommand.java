package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
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
import picocli.CommandLine.Option;

/** {@code vault init}: create a vault, this device's key and the recovery code. */
@Command(name = "init",
        mixinStandardHelpOptions = true,
        description = {"Create a vault, this device's key and the recovery code.",
            "Creates an empty vault directory, a Device Key for this device wrapped by the passphrase (Argon2id), and a Recovery Key printed ONCE as a recovery code on stdout. Write the code down and keep it offline: with the passphrase it restores access when every device is lost."},
        footer = {"", "Examples:",
            "  cipherpost vault init",
            "  cipherpost vault init --vault ~/sync/vault --name laptop --passphrase-file pass.txt"})
final class VaultInitCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    KdfOptions kdf;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of this device (default: the host name).")
    String deviceName;

    VaultInitCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final VaultOptions options = location.options(context).withArgon2(kdf.params());
        if (Files.exists(options.directory().resolve(VaultOpener.MANIFEST))) {
            throw new CliException(ExitCodes.GENERIC, "a vault already exists at [" + options.directory() + "]");
        }
        final String name = DeviceNames.orDefault(deviceName, context.environment());
        try (SecretBytes secret = new PassphraseReader(context, passphrase).readNew("the new vault");
             InitializedVault created = Vaults.init(options, secret, null, name)) {
            final Device self = created.vault().devices().stream().filter(Device::current).findFirst().orElseThrow();
            context.err().println("cipherpost: vault created at [" + options.directory() + "]; this device is ["
                    + self.id() + "] (" + self.name() + ")");
            context.err().println("cipherpost: the recovery code follows, shown only now: write it down and keep it"
                    + " offline; with the passphrase it restores access when every device is lost");
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
}
