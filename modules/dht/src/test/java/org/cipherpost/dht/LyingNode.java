package org.cipherpost.dht;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.BencodeException;
import org.cipherpost.wire.BencodeValue;

/**
 * A hostile DHT node on 127.0.0.1: answers every query with the honest nodes it was given (so a client that
 * bootstraps off it learns the network) and every {@code get} with random bytes as the value.
 */
final class LyingNode implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatagramSocket socket;
    private final byte[] id = new byte[20];
    private final AtomicInteger lies = new AtomicInteger();
    private final Thread thread;
    private final byte[] nodes;

    /** Binds the socket and starts answering, pointing askers at the given honest nodes. */
    LyingNode(final java.util.List<DhtNode> honest) throws IOException {
        final java.io.ByteArrayOutputStream compact = new java.io.ByteArrayOutputStream();
        for (final DhtNode node : honest) {
            compact.writeBytes(node.id());
            compact.writeBytes(node.localAddress().getAddress().getAddress());
            compact.write(node.localAddress().getPort() >> 8);
            compact.write(node.localAddress().getPort() & 0xff);
        }
        nodes = compact.toByteArray();
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        RANDOM.nextBytes(id);
        thread = Thread.ofPlatform().daemon().name("lying-node").start(this::serve);
    }

    /** Returns the socket address. */
    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Returns how many {@code get} queries were answered with a wrong value. */
    int lies() {
        return lies.get();
    }

    private void serve() {
        final byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                final BencodeValue value = Bencode.decode(Arrays.copyOf(buffer, packet.getLength()));
                if (value instanceof BencodeDictionary query && "q".equals(text(query, "y"))) {
                    final byte[] reply = answer(query);
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (final SocketException e) {
                return;
            } catch (final IOException e) {
                // ignore malformed datagrams, keep lying
            }
        }
    }

    private byte[] answer(final BencodeDictionary query) throws BencodeException {
        final BencodeDictionary.Builder reply = BencodeDictionary.builder().put("id", id).put("nodes", nodes)
                .put("token", new byte[] {1, 2, 3, 4});
        if ("get".equals(text(query, "q"))) {
            final byte[] junk = new byte[ChunkManifest.CHUNK_BYTES];
            RANDOM.nextBytes(junk);
            reply.put("v", BencodeBytes.of(junk));
            lies.incrementAndGet();
        }
        return Bencode.encode(BencodeDictionary.builder().put("r", reply.build()).put("t", query.requireBytes("t"))
                .put("y", BencodeBytes.utf8("r")).build());
    }

    private static String text(final BencodeDictionary dictionary, final String key) throws BencodeException {
        return new String(dictionary.requireBytes(key).bytes(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(5000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
