package org.cipherpost.dht;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where PKARR packets go: a relay when one is set, otherwise the DHT through the bootstrap nodes, with the address
 * policy and the timeout of one operation.
 *
 * <p>Precedence, applied by callers: command-line options, then {@code CIPHERPOST_RELAY} and
 * {@code CIPHERPOST_BOOTSTRAP}, then the public Mainline routers. Loopback and private node addresses are accepted
 * when {@code testnet} is set, and automatically when every bootstrap address is loopback.
 *
 * @param relay relay base URL, or empty to use the DHT
 * @param bootstrap bootstrap nodes, possibly unresolved
 * @param testnet true to accept loopback and private node addresses
 * @param timeout longest one lookup, put or relay exchange may take
 */
public record PkarrSettings(Optional<URI> relay, List<InetSocketAddress> bootstrap, boolean testnet,
        Duration timeout) {
    /** Environment variable naming a relay URL; when set, packets go through the relay instead of the DHT. */
    public static final String RELAY_VARIABLE = "CIPHERPOST_RELAY";

    /** Environment variable holding bootstrap nodes, {@code host:port} separated by commas or white space. */
    public static final String BOOTSTRAP_VARIABLE = "CIPHERPOST_BOOTSTRAP";

    /** Default operation timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Checks and copies the fields.
     *
     * @param relay relay URL or empty
     * @param bootstrap bootstrap nodes
     * @param testnet local addresses allowed
     * @param timeout operation timeout
     */
    public PkarrSettings {
        Objects.requireNonNull(relay, "Relay required (empty for the DHT)");
        bootstrap = List.copyOf(Objects.requireNonNull(bootstrap, "Bootstrap list required"));
        Objects.requireNonNull(timeout, "Timeout required");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(String.format("Timeout [%s] not positive", timeout));
        }
    }

    /**
     * Returns the defaults: the DHT through the public routers, 30-second timeout.
     *
     * @return settings
     */
    public static PkarrSettings defaults() {
        return new PkarrSettings(Optional.empty(), DhtConfig.DEFAULT_BOOTSTRAP, false, DEFAULT_TIMEOUT);
    }

    /**
     * Returns the defaults overridden by {@code CIPHERPOST_RELAY} and {@code CIPHERPOST_BOOTSTRAP} when set and not
     * blank.
     *
     * @param environment environment variables
     * @return settings
     * @throws IOException when a variable holds an invalid URL or bootstrap list
     */
    public static PkarrSettings fromEnvironment(final Map<String, String> environment) throws IOException {
        Objects.requireNonNull(environment, "Environment required");
        PkarrSettings settings = defaults();
        final String relay = environment.get(RELAY_VARIABLE);
        if (relay != null && !relay.isBlank()) {
            settings = settings.withRelay(parseRelay(relay));
        }
        final String bootstrap = environment.get(BOOTSTRAP_VARIABLE);
        if (bootstrap != null && !bootstrap.isBlank()) {
            settings = settings.withBootstrap(DhtConfig.parseBootstrap(bootstrap));
        }
        return settings;
    }

    /**
     * Parses a relay base URL: {@code http} or {@code https}, a host, no user information, query or fragment.
     *
     * @param text URL such as {@code https://relay.pkarr.org}
     * @return URL without trailing slashes
     * @throws IOException when the URL is not acceptable
     */
    public static URI parseRelay(final String text) throws IOException {
        Objects.requireNonNull(text, "Relay URL required");
        final URI uri;
        try {
            uri = new URI(text.strip());
        } catch (final URISyntaxException e) {
            throw new IOException(String.format("Relay URL [%s] not valid: %s", text, e.getReason()), e);
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IOException(String.format(
                    "Relay URL [%s] not an http or https URL with a host and without user, query or fragment", text));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /**
     * Returns these settings with a relay.
     *
     * @param relayUrl relay base URL
     * @return settings
     */
    public PkarrSettings withRelay(final URI relayUrl) {
        return new PkarrSettings(Optional.of(relayUrl), bootstrap, testnet, timeout);
    }

    /**
     * Returns these settings with other bootstrap nodes.
     *
     * @param nodes bootstrap nodes
     * @return settings
     */
    public PkarrSettings withBootstrap(final List<InetSocketAddress> nodes) {
        return new PkarrSettings(relay, nodes, testnet, timeout);
    }

    /**
     * Returns these settings with the testnet flag set or cleared.
     *
     * @param allowLocal true to accept loopback and private addresses
     * @return settings
     */
    public PkarrSettings withTestnet(final boolean allowLocal) {
        return new PkarrSettings(relay, bootstrap, allowLocal, timeout);
    }

    /**
     * Returns these settings with another timeout.
     *
     * @param operationTimeout longest one operation may take
     * @return settings
     */
    public PkarrSettings withTimeout(final Duration operationTimeout) {
        return new PkarrSettings(relay, bootstrap, testnet, operationTimeout);
    }

    /**
     * Tells whether every bootstrap address is a loopback address ({@code localhost} or a 127/8 or ::1 literal).
     *
     * @return true when the list is not empty and all loopback
     */
    public boolean loopbackOnly() {
        return !bootstrap.isEmpty() && bootstrap.stream().allMatch(PkarrSettings::loopback);
    }

    /**
     * Tells whether local addresses are accepted: asked for, or implied by a loopback-only bootstrap list.
     *
     * @return true for a local test network
     */
    public boolean effectiveTestnet() {
        return testnet || loopbackOnly();
    }

    private static boolean loopback(final InetSocketAddress address) {
        final String host = address.getHostString();
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!address.isUnresolved()) {
            return address.getAddress().isLoopbackAddress();
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (final UnknownHostException e) {
            return false;
        }
    }
}
