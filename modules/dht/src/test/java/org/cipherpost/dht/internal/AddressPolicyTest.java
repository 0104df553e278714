package org.cipherpost.dht.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which node addresses are contacted with and without the testnet flag. */
class AddressPolicyTest {

    @ParameterizedTest
    @CsvSource({
        "8.8.8.8, 6881, true, true",
        "67.215.246.10, 6881, true, true",
        "127.0.0.1, 6881, false, true",
        "10.1.2.3, 6881, false, true",
        "172.16.0.1, 6881, false, true",
        "172.32.0.1, 6881, true, true",
        "192.168.1.1, 6881, false, true",
        "100.64.0.1, 6881, false, true",
        "169.254.1.1, 6881, false, true",
        "198.18.0.1, 6881, false, true",
        "0.0.0.0, 6881, false, false",
        "224.0.0.1, 6881, false, false",
        "255.255.255.255, 6881, false, false",
        "8.8.8.8, 0, false, false",
        "::1, 6881, false, false",
        "2001:db8::1, 6881, false, false"
    })
    void acceptsPublicUnicastAndLocalOnlyOnTestnets(final String ip, final int port, final boolean publicNet,
            final boolean testnet) throws Exception {
        final InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(ip), port);
        assertEquals(publicNet, new AddressPolicy(false).allows(address));
        assertEquals(testnet, new AddressPolicy(true).allows(address));
    }

    @ParameterizedTest
    @CsvSource({"router.bittorrent.com, 6881"})
    void unresolvedAddressesAreNeverContacted(final String host, final int port) {
        final InetSocketAddress unresolved = InetSocketAddress.createUnresolved(host, port);
        assertEquals(false, new AddressPolicy(true).allows(unresolved));
    }
}
