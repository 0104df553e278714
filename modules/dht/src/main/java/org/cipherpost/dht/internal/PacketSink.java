package org.cipherpost.dht.internal;

import java.net.InetSocketAddress;

/**
 * Receives datagrams from the transport's receive thread; must not block for long.
 */
interface PacketSink {

    /**
     * Handles one datagram of acceptable size.
     *
     * @param source sender address
     * @param data datagram bytes, owned by the sink
     */
    void onPacket(InetSocketAddress source, byte[] data);

    /**
     * Notes a datagram dropped for being larger than the transport accepts.
     *
     * @param source sender address
     * @param length datagram length
     */
    void onOversized(InetSocketAddress source, int length);
}
