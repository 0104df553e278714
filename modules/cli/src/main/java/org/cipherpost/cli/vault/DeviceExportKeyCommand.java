package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.SecureFiles;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vault device export-key}: write this device's vault key as a plain age identity file (no lock-in). */
@Command(name = "export-key",
        mixinStandardHelpOptions = true,
        description = {"Write this device's vault key, unencrypted, as an age identity file.",
            "For reading the vault without Cipherpost, with the plain age CLI (docs/VAULT-FORMAT.md: the key opens keyring.age, the keyring opens keys/<id>.key, the entry key opens entries/<id>.age), or for a git diff textconv. The file is created with mode 0600 and holds the key in the clear: anyone who can read it can read the vault, so delete it when done. Only a passphrase-held key can be exported; a key held by a YubiKey or an age plugin never leaves its token."},
        footer = {"", "Examples:",
            "  cipherpost vault device export-key ~/device.txt",
            "  age -d -i ~/device.txt ~/.cipherpost/vault/keyring.age > ~/keyring.txt"})
final class DeviceExportKeyCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "FILE", description = "New file to write (mode 0600); an existing one is refused.")
    Path file;

    @Option(names = "--force", description = "Replace FILE when it exists.")
    boolean force;

    DeviceExportKeyCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final VaultOpener opener = new VaultOpener(context, location, passphrase);
        final VaultOptions options = opener.options();
        VaultOpener.requireVault(options.directory());
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new CliException(ExitCodes.GENERIC, "[" + file + "] exists; choose a new file or pass --force");
        }
        final Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new CliException(ExitCodes.GENERIC, "no directory [" + parent + "] to write [" + file.getFileName() + "] in");
        }
        try {
            if (!Vaults.isDeviceIdentityExportable(options)) {
                throw new CliException(ExitCodes.GENERIC, "this device's vault key is held by a token (a YubiKey or an age"
                        + " plugin) and cannot be exported; export it on a device whose key is passphrase-held");
            }
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        final byte[] header = ("# cipherpost vault device key for the vault at " + options.directory() + "\n"
                + "# unencrypted: anyone who can read this file can read the vault; delete it when done\n")
                .getBytes(StandardCharsets.UTF_8);
        try (SecretBytes secret = opener.readPassphrase(options);
             SecretBytes identity = Vaults.exportDeviceIdentity(options, secret)) {
            final byte[] content = new byte[header.length + identity.length() + 1];
            try {
                System.arraycopy(header, 0, content, 0, header.length);
                System.arraycopy(identity.bytes(), 0, content, header.length, identity.length());
                content[content.length - 1] = '\n';
                SecureFiles.writeAtomically(file, content, SecureFiles.PRIVATE_FILE);
            } finally {
                Arrays.fill(content, (byte) 0);
            }
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        context.err().println("cipherpost: WARNING: wrote this device's vault key UNENCRYPTED to [" + file
                + "] (mode 0600); anyone who can read it can read the vault: delete it when done");
        return ExitCodes.OK;
    }
}
