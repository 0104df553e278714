package org.cipherpost.dht.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * One IPv4 UDP socket with one receive thread; any thread may send.
 */
final class UdpTransport implements AutoCloseable {
    /** Largest datagram handed to the sink; larger ones are dropped (KRPC with a 1000-byte value fits). */
    static final int MAX_DATAGRAM = 2048;

    /** Receive buffer: large enough to see that a datagram was oversized instead of truncating it. */
    private static final int RECEIVE_BUFFER = 65536;

    /** Socket receive buffer asked for (the kernel may cap it), so bursts queue instead of dropping. */
    private static final int SOCKET_BUFFER = 1 << 20;

    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final Thread receiver;
    private final PacketSink sink;
    private volatile boolean closed;

    private UdpTransport(final DatagramChannel channel, final PacketSink sink, final String threadName)
            throws IOException {
        this.channel = channel;
        this.sink = sink;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.receiver = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::receiveLoop);
    }

    /**
     * Binds a socket and starts its receive thread.
     *
     * @param bind local address and port
     * @param sink receiver of datagrams
     * @param threadName name of the receive thread
     * @return running transport
     * @throws IOException when the socket cannot be bound
     */
    static UdpTransport open(final InetSocketAddress bind, final PacketSink sink, final String threadName)
            throws IOException {
        Objects.requireNonNull(bind, "Bind address required");
        Objects.requireNonNull(sink, "Packet sink required");
        final DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            channel.bind(bind);
            final UdpTransport transport = new UdpTransport(channel, sink, threadName);
            transport.receiver.start();
            return transport;
        } catch (final IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Returns the bound address.
     *
     * @return local address and port
     */
    InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Sends one datagram.
     *
     * @param destination resolved destination
     * @param data datagram bytes
     * @throws IOException when the socket is closed or the send fails
     */
    void send(final InetSocketAddress destination, final byte[] data) throws IOException {
        channel.send(ByteBuffer.wrap(data), destination);
    }

    private void receiveLoop() {
        final ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER);
        while (!closed) {
            try {
                buffer.clear();
                final SocketAddress source = channel.receive(buffer);
                if (!(source instanceof InetSocketAddress from)) {
                    continue;
                }
                final int length = buffer.position();
                if (length > MAX_DATAGRAM) {
                    sink.onOversized(from, length);
                } else {
                    sink.onPacket(from, Arrays.copyOf(buffer.array(), length));
                }
            } catch (final ClosedChannelException e) {
                return;
            } catch (final IOException | RuntimeException e) {
                // One bad datagram or a transient socket error must not stop the node; ICMP errors land here too.
                if (closed || !channel.isOpen()) {
                    return;
                }
            }
        }
    }

    /**
     * Closes the socket and waits for the receive thread to end.
     */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (final IOException e) {
            // Closing a datagram channel only fails when already broken; nothing left to release.
        }
        if (Thread.currentThread() != receiver) {
            try {
                receiver.join();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
