package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.vault.Device;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vault device add}: grant a device access to every entry. */
@Command(name = "add",
        mixinStandardHelpOptions = true,
        description = {"Grant a device access to every entry.",
            "The vault key and every Entry Key are wrapped to the device's recipient (printed by 'vault join' on that device)."},
        footer = {"", "Example:", "  cipherpost vault device add age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq --name phone"})
final class DeviceAddCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "RECIPIENT", description = "The device's age recipient (age1...).")
    String recipient;

    @Option(names = "--name", paramLabel = "NAME", description = "A name for the device (default: device-<start of recipient>).")
    String name;

    DeviceAddCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final AgeRecipient parsed;
        try {
            parsed = AgeRecipient.parse(recipient.strip());
        } catch (final GeneralSecurityException | RuntimeException e) {
            throw new CliException(ExitCodes.USAGE, "[" + recipient + "] is not an age X25519 recipient (age1...)", e);
        }
        final String deviceName = name != null ? name : "device-" + parsed.encoded().substring(4, 12);
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            final Device device = vault.addDevice(parsed, deviceName);
            context.out().println(device.id());
            context.out().flush();
            context.err().println("cipherpost: added device [" + device.id() + "] (" + device.name() + ")");
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }
}
