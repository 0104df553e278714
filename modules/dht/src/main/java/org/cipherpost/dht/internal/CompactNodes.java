package org.cipherpost.dht.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BEP 5 compact node info for IPv4: the {@code nodes} field of {@code find_node} and {@code get} responses.
 *
 * <pre>
 * nodes = *( node-id(20) ipv4-address(4) port(2, big-endian) )      26 bytes per node
 * </pre>
 */
final class CompactNodes {
    /** Bytes per node entry. */
    static final int ENTRY_LENGTH = NodeId.LENGTH + 6;

    private CompactNodes() {
    }

    /**
     * Encodes IPv4 contacts; others are skipped.
     *
     * @param contacts contacts
     * @return compact node info
     */
    static byte[] encode(final List<Contact> contacts) {
        final ByteBuffer buffer = ByteBuffer.allocate(contacts.size() * ENTRY_LENGTH);
        for (final Contact contact : contacts) {
            if (contact.address().getAddress() instanceof Inet4Address ipv4) {
                buffer.put(contact.id().bytes()).put(ipv4.getAddress()).putShort((short) contact.address().getPort());
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /**
     * Decodes compact node info, skipping entries with port 0; a length that is not a multiple of 26 yields nothing.
     *
     * @param bytes compact node info
     * @return contacts in order
     */
    static List<Contact> decode(final byte[] bytes) {
        if (bytes.length % ENTRY_LENGTH != 0) {
            return List.of();
        }
        final List<Contact> contacts = new ArrayList<>(bytes.length / ENTRY_LENGTH);
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        final byte[] id = new byte[NodeId.LENGTH];
        final byte[] ip = new byte[4];
        while (buffer.hasRemaining()) {
            buffer.get(id).get(ip);
            final int port = Short.toUnsignedInt(buffer.getShort());
            if (port != 0) {
                contacts.add(new Contact(NodeId.of(id), new InetSocketAddress(ipv4(ip), port)));
            }
        }
        return contacts;
    }

    /**
     * Encodes an IPv4 socket address as 6 bytes (BEP 42 {@code ip} field).
     *
     * @param address socket address
     * @return 6 bytes, or empty for a non-IPv4 address
     */
    static byte[] encodeAddress(final InetSocketAddress address) {
        if (!(address.getAddress() instanceof Inet4Address ipv4)) {
            return new byte[0];
        }
        return ByteBuffer.allocate(6).put(ipv4.getAddress()).putShort((short) address.getPort()).array();
    }

    private static InetAddress ipv4(final byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (final UnknownHostException e) {
            throw new IllegalStateException("IPv4 address of 4 bytes rejected", e);
        }
    }
}
