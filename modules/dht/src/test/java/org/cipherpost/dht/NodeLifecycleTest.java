package org.cipherpost.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.cipherpost.wire.BencodeValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Start, close, read-only mode and the loopback address policy. */
@Timeout(30)
class NodeLifecycleTest {

    @Test
    void closeReleasesThreadsAndPorts() throws Exception {
        final Set<Thread> before = dhtThreads();
        final List<InetSocketAddress> ports;
        try (Testnet testnet = Testnet.start(4); DhtNode client = DhtNode.start(testnet.clientConfig().build())) {
            client.bootstrap();
            assertTrue(client.getImmutable(new byte[20]).value().isEmpty());
            ports = testnet.bootstrap();
            assertTrue(dhtThreads().size() >= before.size() + 10);
        }
        final Set<Thread> leaked = dhtThreads();
        leaked.removeAll(before);
        assertEquals(Set.of(), leaked);
        for (final InetSocketAddress port : ports) {
            try (DatagramSocket rebound = new DatagramSocket(port)) {
                assertTrue(rebound.isBound());
            }
        }
    }

    @Test
    void operationsFailOnceClosed() throws Exception {
        final DhtNode node = DhtNode.start(localConfig(DhtMode.CLIENT).build());
        node.close();
        node.close();
        final DhtException failure = assertThrows(DhtException.class, () -> node.getMutable(new byte[32], null));
        assertTrue(failure.getMessage().contains("closed"));
    }

    @Test
    void closeFailsOperationsInProgress() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(loopback(), 0))) {
            final DhtNode node = DhtNode.start(localConfig(DhtMode.CLIENT)
                    .bootstrap(List.of((InetSocketAddress) silent.getLocalSocketAddress()))
                    .requestTimeout(Duration.ofSeconds(20)).operationTimeout(Duration.ofSeconds(60)).build());
            final CompletableFuture<GetResult<BencodeValue>> pending = node.getImmutableAsync(new byte[20]);
            node.close();
            final ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> pending.get(5, TimeUnit.SECONDS));
            assertInstanceOf(DhtException.class, failure.getCause());
        }
    }

    @Test
    void clientNodesDoNotAnswerQueries() throws Exception {
        try (DhtNode full = DhtNode.start(localConfig(DhtMode.FULL).requestTimeout(Duration.ofMillis(300)).build());
                DhtNode client = DhtNode.start(localConfig(DhtMode.CLIENT).build())) {
            final DhtContact answered = client.ping(full.localAddress());
            assertArrayEquals(full.id(), answered.id());
            assertThrows(SocketTimeoutException.class, () -> full.ping(client.localAddress()));
            assertFalse(full.contacts().stream().anyMatch(contact -> contact.address().equals(client.localAddress())));
            assertEquals(1, client.contacts().size());
        }
    }

    @Test
    void loopbackIsRefusedWithoutTheTestnetFlag() throws Exception {
        try (DhtNode full = DhtNode.start(localConfig(DhtMode.FULL).build());
                DhtNode strict = DhtNode.start(DhtConfig.builder().bindAddress(loopback())
                        .bootstrap(List.of(full.localAddress())).build())) {
            final long received = full.stats().received();
            assertThrows(DhtException.class, strict::bootstrap);
            assertThrows(DhtException.class, () -> strict.ping(full.localAddress()));
            assertEquals(received, full.stats().received());
            assertEquals(0, strict.stats().sent());
        }
    }

    private static DhtConfig.Builder localConfig(final DhtMode mode) throws Exception {
        return DhtConfig.builder().bindAddress(loopback()).mode(mode).testnet(true).bootstrap(List.of());
    }

    private static InetAddress loopback() throws Exception {
        return InetAddress.getByName("127.0.0.1");
    }

    private static Set<Thread> dhtThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("cipherpost-dht-"))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
