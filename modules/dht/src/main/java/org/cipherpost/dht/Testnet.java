package org.cipherpost.dht;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A local Mainline DHT of full nodes on 127.0.0.1 (ephemeral ports) in this process, bootstrapped off each other,
 * for tests and for {@code cipherpost dht testnet}. Closing it closes every node.
 */
public final class Testnet implements AutoCloseable {
    private static final InetAddress LOOPBACK = loopbackIpv4();

    private final List<DhtNode> nodes;
    private final List<InetSocketAddress> bootstrap;
    private final DhtConfig template;

    private Testnet(final List<DhtNode> nodes, final DhtConfig template) {
        this.nodes = List.copyOf(nodes);
        this.bootstrap = nodes.stream().map(DhtNode::localAddress).toList();
        this.template = template;
    }

    /**
     * Starts a test network with default settings.
     *
     * @param size number of full nodes, at least 1
     * @return running network
     * @throws IOException when a socket cannot be bound or the nodes cannot reach each other
     * @throws InterruptedException when interrupted while bootstrapping
     */
    public static Testnet start(final int size) throws IOException, InterruptedException {
        return start(size, DhtConfig.builder().build());
    }

    /**
     * Starts a test network whose nodes take clock, timeouts and limits from a template; address, port, mode,
     * bootstrap list, node ID and the testnet flag are set here.
     *
     * @param size number of full nodes, at least 1
     * @param template settings to start from
     * @return running network
     * @throws IOException when a socket cannot be bound or the nodes cannot reach each other
     * @throws InterruptedException when interrupted while bootstrapping
     */
    public static Testnet start(final int size, final DhtConfig template) throws IOException, InterruptedException {
        Objects.requireNonNull(template, "Template configuration required");
        if (size < 1) {
            throw new IllegalArgumentException(String.format("Testnet size [%d] less than minimum [1]", size));
        }
        final List<DhtNode> started = new ArrayList<>(size);
        try {
            final DhtConfig.Builder base = template.toBuilder().bindAddress(LOOPBACK).port(0).mode(DhtMode.FULL)
                    .testnet(true).nodeId(null);
            final DhtNode first = DhtNode.start(base.bootstrap(List.of()).build());
            started.add(first);
            final DhtConfig joining = base.bootstrap(List.of(first.localAddress())).build();
            for (int i = 1; i < size; i++) {
                final DhtNode node = DhtNode.start(joining);
                started.add(node);
                node.bootstrap();
            }
            final List<CompletableFuture<Integer>> refreshes = new ArrayList<>();
            for (final DhtNode node : started) {
                refreshes.add(node.bootstrapAsync());
            }
            for (final CompletableFuture<Integer> refresh : refreshes) {
                Await.result(refresh);
            }
            return new Testnet(started, template);
        } catch (final IOException | InterruptedException | RuntimeException e) {
            started.forEach(DhtNode::close);
            throw e;
        }
    }

    /**
     * Returns the addresses of all nodes, for clients' bootstrap lists.
     *
     * @return node addresses in start order
     */
    public List<InetSocketAddress> bootstrap() {
        return bootstrap;
    }

    /**
     * Returns the nodes in start order.
     *
     * @return full nodes
     */
    public List<DhtNode> nodes() {
        return nodes;
    }

    /**
     * Returns settings for a client (read-only) node of this network on 127.0.0.1, from the template.
     *
     * @return builder to refine and build
     */
    public DhtConfig.Builder clientConfig() {
        return template.toBuilder().bindAddress(LOOPBACK).port(0).mode(DhtMode.CLIENT).testnet(true)
                .nodeId(null).bootstrap(bootstrap);
    }

    private static InetAddress loopbackIpv4() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (final UnknownHostException e) {
            throw new IllegalStateException("IPv4 loopback address not available", e);
        }
    }

    /**
     * Closes every node.
     */
    @Override
    public void close() {
        nodes.forEach(DhtNode::close);
    }
}
