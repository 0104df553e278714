package org.cipherpost.cli.dht;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.dht.DhtConfig;
import org.cipherpost.dht.DhtMode;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.Testnet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dht testnet}: full nodes on 127.0.0.1 in this process until interrupted. */
@Command(name = "testnet",
        mixinStandardHelpOptions = true,
        description = {"Run full DHT nodes on 127.0.0.1 in this process until interrupted.",
            "Prints the nodes on stdout as one line host:port,... to use as",
            "CIPHERPOST_BOOTSTRAP or --bootstrap elsewhere.",
            "Ctrl-C (SIGINT) or SIGTERM closes the nodes."},
        footer = {"", "Examples:",
            "  cipherpost dht testnet --nodes 20",
            "  cipherpost dht testnet --nodes 5 --port 7000     # UDP ports 7000-7004",
            "  cipherpost dht testnet > nodes.txt &",
            "  CIPHERPOST_BOOTSTRAP=$(cat nodes.txt) cipherpost dht resolve pk:$KEY"})
public final class DhtTestnetCommand implements Callable<Integer> {
    private static final int MAX_NODES = 1000;

    private final CliContext context;

    @Option(names = "--nodes", paramLabel = "N", description = "Number of full nodes (default: ${DEFAULT-VALUE}).")
    int nodes = 20;

    @Option(names = "--port", paramLabel = "P",
            description = "UDP port of the first node; the others take the next ports (default: ephemeral ports).")
    Integer port;

    DhtTestnetCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new CliException(ExitCodes.USAGE, String.format("--nodes [%d] not in [1, %d]", nodes, MAX_NODES));
        }
        if (port != null && (port < 1 || port + nodes - 1 > 65535)) {
            throw new CliException(ExitCodes.USAGE, String.format("--port [%d] with [%d] nodes leaves [1, 65535]",
                    port, nodes));
        }
        final List<DhtNode> started;
        try {
            started = port == null ? Testnet.start(nodes).nodes() : startOnPorts(port, nodes);
        } catch (final IOException e) {
            throw DhtFailures.of("testnet start", e);
        } catch (final InterruptedException e) {
            throw DhtFailures.interrupted(e);
        }
        context.out().println(started.stream().map(node -> "127.0.0.1:" + node.localAddress().getPort())
                .collect(Collectors.joining(",")));
        context.out().flush();
        context.err().println("cipherpost: " + started.size() + " DHT nodes running on 127.0.0.1; Ctrl-C stops them");
        context.err().flush();
        UntilInterrupted.await(() -> started.forEach(DhtNode::close));
        return ExitCodes.OK;
    }

    /** Starts nodes on consecutive ports; each joins through the first, then all refresh their tables. */
    private static List<DhtNode> startOnPorts(final int first, final int count)
            throws IOException, InterruptedException {
        final InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        final DhtConfig.Builder base = DhtConfig.builder().bindAddress(loopback).mode(DhtMode.FULL).testnet(true);
        final List<DhtNode> started = new ArrayList<>(count);
        try {
            started.add(DhtNode.start(base.port(first).bootstrap(List.of()).build()));
            final List<InetSocketAddress> entry = List.of(started.get(0).localAddress());
            for (int i = 1; i < count; i++) {
                final DhtNode node = DhtNode.start(base.port(first + i).bootstrap(entry).build());
                started.add(node);
                node.bootstrap();
            }
            final List<CompletableFuture<Integer>> refreshes = started.stream().map(DhtNode::bootstrapAsync).toList();
            for (final CompletableFuture<Integer> refresh : refreshes) {
                try {
                    refresh.join();
                } catch (final CompletionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw e;
                }
            }
            return started;
        } catch (final IOException | InterruptedException | RuntimeException e) {
            started.forEach(DhtNode::close);
            throw e;
        }
    }
}
