package org.cipherpost.dht;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of one DHT node: socket, mode, bootstrap nodes, address policy, timeouts, clock and limits.
 *
 * <p>Loopback and private addresses are accepted (as bootstrap targets and as nodes learned from responses)
 * only when {@link #testnet()} is set; otherwise they are dropped.
 */
public final class DhtConfig {
    /** The public Mainline routers, unresolved; resolved when a node first needs them. */
    public static final List<InetSocketAddress> DEFAULT_BOOTSTRAP = List.of(
            InetSocketAddress.createUnresolved("router.bittorrent.com", 6881),
            InetSocketAddress.createUnresolved("dht.transmissionbt.com", 6881),
            InetSocketAddress.createUnresolved("dht.libtorrent.org", 25401),
            InetSocketAddress.createUnresolved("relay.pkarr.org", 6881));

    /** Bucket size and replication factor (BEP 5 and BEP 44). */
    public static final int K = 8;

    /** Largest lookup parallelism accepted. */
    public static final int MAX_ALPHA = 8;

    private static final InetAddress ANY_IPV4 = anyIpv4();

    private final InetAddress bindAddress;
    private final int port;
    private final DhtMode mode;
    private final List<InetSocketAddress> bootstrap;
    private final boolean testnet;
    private final Duration requestTimeout;
    private final Duration operationTimeout;
    private final int alpha;
    private final InstantSource clock;
    private final byte[] nodeId;
    private final Duration tokenRotation;
    private final int maxStoredItems;
    private final int maxPendingRequests;
    private final int rateLimitPerSecond;
    private final int rateLimitBurst;
    private final int maxTrackedSources;

    private DhtConfig(final Builder builder) {
        this.bindAddress = builder.bindAddress;
        this.port = builder.port;
        this.mode = builder.mode;
        this.bootstrap = List.copyOf(builder.bootstrap);
        this.testnet = builder.testnet;
        this.requestTimeout = builder.requestTimeout;
        this.operationTimeout = builder.operationTimeout;
        this.alpha = builder.alpha;
        this.clock = builder.clock;
        this.nodeId = builder.nodeId == null ? null : builder.nodeId.clone();
        this.tokenRotation = builder.tokenRotation;
        this.maxStoredItems = builder.maxStoredItems;
        this.maxPendingRequests = builder.maxPendingRequests;
        this.rateLimitPerSecond = builder.rateLimitPerSecond;
        this.rateLimitBurst = builder.rateLimitBurst;
        this.maxTrackedSources = builder.maxTrackedSources;
    }

    /**
     * Returns a builder holding the defaults: client mode on 0.0.0.0, ephemeral port, public routers.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder starting from this configuration.
     *
     * @return builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Parses a bootstrap list such as {@code "host:6881, 10.0.0.1:6881 [::1]:6881"} (separated by commas or
     * white space) into unresolved addresses.
     *
     * @param text bootstrap list
     * @return addresses in order
     * @throws IOException when an entry has no port or a port out of range
     */
    public static List<InetSocketAddress> parseBootstrap(final String text) throws IOException {
        Objects.requireNonNull(text, "Bootstrap list required");
        final List<InetSocketAddress> addresses = new ArrayList<>();
        for (final String entry : text.strip().split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                addresses.add(parseAddress(entry));
            }
        }
        return List.copyOf(addresses);
    }

    private static InetSocketAddress parseAddress(final String entry) throws IOException {
        final int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new IOException(String.format("Bootstrap entry [%s] not in host:port form", entry));
        }
        String host = entry.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IOException(String.format("Bootstrap entry [%s] IPv6 address not in brackets", entry));
        }
        final int port;
        try {
            port = Integer.parseInt(entry.substring(colon + 1));
        } catch (final NumberFormatException e) {
            throw new IOException(String.format("Bootstrap entry [%s] port not a number", entry), e);
        }
        if (port < 1 || port > 65535 || host.isEmpty()) {
            throw new IOException(String.format("Bootstrap entry [%s] host or port not valid", entry));
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * Returns the local address the UDP socket binds to.
     *
     * @return bind address (IPv4)
     */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /**
     * Returns the local UDP port, 0 for an ephemeral one.
     *
     * @return port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the node mode.
     *
     * @return client (read-only) or full
     */
    public DhtMode mode() {
        return mode;
    }

    /**
     * Returns the bootstrap nodes, possibly unresolved.
     *
     * @return bootstrap addresses
     */
    public List<InetSocketAddress> bootstrap() {
        return bootstrap;
    }

    /**
     * Tells whether loopback and private addresses are accepted.
     *
     * @return true for a local test network
     */
    public boolean testnet() {
        return testnet;
    }

    /**
     * Returns how long one request waits for its answer.
     *
     * @return per-request timeout
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Returns the longest a lookup, get or put may take as a whole.
     *
     * @return operation timeout
     */
    public Duration operationTimeout() {
        return operationTimeout;
    }

    /**
     * Returns how many requests a lookup keeps in flight.
     *
     * @return lookup parallelism
     */
    public int alpha() {
        return alpha;
    }

    /**
     * Returns the clock for item expiry, token rotation and node liveness.
     *
     * @return clock
     */
    public InstantSource clock() {
        return clock;
    }

    /**
     * Returns a copy of the fixed node ID, or null for a random one.
     *
     * @return 20 ID bytes or null
     */
    public byte[] nodeId() {
        return nodeId == null ? null : nodeId.clone();
    }

    /**
     * Returns how often write-token secrets rotate; tokens of the current and the previous secret are accepted.
     *
     * @return rotation interval
     */
    public Duration tokenRotation() {
        return tokenRotation;
    }

    /**
     * Returns the largest number of BEP 44 items stored.
     *
     * @return item cap
     */
    public int maxStoredItems() {
        return maxStoredItems;
    }

    /**
     * Returns the largest number of requests awaiting answers.
     *
     * @return pending request cap
     */
    public int maxPendingRequests() {
        return maxPendingRequests;
    }

    /**
     * Returns the sustained datagrams per second accepted from one source.
     *
     * @return rate per source
     */
    public int rateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    /**
     * Returns the burst of datagrams accepted from one source.
     *
     * @return bucket size per source
     */
    public int rateLimitBurst() {
        return rateLimitBurst;
    }

    /**
     * Returns how many sources the rate limiter tracks at once (least recently seen dropped first).
     *
     * @return tracked source cap
     */
    public int maxTrackedSources() {
        return maxTrackedSources;
    }

    private static InetAddress anyIpv4() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (final UnknownHostException e) {
            throw new IllegalStateException("IPv4 wildcard address not available", e);
        }
    }

    /** Collects settings; {@link #build()} checks them. */
    public static final class Builder {
        private InetAddress bindAddress = ANY_IPV4;
        private int port;
        private DhtMode mode = DhtMode.CLIENT;
        private List<InetSocketAddress> bootstrap = DEFAULT_BOOTSTRAP;
        private boolean testnet;
        private Duration requestTimeout = Duration.ofSeconds(2);
        private Duration operationTimeout = Duration.ofSeconds(30);
        private int alpha = 3;
        private InstantSource clock = InstantSource.system();
        private byte[] nodeId;
        private Duration tokenRotation = Duration.ofMinutes(5);
        private int maxStoredItems = 8192;
        private int maxPendingRequests = 1024;
        private int rateLimitPerSecond = 50;
        private int rateLimitBurst = 100;
        private int maxTrackedSources = 4096;

        private Builder() {
        }

        private Builder(final DhtConfig config) {
            this.bindAddress = config.bindAddress;
            this.port = config.port;
            this.mode = config.mode;
            this.bootstrap = config.bootstrap;
            this.testnet = config.testnet;
            this.requestTimeout = config.requestTimeout;
            this.operationTimeout = config.operationTimeout;
            this.alpha = config.alpha;
            this.clock = config.clock;
            this.nodeId = config.nodeId;
            this.tokenRotation = config.tokenRotation;
            this.maxStoredItems = config.maxStoredItems;
            this.maxPendingRequests = config.maxPendingRequests;
            this.rateLimitPerSecond = config.rateLimitPerSecond;
            this.rateLimitBurst = config.rateLimitBurst;
            this.maxTrackedSources = config.maxTrackedSources;
        }

        /**
         * Sets the local IPv4 address to bind.
         *
         * @param bindAddress address such as 127.0.0.1 or 0.0.0.0
         * @return this builder
         */
        public Builder bindAddress(final InetAddress bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "Bind address required");
            return this;
        }

        /**
         * Sets the local UDP port.
         *
         * @param port port, 0 for an ephemeral one
         * @return this builder
         */
        public Builder port(final int port) {
            this.port = port;
            return this;
        }

        /**
         * Sets the node mode.
         *
         * @param mode client (read-only) or full
         * @return this builder
         */
        public Builder mode(final DhtMode mode) {
            this.mode = Objects.requireNonNull(mode, "Mode required");
            return this;
        }

        /**
         * Replaces the bootstrap nodes.
         *
         * @param bootstrap addresses, resolved or not; may be empty
         * @return this builder
         */
        public Builder bootstrap(final List<InetSocketAddress> bootstrap) {
            this.bootstrap = List.copyOf(Objects.requireNonNull(bootstrap, "Bootstrap list required"));
            return this;
        }

        /**
         * Sets whether loopback and private addresses are accepted.
         *
         * @param testnet true for a local test network
         * @return this builder
         */
        public Builder testnet(final boolean testnet) {
            this.testnet = testnet;
            return this;
        }

        /**
         * Sets how long one request waits for its answer.
         *
         * @param requestTimeout per-request timeout
         * @return this builder
         */
        public Builder requestTimeout(final Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "Request timeout required");
            return this;
        }

        /**
         * Sets the longest a lookup, get or put may take as a whole.
         *
         * @param operationTimeout operation timeout
         * @return this builder
         */
        public Builder operationTimeout(final Duration operationTimeout) {
            this.operationTimeout = Objects.requireNonNull(operationTimeout, "Operation timeout required");
            return this;
        }

        /**
         * Sets how many requests a lookup keeps in flight.
         *
         * @param alpha parallelism, 1 to {@link #MAX_ALPHA}
         * @return this builder
         */
        public Builder alpha(final int alpha) {
            this.alpha = alpha;
            return this;
        }

        /**
         * Sets the clock for item expiry, token rotation and node liveness.
         *
         * @param clock clock
         * @return this builder
         */
        public Builder clock(final InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "Clock required");
            return this;
        }

        /**
         * Fixes the node ID instead of drawing a random one.
         *
         * @param nodeId 20 ID bytes, or null for a random ID
         * @return this builder
         */
        public Builder nodeId(final byte[] nodeId) {
            this.nodeId = nodeId == null ? null : nodeId.clone();
            return this;
        }

        /**
         * Sets how often write-token secrets rotate.
         *
         * @param tokenRotation rotation interval
         * @return this builder
         */
        public Builder tokenRotation(final Duration tokenRotation) {
            this.tokenRotation = Objects.requireNonNull(tokenRotation, "Token rotation required");
            return this;
        }

        /**
         * Sets the largest number of BEP 44 items stored.
         *
         * @param maxStoredItems item cap, at least 1
         * @return this builder
         */
        public Builder maxStoredItems(final int maxStoredItems) {
            this.maxStoredItems = maxStoredItems;
            return this;
        }

        /**
         * Sets the largest number of requests awaiting answers.
         *
         * @param maxPendingRequests pending request cap, at least 1
         * @return this builder
         */
        public Builder maxPendingRequests(final int maxPendingRequests) {
            this.maxPendingRequests = maxPendingRequests;
            return this;
        }

        /**
         * Sets the per-source rate limit (token bucket).
         *
         * @param perSecond sustained datagrams per second, at least 1
         * @param burst bucket size, at least 1
         * @return this builder
         */
        public Builder rateLimit(final int perSecond, final int burst) {
            this.rateLimitPerSecond = perSecond;
            this.rateLimitBurst = burst;
            return this;
        }

        /**
         * Sets how many sources the rate limiter tracks at once.
         *
         * @param maxTrackedSources tracked source cap, at least 1
         * @return this builder
         */
        public Builder maxTrackedSources(final int maxTrackedSources) {
            this.maxTrackedSources = maxTrackedSources;
            return this;
        }

        /**
         * Checks the settings and returns the configuration.
         *
         * @return configuration
         * @throws IllegalArgumentException when a setting is out of range
         */
        public DhtConfig build() {
            if (bindAddress.getAddress().length != 4) {
                throw new IllegalArgumentException(String.format("Bind address [%s] not IPv4",
                        bindAddress.getHostAddress()));
            }
            checkRange("Port", port, 0, 65535);
            checkRange("Alpha", alpha, 1, MAX_ALPHA);
            checkRange("Maximum stored items", maxStoredItems, 1, Integer.MAX_VALUE);
            checkRange("Maximum pending requests", maxPendingRequests, 1, Integer.MAX_VALUE);
            checkRange("Rate limit per second", rateLimitPerSecond, 1, Integer.MAX_VALUE);
            checkRange("Rate limit burst", rateLimitBurst, 1, Integer.MAX_VALUE);
            checkRange("Maximum tracked sources", maxTrackedSources, 1, Integer.MAX_VALUE);
            checkPositive("Request timeout", requestTimeout);
            checkPositive("Operation timeout", operationTimeout);
            checkPositive("Token rotation", tokenRotation);
            if (nodeId != null && nodeId.length != DhtContact.ID_LENGTH) {
                throw new IllegalArgumentException(String.format("Node ID length [%d] not equal to required [%d]",
                        nodeId.length, DhtContact.ID_LENGTH));
            }
            return new DhtConfig(this);
        }

        private static void checkRange(final String name, final int value, final int min, final int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(String.format("%s [%d] not in range [%d, %d]", name, value, min,
                        max));
            }
        }

        private static void checkPositive(final String name, final Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(String.format("%s [%s] not positive", name, value));
            }
        }
    }
}
