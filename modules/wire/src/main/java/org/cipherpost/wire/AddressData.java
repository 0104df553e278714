package org.cipherpost.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A or AAAA record data: an IPv4 address gives an A record, an IPv6 address an AAAA record.
 *
 * @param address the address
 */
public record AddressData(InetAddress address) implements RecordData {
    /** IANA type code of A. */
    public static final int TYPE_A = 1;

    /** IANA type code of AAAA. */
    public static final int TYPE_AAAA = 28;

    /**
     * Checks the address is present.
     *
     * @param address the address
     */
    public AddressData {
        Objects.requireNonNull(address, "Address required");
    }

    @Override
    public int type() {
        return address instanceof Inet4Address ? TYPE_A : TYPE_AAAA;
    }
}
