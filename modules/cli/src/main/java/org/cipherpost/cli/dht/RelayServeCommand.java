package org.cipherpost.cli.dht;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.dht.PkarrSettings;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.dht.RelayLimits;
import org.cipherpost.dht.RelayServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code relay serve}: a PKARR relay backed by our DHT node, until interrupted. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Serve the PKARR relay API, backed by a DHT node in this process.",
            "PUT /<z32> stores a signed packet (verified first); GET /<z32> resolves one",
            "(pubky/pkarr design/relays.md). Prints the relay URL on stdout, logs one",
            "line per request on stderr and runs until interrupted. Each client address",
            "may send --rate requests per second in bursts of four times that; bodies",
            "over 1072 bytes are refused with 413. CIPHERPOST_RELAY is ignored here."},
        footer = {"", "Examples:",
            "  cipherpost relay serve                              # http://127.0.0.1:6881",
            "  cipherpost relay serve --port 0 --bootstrap 127.0.0.1:7000",
            "  cipherpost relay serve --bind 0.0.0.0 --port 8080   # for other hosts"})
public final class RelayServeCommand implements Callable<Integer> {
    /** Default TCP port, as PKARR relays use. */
    static final int DEFAULT_PORT = 6881;

    private static final String REQUEST_TIME_PROPERTY = "sun.net.httpserver.maxReqTime";
    private static final String RESPONSE_TIME_PROPERTY = "sun.net.httpserver.maxRspTime";

    private final CliContext context;

    @Option(names = "--port", paramLabel = "P",
            description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port = DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind = "127.0.0.1";

    @Option(names = "--rate", paramLabel = "N",
            description = "Requests per second accepted from one client address (default: ${DEFAULT-VALUE}).")
    int rate = RelayLimits.DEFAULT.requestsPerSecond();

    @Option(names = "--quiet", description = "Do not log requests.")
    boolean quiet;

    @Mixin
    DhtOptions network;

    RelayServeCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        if (port < 0 || port > 65535) {
            throw new CliException(ExitCodes.USAGE, String.format("--port [%d] not in [0, 65535]", port));
        }
        if (rate < 1 || rate > 100_000) {
            throw new CliException(ExitCodes.USAGE, String.format("--rate [%d] not in [1, 100000]", rate));
        }
        final InetAddress address = bindAddress();
        final PkarrSettings settings = network.settings(context.environment(), null);
        // Slow clients: the JDK server drops requests and responses that take longer than this (read once).
        System.setProperty(REQUEST_TIME_PROPERTY, System.getProperty(REQUEST_TIME_PROPERTY, "30"));
        System.setProperty(RESPONSE_TIME_PROPERTY, System.getProperty(RESPONSE_TIME_PROPERTY, "60"));
        final PkarrTransport backend;
        try {
            backend = PkarrTransport.open(settings);
        } catch (final IOException e) {
            throw DhtFailures.of("relay start", e);
        } catch (final InterruptedException e) {
            throw DhtFailures.interrupted(e);
        }
        final RelayServer relay;
        try {
            final RelayLimits limits = new RelayLimits(rate, rate * 4, RelayLimits.DEFAULT.maxConcurrent(),
                    RelayLimits.DEFAULT.maxTrackedClients(), RelayLimits.DEFAULT.cachedPackets());
            relay = RelayServer.start(new InetSocketAddress(address, port), backend, limits, line -> {
                if (!quiet) {
                    context.err().println("cipherpost relay: " + line);
                    context.err().flush();
                }
            });
        } catch (final IOException e) {
            backend.close();
            throw new CliException(ExitCodes.NETWORK, String.format("cannot listen on [%s:%d]: %s",
                    address.getHostAddress(), port, e.getMessage()), e);
        }
        context.out().println(relay.uri());
        context.out().flush();
        context.err().println("cipherpost: relay listening on " + relay.address() + ", storing to "
                + backend.describe() + "; Ctrl-C stops it");
        context.err().flush();
        final AtomicBoolean closed = new AtomicBoolean();
        UntilInterrupted.await(() -> {
            if (closed.compareAndSet(false, true)) {
                relay.close();
                backend.close();
            }
        });
        return ExitCodes.OK;
    }

    private InetAddress bindAddress() throws CliException {
        if (!bind.matches("[0-9.]+|[0-9A-Fa-f:]+") && !bind.equalsIgnoreCase("localhost")) {
            throw new CliException(ExitCodes.USAGE, "--bind must be an IP address such as 127.0.0.1 or 0.0.0.0");
        }
        try {
            return InetAddress.getByName(bind);
        } catch (final UnknownHostException e) {
            throw new CliException(ExitCodes.USAGE, "--bind [" + bind + "] is not an IP address", e);
        }
    }
}
