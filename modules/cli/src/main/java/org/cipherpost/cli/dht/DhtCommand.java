package org.cipherpost.cli.dht;

import org.cipherpost.cli.CommandGroup;
import picocli.CommandLine.Command;

/** The {@code dht} command group. */
@Command(name = "dht",
        mixinStandardHelpOptions = true,
        description = {"Publish and resolve PKARR records on the Mainline DHT or through a PKARR relay.",
            "Also runs a local DHT testnet for trying things out."},
        subcommands = {DhtTestnetCommand.class, DhtPublishTextCommand.class, DhtResolveCommand.class},
        footer = {"", "Environment: CIPHERPOST_BOOTSTRAP (host:port,... instead of the public",
            "  routers), CIPHERPOST_RELAY (a relay URL instead of the DHT).",
            "", "Examples:",
            "  cipherpost dht testnet --nodes 20",
            "  cipherpost dht publish-text --label _hello --value world",
            "  cipherpost dht resolve pk:$(cipherpost identity show --json | jq -r .z32) --json"})
public final class DhtCommand extends CommandGroup {
}
