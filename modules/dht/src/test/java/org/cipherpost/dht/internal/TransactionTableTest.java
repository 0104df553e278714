package org.cipherpost.dht.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import org.cipherpost.dht.DhtException;
import org.junit.jupiter.api.Test;

/** Pending request matching by transaction ID and source, and the pending cap. */
class TransactionTableTest {

    @Test
    void answersMatchOnlyFromTheQueriedAddressAndTheTableIsCapped() throws Exception {
        final TransactionTable table = new TransactionTable(2, new SecureRandom());
        final InetSocketAddress node = new InetSocketAddress(InetAddress.getByName("8.8.8.8"), 6881);
        final InetSocketAddress spoofer = new InetSocketAddress(InetAddress.getByName("8.8.4.4"), 6881);
        final PendingRequest first = table.register(node, "ping");
        table.register(node, "ping");
        assertThrows(DhtException.class, () -> table.register(node, "ping"));
        assertNull(table.match(first.transactionIdBytes(), spoofer));
        assertNull(table.match(new byte[] {1, 2}, node));
        assertSame(first, table.match(first.transactionIdBytes(), node));
        assertNull(table.match(first.transactionIdBytes(), node), "matched once only");
        assertEquals(1, table.size());
        assertEquals(1, table.drain().size());
        assertEquals(0, table.size());
    }
}
