package org.cipherpost.dht.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cipherpost.wire.BencodeDictionary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The iterative lookup against a simulated network of 300 nodes that answer from another thread. */
class LookupTest {
    private static final int SIZE = 300;
    private static final int ALPHA = 3;

    private final ExecutorService network = Executors.newSingleThreadExecutor();
    private final List<Contact> nodes = new ArrayList<>();
    private final Map<InetSocketAddress, Contact> byAddress = new HashMap<>();
    private final Set<InetSocketAddress> dead = new HashSet<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger queries = new AtomicInteger();

    LookupTest() throws Exception {
        final SecureRandom random = new SecureRandom();
        for (int i = 0; i < SIZE; i++) {
            final InetSocketAddress address = new InetSocketAddress(
                    InetAddress.getByAddress(new byte[] {8, 0, (byte) (i >> 8), (byte) i}), 6881);
            final Contact contact = new Contact(NodeId.random(random), address);
            nodes.add(contact);
            byAddress.put(address, contact);
        }
    }

    @AfterEach
    void stopNetwork() throws InterruptedException {
        network.shutdownNow();
        network.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void settlesOnTheTrueClosestWithBoundedParallelism() throws Exception {
        final NodeId target = NodeId.random(new SecureRandom());
        final List<LookupCandidate> responded = lookup(target).run(nodes.subList(0, 8), List.of(),
                System.nanoTime() + 10_000_000_000L);
        assertEquals(closest(target, 8), responded.subList(0, 8).stream().map(LookupCandidate::id).toList());
        assertTrue(maxInFlight.get() <= ALPHA, () -> "in flight " + maxInFlight.get());
        assertTrue(queries.get() <= 8 + 8 + ALPHA, () -> "queries " + queries.get());
    }

    @Test
    void deadSeedsFailAndTheNextClosestTakeTheirPlace() throws Exception {
        final NodeId target = NodeId.random(new SecureRandom());
        final List<NodeId> ranked = closest(target, 12);
        final List<Contact> seeds = new ArrayList<>(nodes.subList(0, 8));
        for (final Contact node : nodes) {
            if (node.id().equals(ranked.get(0)) || node.id().equals(ranked.get(2))) {
                dead.add(node.address());
                seeds.add(node);
            }
        }
        final List<LookupCandidate> responded = lookup(target).run(seeds, List.of(),
                System.nanoTime() + 10_000_000_000L);
        final List<NodeId> expected = new ArrayList<>(ranked);
        expected.remove(2);
        expected.remove(0);
        assertEquals(expected.subList(0, 8), responded.subList(0, 8).stream().map(LookupCandidate::id).toList());
    }

    @Test
    void bootstrapAddressesWithoutIdsStartTheLookup() throws Exception {
        final NodeId target = NodeId.random(new SecureRandom());
        final List<LookupCandidate> responded = lookup(target).run(List.of(),
                List.of(nodes.get(0).address(), nodes.get(1).address()), System.nanoTime() + 10_000_000_000L);
        assertEquals(closest(target, 8), responded.subList(0, 8).stream().map(LookupCandidate::id).toList());
    }

    @Test
    void aVisitorCanStopTheLookupEarly() throws Exception {
        final NodeId target = NodeId.random(new SecureRandom());
        final Lookup lookup = new Lookup(target, NodeId.random(new SecureRandom()), 8, ALPHA,
                new AddressPolicy(false), address -> answer(address, target), (candidate, response) -> true);
        final List<LookupCandidate> responded = lookup.run(nodes.subList(0, 8), List.of(),
                System.nanoTime() + 10_000_000_000L);
        assertEquals(1, responded.size());
    }

    private Lookup lookup(final NodeId target) {
        return new Lookup(target, NodeId.random(new SecureRandom()), 8, ALPHA, new AddressPolicy(false),
                address -> answer(address, target), (candidate, response) -> false);
    }

    /** Each simulated node knows every live node and answers with the 8 closest to the target asked about. */
    private CompletableFuture<KrpcResponse> answer(final InetSocketAddress address, final NodeId target) {
        queries.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        final CompletableFuture<KrpcResponse> future = new CompletableFuture<>();
        network.execute(() -> {
            inFlight.decrementAndGet();
            if (dead.contains(address)) {
                future.completeExceptionally(new SocketTimeoutException("dead"));
                return;
            }
            final Contact self = byAddress.get(address);
            final List<Contact> known = nodes.stream()
                    .filter(node -> !node.equals(self) && !dead.contains(node.address()))
                    .sorted((a, b) -> target.compareDistance(a.id(), b.id())).limit(8).toList();
            future.complete(new KrpcResponse(new byte[] {1}, BencodeDictionary.builder()
                    .put("id", self.id().bytes()).put("nodes", CompactNodes.encode(known)).build()));
        });
        return future;
    }

    private List<NodeId> closest(final NodeId target, final int count) {
        return nodes.stream().map(Contact::id).sorted(target::compareDistance).limit(count).toList();
    }
}
