package org.cipherpost.cli.dht;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.dht.DhtConfig;
import org.cipherpost.dht.PkarrSettings;
import picocli.CommandLine.Option;

/** The network options every DHT command shares: bootstrap nodes, address policy and timeout. */
public final class DhtOptions {
    private static final int MAX_TIMEOUT_SECONDS = 600;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT,...",
            description = "DHT nodes to join, comma-separated (overrides CIPHERPOST_BOOTSTRAP; default: the public"
                    + " Mainline routers).")
    String bootstrap;

    @Option(names = "--testnet",
            description = "Accept loopback and private node addresses (implied when every bootstrap address is"
                    + " loopback).")
    boolean testnet;

    @Option(names = "--dht-timeout", paramLabel = "SECONDS",
            description = "Longest one DHT lookup or relay request may take (default: 30).")
    Integer timeoutSeconds;

    /**
     * Resolves the settings: options first, then {@code CIPHERPOST_RELAY} and {@code CIPHERPOST_BOOTSTRAP}, then the
     * defaults; an explicit {@code --bootstrap} selects the DHT even when {@code CIPHERPOST_RELAY} is set.
     *
     * @param environment environment variables
     * @param relayOption the command's relay option, or null for commands that must use the DHT themselves
     * @return settings
     * @throws CliException with exit 64 for an invalid option or variable
     */
    public PkarrSettings settings(final Map<String, String> environment, final RelayOption relayOption)
            throws CliException {
        PkarrSettings settings = PkarrSettings.defaults();
        try {
            final String envBootstrap = environment.get(PkarrSettings.BOOTSTRAP_VARIABLE);
            if (bootstrap != null) {
                settings = settings.withBootstrap(DhtConfig.parseBootstrap(bootstrap));
            } else if (envBootstrap != null && !envBootstrap.isBlank()) {
                settings = settings.withBootstrap(DhtConfig.parseBootstrap(envBootstrap));
            }
            if (settings.bootstrap().isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "--bootstrap names no node");
            }
            final String envRelay = environment.get(PkarrSettings.RELAY_VARIABLE);
            if (relayOption != null && relayOption.url != null) {
                settings = settings.withRelay(PkarrSettings.parseRelay(relayOption.url));
            } else if (relayOption != null && bootstrap == null && envRelay != null && !envRelay.isBlank()) {
                settings = settings.withRelay(relayFromEnvironment(envRelay));
            }
        } catch (final IOException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        if (timeoutSeconds != null) {
            if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
                throw new CliException(ExitCodes.USAGE, String.format("--dht-timeout [%d] not in [1, %d] seconds",
                        timeoutSeconds, MAX_TIMEOUT_SECONDS));
            }
            settings = settings.withTimeout(Duration.ofSeconds(timeoutSeconds));
        }
        return settings.withTestnet(testnet);
    }

    private static URI relayFromEnvironment(final String value) throws IOException {
        try {
            return PkarrSettings.parseRelay(value);
        } catch (final IOException e) {
            throw new IOException(PkarrSettings.RELAY_VARIABLE + ": " + e.getMessage(), e);
        }
    }
}
