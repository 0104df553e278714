package org.cipherpost.dht.internal;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.cipherpost.dht.DhtContact;

/**
 * A node's ID and UDP address as carried in compact node info.
 *
 * @param id node ID
 * @param address resolved IPv4 socket address
 */
record Contact(NodeId id, InetSocketAddress address) {

    /**
     * Checks the fields.
     *
     * @param id node ID
     * @param address socket address
     */
    Contact {
        Objects.requireNonNull(id, "Node ID required");
        Objects.requireNonNull(address, "Node address required");
    }

    /**
     * Returns the public form of this contact.
     *
     * @return contact for API callers
     */
    DhtContact toPublic() {
        return new DhtContact(id.bytes(), address);
    }
}
