package org.cipherpost.cli.vault;

import org.cipherpost.cli.CommandGroup;
import picocli.CommandLine.Command;

/** The {@code vault device} command group. */
@Command(name = "device",
        mixinStandardHelpOptions = true,
        description = {"Grant, list and revoke the devices that can open the vault.",
            "A new device runs 'vault join' to make its key and print its recipient; a device that already has access runs 'vault device add RECIPIENT'."},
        subcommands = {DeviceAddCommand.class, DeviceListCommand.class, DeviceRevokeCommand.class,
            DeviceExportKeyCommand.class},
        footer = {"", "Examples:",
            "  cipherpost vault device add age1... --name phone",
            "  cipherpost vault device ls",
            "  cipherpost vault device revoke 3f2a9c01be47",
            "  cipherpost vault device export-key ~/device.txt"})
public final class DeviceCommand extends CommandGroup {
}
