package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vault device revoke}: remove a device and re-key every entry. */
@Command(name = "revoke",
        mixinStandardHelpOptions = true,
        description = {"Revoke a device and re-key every entry.",
            "The vault key rotates and every entry gets a new Entry Key, so the revoked device can decrypt nothing written afterwards. The device in use cannot revoke itself."},
        footer = {"", "Example:", "  cipherpost vault device revoke 3f2a9c01be47"})
final class DeviceRevokeCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "ID", description = "Device id (from 'device ls').")
    String deviceId;

    DeviceRevokeCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            vault.revokeDevice(deviceId);
            context.err().println("cipherpost: revoked device [" + deviceId + "]; every entry was re-keyed");
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }
}
