package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.cli.PassphraseReader;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.SecureFiles;
import org.cipherpost.vault.Device;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code vault recover}: regain access on this device from the recovery code and the Recovery Passphrase. */
@Command(name = "recover",
        mixinStandardHelpOptions = true,
        description = {"Regain access on this device from the recovery code.",
            "For when every device is lost: the recovery code (typed on the terminal, or --code-file) and the Recovery Passphrase make a new Device Key for this device, which is added to the vault. On the terminal you are asked for the Recovery Passphrase and then for this device's new passphrase; from --passphrase-file, --passphrase-fd or CIPHERPOST_PASSPHRASE the one passphrase is both, unless --recovery-passphrase-file or --recovery-passphrase-fd gives the Recovery Passphrase."},
        footer = {"", "Examples:",
            "  cipherpost vault recover --vault ~/restored-vault --name new-laptop",
            "  cipherpost vault recover --code-file code.txt --passphrase-file pass.txt"})
final class VaultRecoverCommand implements Callable<Integer> {
    private static final int MAXIMUM_CODE = 1024;
    private static final Set<PosixFilePermission> OWNER_READ = Set.of(PosixFilePermission.OWNER_READ);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    KdfOptions kdf;

    @Mixin
    RecoveryPassphraseOptions recovery;

    @Option(names = "--code-file", paramLabel = "PATH", description = "Read the recovery code from this file (mode 0600 or 0400).")
    Path codeFile;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of this device (default: the host name).")
    String deviceName;

    VaultRecoverCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final VaultOptions options = location.options(context).withArgon2(kdf.params());
        VaultOpener.requireVault(options.directory());
        final String name = DeviceNames.orDefault(deviceName, context.environment());
        final boolean prompted = !hasNonTerminalSource();
        try (SecretBytes code = readCode();
             SecretBytes recoveryPassphrase = recovery.given() ? recovery.read()
                     : new PassphraseReader(context, passphrase).read("the recovery code");
             SecretBytes newPassphrase = prompted || recovery.given()
                     ? new PassphraseReader(context, passphrase).readNew("this device's new vault key")
                     : SecretBytes.copyOf(recoveryPassphrase.bytes());
             Vault vault = Vaults.recover(options, code, recoveryPassphrase, newPassphrase, name)) {
            final Device self = vault.devices().stream().filter(Device::current).findFirst().orElseThrow();
            context.err().println("cipherpost: recovered: this device is [" + self.id() + "] (" + self.name()
                    + "); revoke lost devices with 'cipherpost vault device revoke ID'");
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }

    /** Tells whether a passphrase comes from a file, a descriptor or the environment rather than prompts. */
    private boolean hasNonTerminalSource() {
        final ParseResult parsed = spec.commandLine().getParseResult();
        return context.environment().get(PassphraseReader.ENVIRONMENT_VARIABLE) != null
                || parsed.hasMatchedOption("--passphrase-file") || parsed.hasMatchedOption("--passphrase-fd");
    }

    /** Reads the recovery code from the file or the terminal. */
    private SecretBytes readCode() throws CliException {
        if (codeFile != null) {
            try {
                final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(codeFile);
                if (!permissions.equals(SecureFiles.PRIVATE_FILE) && !permissions.equals(OWNER_READ)) {
                    throw new CliException(ExitCodes.PASSPHRASE, "recovery code file [" + codeFile + "] has mode ["
                            + SecureFiles.octal(permissions) + "]; it must be 0600 or 0400 (chmod 600 " + codeFile + ")");
                }
                try (InputStream in = Files.newInputStream(codeFile)) {
                    return SecretBuffer.readAll(in, MAXIMUM_CODE);
                }
            } catch (final NoSuchFileException e) {
                throw new CliException(ExitCodes.GENERIC, "recovery code file [" + codeFile + "] does not exist", e);
            } catch (final IOException e) {
                throw new CliException(ExitCodes.GENERIC, "cannot read recovery code file [" + codeFile + "]: "
                        + VaultFailures.line(e), e);
            }
        }
        if (!context.terminal().available()) {
            throw new CliException(ExitCodes.PASSPHRASE, "no recovery code: no terminal to type it on; use --code-file");
        }
        try {
            final SecretBytes code = context.terminal().readSecret("Recovery code: ");
            if (code == null) {
                throw new CliException(ExitCodes.PASSPHRASE, "no recovery code entered");
            }
            return code;
        } catch (final IOException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "cannot prompt on the terminal: " + VaultFailures.line(e), e);
        }
    }
}
