package org.cipherpost.dht.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.cipherpost.dht.DhtConfig;
import org.cipherpost.dht.DhtContact;
import org.cipherpost.dht.DhtException;
import org.cipherpost.dht.DhtMode;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.DhtStats;
import org.cipherpost.dht.GetResult;
import org.cipherpost.dht.PutResult;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.Bep44Exception;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.MutableItem;

/**
 * The node: one UDP socket and receive thread, a timer thread for request timeouts and upkeep, and a virtual
 * thread per operation running its iterative lookup.
 */
final class StandardDhtNode implements DhtNode {
    /** Thread name prefix, for diagnostics and leak checks. */
    static final String THREAD_PREFIX = "cipherpost-dht-";

    private static final long MAINTENANCE_SECONDS = 60;
    private static final int PINGS_PER_MAINTENANCE = 8;
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final DhtConfig config;
    private final NodeId id;
    private final AddressPolicy policy;
    private final Counters counters = new Counters();
    private final RoutingTable table;
    private final TransactionTable transactions;
    private final ItemStore store;
    private final WriteTokens tokens;
    private final BootstrapResolver bootstrap;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService tasks;
    private final KrpcClient client;
    private final PutSender puts;
    private final UdpTransport transport;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StandardDhtNode(final DhtConfig config) throws IOException {
        this.config = config;
        final SecureRandom random = new SecureRandom();
        final byte[] fixedId = config.nodeId();
        this.id = fixedId == null ? NodeId.random(random) : NodeId.of(fixedId);
        this.policy = new AddressPolicy(config.testnet());
        this.table = new RoutingTable(id, DhtConfig.K, config.clock(), policy);
        this.transactions = new TransactionTable(config.maxPendingRequests(), random);
        this.store = new ItemStore(config.clock(), config.maxStoredItems());
        this.tokens = new WriteTokens(config.clock(), config.tokenRotation(), random);
        this.bootstrap = new BootstrapResolver(config.bootstrap(), policy);
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name(THREAD_PREFIX + "timer-", 0)
                .daemon(true).factory());
        this.timer.setRemoveOnCancelPolicy(true);
        this.tasks = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(THREAD_PREFIX + "task-", 0)
                .factory());
        final Outbox outbox = new Outbox(counters);
        this.client = new KrpcClient(id, config.mode() == DhtMode.CLIENT, transactions, outbox, timer,
                config.requestTimeout(), counters, new TableUpkeep(table));
        this.puts = new PutSender(client, DhtConfig.K);
        final QueryHandler handler = config.mode() == DhtMode.FULL
                ? new QueryHandler(id, DhtConfig.K, table, tokens, store, outbox, counters, tasks)
                : null;
        final RateLimiter limiter = new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst(),
                config.maxTrackedSources(), System::nanoTime);
        final Dispatcher dispatcher = new Dispatcher(limiter, config.testnet(), handler, client, counters);
        try {
            this.transport = UdpTransport.open(new InetSocketAddress(config.bindAddress(), config.port()),
                    dispatcher, THREAD_PREFIX + "receive-" + id.toString().substring(0, 8));
        } catch (final IOException | RuntimeException e) {
            timer.shutdownNow();
            tasks.shutdownNow();
            tokens.close();
            throw e;
        }
        outbox.attach(transport);
    }

    /**
     * Binds the socket and starts the node's threads.
     *
     * @param config node settings
     * @return running node
     * @throws IOException when the socket cannot be bound
     */
    static StandardDhtNode start(final DhtConfig config) throws IOException {
        Objects.requireNonNull(config, "DHT configuration required");
        final StandardDhtNode node = new StandardDhtNode(config);
        node.timer.scheduleWithFixedDelay(node::scheduleMaintenance, MAINTENANCE_SECONDS, MAINTENANCE_SECONDS,
                TimeUnit.SECONDS);
        return node;
    }

    @Override
    public byte[] id() {
        return id.bytes();
    }

    @Override
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    @Override
    public DhtMode mode() {
        return config.mode();
    }

    @Override
    public CompletableFuture<Integer> bootstrapAsync() {
        return submit(() -> {
            final List<LookupCandidate> responded = lookup(id, "find_node",
                    () -> BencodeDictionary.builder().put("target", id.bytes()), true, (candidate, response) -> false);
            if (responded.isEmpty() && table.size() == 0 && !config.bootstrap().isEmpty()) {
                throw new DhtException(String.format("None of [%d] bootstrap nodes usable and answering",
                        config.bootstrap().size()));
            }
            return table.size();
        });
    }

    @Override
    public CompletableFuture<DhtContact> pingAsync(final InetSocketAddress address) {
        Objects.requireNonNull(address, "Node address required");
        if (!policy.allows(address)) {
            return CompletableFuture.failedFuture(new DhtException(String.format(
                    "Address [%s] not allowed (unresolved, not IPv4, or local without testnet)", address)));
        }
        return client.query(address, "ping", BencodeDictionary.builder())
                .thenApplyAsync(response -> contact(response, address), tasks);
    }

    @Override
    public CompletableFuture<GetResult<MutableItem>> getMutableAsync(final byte[] publicKey, final byte[] salt) {
        final byte[] saltBytes = checkSalt(salt);
        final byte[] target = Bep44.mutableTarget(Objects.requireNonNull(publicKey, "Public key required"),
                saltBytes);
        final MutableGetVisitor visitor = new MutableGetVisitor(publicKey, saltBytes);
        return submit(() -> {
            final List<LookupCandidate> responded = lookup(NodeId.of(target), "get", getArguments(target), false,
                    visitor);
            return new GetResult<>(Optional.ofNullable(visitor.best()), responded.size(), visitor.holding());
        });
    }

    @Override
    public CompletableFuture<PutResult> putMutableAsync(final MutableItem item, final OptionalLong cas) {
        Objects.requireNonNull(item, "Mutable item required");
        Objects.requireNonNull(cas, "CAS required (empty for none)");
        final byte[] target = item.target();
        final Long expected = cas.isPresent() ? cas.getAsLong() : null;
        return submit(() -> puts.send(target, lookup(NodeId.of(target), "get", getArguments(target), false,
                (candidate, response) -> false), PutSender.mutableArguments(item, expected)));
    }

    @Override
    public CompletableFuture<GetResult<BencodeValue>> getImmutableAsync(final byte[] target) {
        final NodeId key = NodeId.of(Objects.requireNonNull(target, "Target required"));
        final ImmutableGetVisitor visitor = new ImmutableGetVisitor(target);
        return submit(() -> {
            final List<LookupCandidate> responded = lookup(key, "get", getArguments(target), false, visitor);
            final BencodeValue value = visitor.value();
            return new GetResult<>(Optional.ofNullable(value), responded.size(), value == null ? 0 : 1);
        });
    }

    @Override
    public CompletableFuture<PutResult> putImmutableAsync(final BencodeValue value) {
        Objects.requireNonNull(value, "Value required");
        final byte[] encoded = Bencode.encode(value);
        try {
            ValueLimits.check(value, encoded);
        } catch (final Bep44Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        final byte[] target = Bep44.immutableTarget(encoded);
        return submit(() -> puts.send(target, lookup(NodeId.of(target), "get", getArguments(target), false,
                (candidate, response) -> false), PutSender.immutableArguments(value)));
    }

    @Override
    public List<DhtContact> contacts() {
        return table.contacts().stream().map(Contact::toPublic).toList();
    }

    @Override
    public DhtStats stats() {
        return new DhtStats(counters.received.sum(), counters.sent.sum(), counters.malformed.sum(),
                counters.rateLimited.sum(), counters.answered.sum(), counters.errorsSent.sum(),
                counters.unmatched.sum(), counters.timeouts.sum(), table.size(), store.size(), transactions.size());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        transport.close();
        client.failAll(new DhtException("DHT node closed"));
        timer.shutdownNow();
        tasks.shutdownNow();
        // A caller closing from one of our own threads (a continuation) must not wait for itself.
        if (!Thread.currentThread().getName().startsWith(THREAD_PREFIX)) {
            try {
                timer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
                tasks.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tokens.close();
    }

    @Override
    public String toString() {
        return "DhtNode[" + id + "@" + transport.localAddress() + ", " + config.mode() + "]";
    }

    private List<LookupCandidate> lookup(final NodeId target, final String method,
            final Supplier<BencodeDictionary.Builder> arguments, final boolean withBootstrap,
            final Lookup.Visitor visitor) throws InterruptedException {
        final List<Contact> seeds = table.closest(target, DhtConfig.K);
        final List<InetSocketAddress> routers = withBootstrap || seeds.size() < DhtConfig.K
                ? bootstrap.addresses() : List.of();
        final Lookup lookup = new Lookup(target, id, DhtConfig.K, config.alpha(), policy,
                address -> client.query(address, method, arguments.get()), visitor);
        return lookup.run(seeds, routers, System.nanoTime() + config.operationTimeout().toNanos());
    }

    private static Supplier<BencodeDictionary.Builder> getArguments(final byte[] target) {
        return () -> BencodeDictionary.builder().put("target", target);
    }

    private <T> CompletableFuture<T> submit(final Callable<T> operation) {
        final CompletableFuture<T> future = new CompletableFuture<>();
        try {
            tasks.execute(() -> {
                try {
                    final T result = operation.call();
                    if (closed.get()) {
                        future.completeExceptionally(new DhtException("DHT node closed"));
                    } else {
                        future.complete(result);
                    }
                } catch (final InterruptedException e) {
                    future.completeExceptionally(new DhtException("DHT node closed"));
                } catch (final Exception | Error e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (final RejectedExecutionException e) {
            future.completeExceptionally(new DhtException("DHT node closed"));
        }
        return future;
    }

    private void scheduleMaintenance() {
        try {
            tasks.execute(this::maintain);
        } catch (final RejectedExecutionException e) {
            // Closing: no more upkeep.
        }
    }

    /** Drops expired items, pings questionable nodes and refills a thin routing table. */
    private void maintain() {
        store.expire();
        for (final Contact contact : table.questionable(PINGS_PER_MAINTENANCE)) {
            client.query(contact.address(), "ping", BencodeDictionary.builder());
        }
        if (table.size() < DhtConfig.K) {
            try {
                lookup(id, "find_node", () -> BencodeDictionary.builder().put("target", id.bytes()), true,
                        (candidate, response) -> false);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static DhtContact contact(final KrpcResponse response, final InetSocketAddress address) {
        try {
            return new DhtContact(response.senderId().bytes(), address);
        } catch (final KrpcFormatException e) {
            throw new CompletionException(new DhtException(DhtException.PROTOCOL_ERROR,
                    String.format("Node [%s] answered without valid node ID", address)));
        }
    }

    private static byte[] checkSalt(final byte[] salt) {
        if (salt == null) {
            return new byte[0];
        }
        if (salt.length > Bep44.MAX_SALT_BYTES) {
            throw new IllegalArgumentException(String.format("Salt length [%d] greater than maximum [%d]",
                    salt.length, Bep44.MAX_SALT_BYTES));
        }
        return salt.clone();
    }

    /** Feeds request outcomes into the routing table. */
    private record TableUpkeep(RoutingTable table) implements KrpcClient.Listener {
        @Override
        public void responded(final Contact contact) {
            table.heard(contact, true);
        }

        @Override
        public void timedOut(final InetSocketAddress address) {
            table.failed(address);
        }
    }
}
