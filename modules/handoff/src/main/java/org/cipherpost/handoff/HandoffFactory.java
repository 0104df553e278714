package org.cipherpost.handoff;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.dht.SaltedItemStore;
import org.cipherpost.handoff.internal.StandardHandoff;

/** Entry point that builds a {@link Handoff}. */
public final class HandoffFactory {
    private HandoffFactory() {
    }

    /**
     * Returns the handoff flows over a transport: salted items and the v1 packet on the DHT, the v1 packet alone
     * through a relay.
     *
     * @param transport DHT or relay transport (the caller owns it)
     * @param stateDirectory directory of the ledgers, created 0700 when missing
     * @param clock clock for created_at, accepted_at, seq and TTL checks
     * @return handoff flows
     */
    public static Handoff create(final PkarrTransport transport, final Path stateDirectory, final InstantSource clock) {
        Objects.requireNonNull(transport, "PKARR transport required");
        Objects.requireNonNull(stateDirectory, "State directory required");
        Objects.requireNonNull(clock, "Clock required");
        return new StandardHandoff(PkarrClient.create(transport, clock), transport.saltedItems(),
                transport.chunkedPayloads(), stateDirectory, clock);
    }

    /**
     * Returns the handoff flows over the v1 layout alone (one PKARR packet per key).
     *
     * @param client PKARR client (the caller owns its transport)
     * @param stateDirectory directory of the ledgers, created 0700 when missing
     * @param clock clock for created_at, accepted_at and TTL checks
     * @return handoff flows
     */
    public static Handoff create(final PkarrClient client, final Path stateDirectory, final InstantSource clock) {
        return create(client, Optional.empty(), stateDirectory, clock);
    }

    /**
     * Returns the handoff flows over a PKARR client and, when present, salted items.
     *
     * @param client PKARR client for the v1 packet
     * @param items salted items (layout 2), empty for the v1 layout alone
     * @param stateDirectory directory of the ledgers, created 0700 when missing
     * @param clock clock
     * @return handoff flows
     */
    public static Handoff create(final PkarrClient client, final Optional<SaltedItemStore> items,
                                 final Path stateDirectory, final InstantSource clock) {
        Objects.requireNonNull(client, "PKARR client required");
        Objects.requireNonNull(items, "Salted items required (empty for the v1 layout)");
        Objects.requireNonNull(stateDirectory, "State directory required");
        Objects.requireNonNull(clock, "Clock required");
        return new StandardHandoff(client, items, stateDirectory, clock);
    }
}
