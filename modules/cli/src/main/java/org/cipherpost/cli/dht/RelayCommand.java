package org.cipherpost.cli.dht;

import org.cipherpost.cli.CommandGroup;
import picocli.CommandLine.Command;

/** The {@code relay} command group. */
@Command(name = "relay",
        mixinStandardHelpOptions = true,
        description = {"Run a PKARR relay: PUT and GET of signed packets over HTTP, stored on the DHT."},
        subcommands = {RelayServeCommand.class},
        footer = {"", "Examples:",
            "  cipherpost relay serve",
            "  cipherpost relay serve --port 8080 --bootstrap 127.0.0.1:7000"})
public final class RelayCommand extends CommandGroup {
}
