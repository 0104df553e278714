package org.cipherpost.dht.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves bootstrap addresses to IPv4 on first use (names that fail are skipped) and keeps those the address
 * policy allows; a successful resolution is cached.
 */
final class BootstrapResolver {
    private final List<InetSocketAddress> configured;
    private final AddressPolicy policy;
    private volatile List<InetSocketAddress> resolved;

    /**
     * Creates a resolver.
     *
     * @param configured bootstrap addresses, resolved or not
     * @param policy which addresses may be contacted
     */
    BootstrapResolver(final List<InetSocketAddress> configured, final AddressPolicy policy) {
        this.configured = List.copyOf(configured);
        this.policy = policy;
    }

    /**
     * Returns the usable bootstrap addresses, resolving names on first call; may block on DNS.
     *
     * @return resolved, allowed addresses
     */
    List<InetSocketAddress> addresses() {
        final List<InetSocketAddress> cached = resolved;
        if (cached != null) {
            return cached;
        }
        final List<InetSocketAddress> usable = new ArrayList<>();
        for (final InetSocketAddress address : configured) {
            final InetSocketAddress ipv4 = resolve(address);
            if (ipv4 != null && policy.allows(ipv4) && !usable.contains(ipv4)) {
                usable.add(ipv4);
            }
        }
        final List<InetSocketAddress> result = List.copyOf(usable);
        if (!result.isEmpty()) {
            resolved = result;
        }
        return result;
    }

    private static InetSocketAddress resolve(final InetSocketAddress address) {
        if (!address.isUnresolved()) {
            return address;
        }
        try {
            for (final InetAddress candidate : InetAddress.getAllByName(address.getHostString())) {
                if (candidate instanceof Inet4Address) {
                    return new InetSocketAddress(candidate, address.getPort());
                }
            }
        } catch (final UnknownHostException e) {
            // An unreachable router name is skipped; the others may still answer.
        }
        return null;
    }
}
