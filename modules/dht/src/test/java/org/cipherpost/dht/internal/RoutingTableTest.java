package org.cipherpost.dht.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** k-buckets, BEP 5 liveness, replacements and the table bound. */
class RoutingTableTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final NodeId self = NodeId.of(new byte[20]);
    private final RoutingTable table = new RoutingTable(self, 8, clock, new AddressPolicy(false));
    private int nextAddress = 1;

    @Test
    void bucketsHoldAtMostKAndTheTableStaysBounded() {
        final SecureRandom random = new SecureRandom();
        for (int i = 0; i < 20_000; i++) {
            table.heard(contact(NodeId.random(random)), true);
        }
        assertTrue(table.size() <= 160 * 8);
        // Random IDs share few prefix bits with ours: only the first few buckets can fill.
        assertTrue(table.size() >= 8 * 10, () -> "size " + table.size());
        final List<Contact> farHalf = table.contacts().stream().filter(c -> self.commonPrefixBits(c.id()) == 0)
                .toList();
        assertEquals(8, farHalf.size());
    }

    @Test
    void livenessFollowsBep5() {
        final Contact answered = contact(NodeIdTest.id(0, 0x80));
        final Contact queriedOnly = contact(NodeIdTest.id(0, 0x81));
        table.heard(answered, true);
        table.heard(queriedOnly, false);
        assertEquals(Liveness.GOOD, table.liveness(answered.address()));
        assertEquals(Liveness.QUESTIONABLE, table.liveness(queriedOnly.address()));
        clock.advance(Duration.ofMinutes(16));
        assertEquals(Liveness.QUESTIONABLE, table.liveness(answered.address()));
        table.heard(answered, false);
        assertEquals(Liveness.GOOD, table.liveness(answered.address()), "answered once and queried us lately");
        table.failed(answered.address());
        assertEquals(Liveness.GOOD, table.liveness(answered.address()));
        table.failed(answered.address());
        assertEquals(Liveness.BAD, table.liveness(answered.address()));
        assertFalse(table.closest(self, 8).contains(answered));
        table.heard(answered, true);
        assertEquals(Liveness.GOOD, table.liveness(answered.address()));
    }

    @Test
    void fullBucketsTakeNewcomersOnlyInPlaceOfBadNodes() {
        final List<Contact> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            final Contact member = contact(NodeIdTest.id(0, 0x80 + i));
            members.add(member);
            table.heard(member, true);
        }
        final Contact newcomer = contact(NodeIdTest.id(0, 0xf0));
        table.heard(newcomer, true);
        assertNull(table.liveness(newcomer.address()), "waits as a replacement");
        table.failed(members.get(3).address());
        table.failed(members.get(3).address());
        assertNull(table.liveness(members.get(3).address()));
        assertEquals(Liveness.GOOD, table.liveness(newcomer.address()));
        assertEquals(8, table.size());
    }

    @Test
    void ownIdAddressClaimsAndLocalAddressesAreIgnored() throws Exception {
        table.heard(contact(self), true);
        final Contact first = contact(NodeIdTest.id(0, 0x80));
        table.heard(first, true);
        table.heard(new Contact(NodeIdTest.id(0, 0x81), first.address()), true);
        table.heard(new Contact(NodeIdTest.id(0, 0x82),
                new InetSocketAddress(InetAddress.getByName("192.168.1.2"), 6881)), true);
        assertEquals(List.of(first), table.contacts());
    }

    @Test
    void closestIsOrderedByXorDistance() {
        for (int i = 1; i <= 5; i++) {
            table.heard(contact(NodeIdTest.id(0, i << 4)), true);
        }
        final NodeId target = NodeIdTest.id(0, 0x35);
        final List<Contact> closest = table.closest(target, 3);
        assertEquals(List.of(NodeIdTest.id(0, 0x30), NodeIdTest.id(0, 0x20), NodeIdTest.id(0, 0x10)),
                closest.stream().map(Contact::id).toList());
    }

    private Contact contact(final NodeId id) {
        final int n = nextAddress++;
        try {
            return new Contact(id, new InetSocketAddress(InetAddress.getByAddress(
                    new byte[] {8, (byte) (n >> 16), (byte) (n >> 8), (byte) n}), 6881));
        } catch (final UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
