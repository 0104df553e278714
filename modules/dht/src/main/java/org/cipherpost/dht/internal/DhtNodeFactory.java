package org.cipherpost.dht.internal;

import java.io.IOException;
import org.cipherpost.dht.DhtConfig;
import org.cipherpost.dht.DhtNode;

/**
 * Entry point from the API package into the implementation.
 */
public final class DhtNodeFactory {
    private DhtNodeFactory() {
    }

    /**
     * Binds the socket and starts a node.
     *
     * @param config node settings
     * @return running node
     * @throws IOException when the socket cannot be bound
     */
    public static DhtNode start(final DhtConfig config) throws IOException {
        return StandardDhtNode.start(config);
    }
}
