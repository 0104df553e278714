package org.cipherpost.dht.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BEP 5 compact node info: 26 bytes per IPv4 node. */
class CompactNodesTest {

    @Test
    void contactsRoundTripInTwentySixBytesEach() throws Exception {
        final List<Contact> contacts = List.of(
                new Contact(NodeIdTest.id(0, 1), new InetSocketAddress(InetAddress.getByName("1.2.3.4"), 6881)),
                new Contact(NodeIdTest.id(1, 2), new InetSocketAddress(InetAddress.getByName("203.0.113.9"), 65535)));
        final byte[] encoded = CompactNodes.encode(contacts);
        assertEquals(52, encoded.length);
        assertEquals(contacts, CompactNodes.decode(encoded));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 0x1a, (byte) 0xe1}, CompactNodes.encodeAddress(contacts.get(0).address()));
    }

    @Test
    void ipv6ContactsArePassedOverAndBadLengthsYieldNothing() throws Exception {
        final Contact ipv6 = new Contact(NodeIdTest.id(0, 1), new InetSocketAddress(InetAddress.getByName("::1"), 1));
        assertEquals(0, CompactNodes.encode(List.of(ipv6)).length);
        assertEquals(List.of(), CompactNodes.decode(new byte[27]));
        assertEquals(List.of(), CompactNodes.decode(new byte[26]), "port 0 entries are skipped");
    }
}
