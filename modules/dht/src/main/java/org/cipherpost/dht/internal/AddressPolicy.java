package org.cipherpost.dht.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Which node addresses may be contacted or kept: public unicast IPv4 only, plus loopback and private ranges
 * when a test network is asked for.
 */
final class AddressPolicy {
    private final boolean testnet;

    /**
     * Creates a policy.
     *
     * @param testnet true to accept loopback and private addresses
     */
    AddressPolicy(final boolean testnet) {
        this.testnet = testnet;
    }

    /**
     * Tells whether a node at this address may be contacted or added to the routing table.
     *
     * @param address resolved socket address
     * @return true when allowed
     */
    boolean allows(final InetSocketAddress address) {
        if (address == null || address.isUnresolved() || address.getPort() == 0) {
            return false;
        }
        final InetAddress ip = address.getAddress();
        if (!(ip instanceof Inet4Address)) {
            return false;
        }
        final byte[] bytes = ip.getAddress();
        if (neverUsable(bytes)) {
            return false;
        }
        return testnet || !localOrReserved(bytes);
    }

    /** This-network, multicast, reserved and broadcast: unusable even on a test network. */
    private static boolean neverUsable(final byte[] ip) {
        final int first = ip[0] & 0xff;
        return first == 0 || first >= 224;
    }

    /** Loopback, private, shared, link-local and documentation ranges (RFC 6890). */
    private static boolean localOrReserved(final byte[] ip) {
        final int a = ip[0] & 0xff;
        final int b = ip[1] & 0xff;
        final int c = ip[2] & 0xff;
        return a == 10
                || a == 127
                || a == 100 && b >= 64 && b <= 127
                || a == 169 && b == 254
                || a == 172 && b >= 16 && b <= 31
                || a == 192 && b == 0 && (c == 0 || c == 2)
                || a == 192 && b == 168
                || a == 198 && (b == 18 || b == 19)
                || a == 198 && b == 51 && c == 100
                || a == 203 && b == 0 && c == 113;
    }
}
