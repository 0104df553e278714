package org.cipherpost.dht.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kademlia routing table (BEP 5): one bucket of at most k nodes per shared-prefix length with our ID, each with
 * a bounded replacement list. Full buckets take new nodes only in place of bad ones; newcomers wait as
 * replacements while questionable nodes are pinged. Holds at most 160 * k nodes plus as many replacements.
 */
final class RoutingTable {
    private final NodeId self;
    private final int k;
    private final InstantSource clock;
    private final AddressPolicy policy;
    private final List<Bucket> buckets = new ArrayList<>(NodeId.BITS);
    private final Map<InetSocketAddress, RoutingEntry> byAddress = new HashMap<>();

    /**
     * Creates an empty table.
     *
     * @param self our node ID
     * @param k bucket size
     * @param clock clock for liveness
     * @param policy which addresses may be kept
     */
    RoutingTable(final NodeId self, final int k, final InstantSource clock, final AddressPolicy policy) {
        this.self = self;
        this.k = k;
        this.clock = clock;
        this.policy = policy;
        for (int i = 0; i < NodeId.BITS; i++) {
            buckets.add(new Bucket());
        }
    }

    /**
     * Records that a node answered one of our queries or sent us a query, adding it when there is room.
     *
     * @param contact node
     * @param responded true for an answer to our query, false for a query from it
     */
    synchronized void heard(final Contact contact, final boolean responded) {
        if (contact.id().equals(self) || !policy.allows(contact.address())) {
            return;
        }
        final Instant now = clock.instant();
        final RoutingEntry atAddress = byAddress.get(contact.address());
        if (atAddress != null) {
            if (atAddress.contact().id().equals(contact.id())) {
                atAddress.heard(responded, now);
                return;
            }
            if (atAddress.liveness(now) != Liveness.BAD) {
                return;
            }
            remove(atAddress);
        }
        final Bucket bucket = bucketFor(contact.id());
        final RoutingEntry sameId = bucket.find(contact.id());
        if (sameId != null) {
            if (sameId.liveness(now) == Liveness.BAD) {
                byAddress.remove(sameId.contact().address());
                sameId.moveTo(contact);
                sameId.heard(responded, now);
                byAddress.put(contact.address(), sameId);
            }
            return;
        }
        final RoutingEntry entry = new RoutingEntry(contact, responded, now);
        if (bucket.entries.size() < k) {
            add(bucket, entry);
            return;
        }
        for (final RoutingEntry candidate : bucket.entries) {
            if (candidate.liveness(now) == Liveness.BAD) {
                remove(candidate);
                add(bucket, entry);
                return;
            }
        }
        bucket.replacements.removeIf(waiting -> waiting.contact().id().equals(contact.id()));
        bucket.replacements.addFirst(entry);
        while (bucket.replacements.size() > k) {
            bucket.replacements.removeLast();
        }
    }

    /**
     * Records a query to this address that went unanswered; a node that turns bad gives way to a replacement.
     *
     * @param address node address
     */
    synchronized void failed(final InetSocketAddress address) {
        final RoutingEntry entry = byAddress.get(address);
        if (entry == null) {
            return;
        }
        entry.failed();
        final Instant now = clock.instant();
        final Bucket bucket = bucketFor(entry.contact().id());
        if (entry.liveness(now) == Liveness.BAD && !bucket.replacements.isEmpty()) {
            remove(entry);
            while (!bucket.replacements.isEmpty()) {
                final RoutingEntry replacement = bucket.replacements.removeFirst();
                if (!byAddress.containsKey(replacement.contact().address())) {
                    add(bucket, replacement);
                    return;
                }
            }
        }
    }

    /**
     * Returns the nodes closest to a target that are not bad.
     *
     * @param target target ID
     * @param count how many at most
     * @return contacts, closest first
     */
    synchronized List<Contact> closest(final NodeId target, final int count) {
        final Instant now = clock.instant();
        final Comparator<Contact> byDistance = (a, b) -> target.compareDistance(a.id(), b.id());
        return byAddress.values().stream()
                .filter(entry -> entry.liveness(now) != Liveness.BAD)
                .map(RoutingEntry::contact)
                .sorted(byDistance)
                .limit(count)
                .toList();
    }

    /**
     * Returns questionable nodes, least recently heard first, for liveness pings.
     *
     * @param count how many at most
     * @return contacts
     */
    synchronized List<Contact> questionable(final int count) {
        final Instant now = clock.instant();
        return byAddress.values().stream()
                .filter(entry -> entry.liveness(now) == Liveness.QUESTIONABLE)
                .sorted(Comparator.comparing(RoutingEntry::lastHeard))
                .limit(count)
                .map(RoutingEntry::contact)
                .toList();
    }

    /**
     * Returns all nodes that are not bad.
     *
     * @return contacts in no particular order
     */
    synchronized List<Contact> contacts() {
        final Instant now = clock.instant();
        return byAddress.values().stream()
                .filter(entry -> entry.liveness(now) != Liveness.BAD)
                .map(RoutingEntry::contact)
                .toList();
    }

    /**
     * Returns the number of nodes in the table, bad ones included.
     *
     * @return node count
     */
    synchronized int size() {
        return byAddress.size();
    }

    /**
     * Returns the liveness of the node at an address.
     *
     * @param address node address
     * @return liveness, or null when not in the table
     */
    synchronized Liveness liveness(final InetSocketAddress address) {
        final RoutingEntry entry = byAddress.get(address);
        return entry == null ? null : entry.liveness(clock.instant());
    }

    private Bucket bucketFor(final NodeId id) {
        return buckets.get(Math.min(self.commonPrefixBits(id), NodeId.BITS - 1));
    }

    private void add(final Bucket bucket, final RoutingEntry entry) {
        bucket.entries.add(entry);
        byAddress.put(entry.contact().address(), entry);
    }

    private void remove(final RoutingEntry entry) {
        bucketFor(entry.contact().id()).entries.remove(entry);
        byAddress.remove(entry.contact().address());
    }

    /** Nodes sharing one prefix length with our ID, and newcomers waiting for room. */
    private static final class Bucket {
        private final List<RoutingEntry> entries = new ArrayList<>();
        private final Deque<RoutingEntry> replacements = new ArrayDeque<>();

        private RoutingEntry find(final NodeId id) {
            for (final RoutingEntry entry : entries) {
                if (entry.contact().id().equals(id)) {
                    return entry;
                }
            }
            return null;
        }
    }
}
