package org.cipherpost.handoff;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.handoff.internal.StandardHandoff;

/** Entry point that builds a {@link Handoff}. */
public final class HandoffFactory {
    private HandoffFactory() {
    }

    /**
     * Returns the handoff flows over a PKARR client.
     *
     * @param client PKARR client (the caller owns its transport)
     * @param stateDirectory directory of the receive ledger, created 0700 when missing
     * @param clock clock for created_at, accepted_at and TTL checks
     * @return handoff flows
     */
    public static Handoff create(final PkarrClient client, final Path stateDirectory, final InstantSource clock) {
        Objects.requireNonNull(client, "PKARR client required");
        Objects.requireNonNull(stateDirectory, "State directory required");
        Objects.requireNonNull(clock, "Clock required");
        return new StandardHandoff(client, stateDirectory, clock);
    }
}
