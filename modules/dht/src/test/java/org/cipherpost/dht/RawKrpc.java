package org.cipherpost.dht;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.BencodeException;
import org.cipherpost.wire.BencodeValue;

/** A raw UDP socket on 127.0.0.1 that speaks KRPC by hand, for sending hostile datagrams at a node. */
final class RawKrpc implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final byte[] id = new byte[20];
    private int nextTransaction;

    /**
     * Opens a socket aimed at a node.
     *
     * @param target node address
     * @throws IOException when the socket cannot be bound
     */
    RawKrpc(final InetSocketAddress target) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        this.socket.setSoTimeout(5000);
        this.target = target;
        RANDOM.nextBytes(id);
    }

    /** Returns this socket's node ID. */
    byte[] id() {
        return id.clone();
    }

    /** Returns this socket's local address. */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Sends raw bytes. */
    void send(final byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, target));
    }

    /** Sends a query with a fresh transaction ID, adding our ID to the arguments; returns the transaction ID. */
    byte[] query(final String method, final BencodeDictionary.Builder arguments) throws IOException {
        return query(method, arguments, false);
    }

    /** Sends a query, optionally marked read-only; returns the transaction ID. */
    byte[] query(final String method, final BencodeDictionary.Builder arguments, final boolean readOnly)
            throws IOException {
        final byte[] transaction = ("t" + nextTransaction++).getBytes(StandardCharsets.US_ASCII);
        final BencodeDictionary.Builder message = BencodeDictionary.builder()
                .put("a", arguments.put("id", id).build())
                .put("q", BencodeBytes.utf8(method))
                .put("t", transaction)
                .put("y", BencodeBytes.utf8("q"));
        if (readOnly) {
            message.put("ro", 1);
        }
        send(Bencode.encode(message.build()));
        return transaction;
    }

    /** Receives the next datagram as a dictionary; fails after the socket timeout. */
    BencodeDictionary receive() throws IOException {
        final byte[] buffer = new byte[4096];
        final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        final BencodeValue value = Bencode.decode(Arrays.copyOf(buffer, packet.getLength()));
        if (!(value instanceof BencodeDictionary dictionary)) {
            throw new BencodeException("Reply not a dictionary");
        }
        return dictionary;
    }

    /** Receives the reply to a transaction, failing when another datagram arrives first. */
    BencodeDictionary reply(final byte[] transaction) throws IOException {
        final BencodeDictionary reply = receive();
        if (!Arrays.equals(reply.requireBytes("t").bytes(), transaction)) {
            throw new IOException("Reply to another transaction arrived first: " + reply);
        }
        return reply;
    }

    /** Counts datagrams already waiting, stopping after a quiet interval. */
    int drain(final int quietMillis) throws IOException {
        socket.setSoTimeout(quietMillis);
        int count = 0;
        try {
            final byte[] buffer = new byte[4096];
            while (true) {
                socket.receive(new DatagramPacket(buffer, buffer.length));
                count++;
            }
        } catch (final SocketTimeoutException e) {
            return count;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
