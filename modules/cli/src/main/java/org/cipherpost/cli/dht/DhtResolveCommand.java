package org.cipherpost.cli.dht;

import java.io.IOException;
import java.security.SignatureException;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.dht.PkarrResolution;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.wire.PublicKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dht resolve}: find and verify the most recent PKARR packet of a key. */
@Command(name = "resolve",
        mixinStandardHelpOptions = true,
        description = {"Find, verify and print the most recent PKARR packet of a public key.",
            "Shows its records, its timestamp (ISO-8601 and microseconds) and how many",
            "nodes answered and held it. Exit 6 when nothing is found or no node answers;",
            "exit 3 when a relay answers a packet whose signature does not verify."},
        footer = {"", "Examples:",
            "  KEY=yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5no",
            "  cipherpost dht resolve pk:$KEY",
            "  cipherpost dht resolve $KEY --json --dht-timeout 10",
            "  CIPHERPOST_RELAY=https://relay.example cipherpost dht resolve pk:$KEY"})
public final class DhtResolveCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "KEY", description = "Public key: 52 z-base-32 characters, or pk:<key>.")
    String key;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Mixin
    DhtOptions network;

    @Mixin
    RelayOption relay;

    DhtResolveCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final byte[] publicKey;
        try {
            publicKey = PublicKeys.parseZ32(key);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.USAGE,
                    "KEY must be a public key: 52 z-base-32 characters, optionally prefixed with pk:", e);
        }
        final var settings = network.settings(context.environment(), relay);
        try (PkarrTransport transport = PkarrTransport.open(settings)) {
            final PkarrResolution resolution = transport.resolve(publicKey);
            if (resolution.packet().isEmpty()) {
                throw new CliException(ExitCodes.NETWORK, resolution.responded() == 0
                        ? "no DHT node answered the lookup for pk:" + PublicKeys.toZ32(publicKey)
                        : String.format("no packet found for pk:%s (%d nodes answered via %s)",
                                PublicKeys.toZ32(publicKey), resolution.responded(), transport.describe()));
            }
            final PacketView view = new PacketView(resolution.packet().get(), resolution, transport.describe());
            if (json) {
                view.printJson(context.out());
            } else {
                view.printText(context.out());
            }
            return ExitCodes.OK;
        } catch (final SignatureException e) {
            throw DhtFailures.signature(e);
        } catch (final IOException e) {
            throw DhtFailures.of("resolve", e);
        } catch (final InterruptedException e) {
            throw DhtFailures.interrupted(e);
        }
    }
}
