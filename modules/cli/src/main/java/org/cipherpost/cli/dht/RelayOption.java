package org.cipherpost.cli.dht;

import picocli.CommandLine.Option;

/** The {@code --relay} option of commands that may go through a PKARR relay instead of the DHT. */
public final class RelayOption {
    @Option(names = "--relay", paramLabel = "URL",
            description = "Go through this PKARR relay instead of the DHT (overrides CIPHERPOST_RELAY).")
    String url;
}
