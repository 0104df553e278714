package org.cipherpost.dht.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.cipherpost.wire.BencodeDictionary;
import org.junit.jupiter.api.Test;

/** KRPC datagrams as BEP 5 spells them, and which malformed ones get an error 203. */
class KrpcCodecTest {
    private static final byte[] TID = ascii("aa");

    @Test
    void queriesEncodeAsBep5ShowsThem() throws Exception {
        final BencodeDictionary arguments = BencodeDictionary.builder().put("id", ascii("abcdefghij0123456789"))
                .build();
        final byte[] ping = KrpcCodec.query(TID, "ping", arguments, false);
        assertEquals("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe",
                new String(ping, StandardCharsets.US_ASCII));
        final KrpcQuery decoded = assertInstanceOf(KrpcQuery.class, KrpcCodec.decode(ping));
        assertEquals("ping", decoded.method());
        assertFalse(decoded.readOnly());
        assertArrayEquals(TID, decoded.transactionId());
        assertEquals(NodeId.of(ascii("abcdefghij0123456789")), decoded.senderId());

        final byte[] readOnly = KrpcCodec.query(TID, "ping", arguments, true);
        assertEquals("d1:ad2:id20:abcdefghij0123456789e1:q4:ping2:roi1e1:t2:aa1:y1:qe",
                new String(readOnly, StandardCharsets.US_ASCII));
        assertTrue(((KrpcQuery) KrpcCodec.decode(readOnly)).readOnly());
    }

    @Test
    void responsesAndErrorsDecode() throws Exception {
        final KrpcResponse response = assertInstanceOf(KrpcResponse.class,
                KrpcCodec.decode(ascii("d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re")));
        assertEquals(NodeId.of(ascii("mnopqrstuvwxyz123456")), response.senderId());
        final KrpcError error = assertInstanceOf(KrpcError.class,
                KrpcCodec.decode(ascii("d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee")));
        assertEquals(201, error.code());
        assertEquals("A Generic Error Ocurred", error.message());
        assertEquals("d1:eli204e14:Method Unknowne1:t2:aa1:y1:ee",
                new String(KrpcCodec.error(TID, 204, "Method Unknown"), StandardCharsets.US_ASCII));
    }

    @Test
    void malformedQueriesKeepTheirTransactionIdForAnError203() {
        final KrpcFormatException noArguments = assertThrows(KrpcFormatException.class,
                () -> KrpcCodec.decode(ascii("d1:q4:ping1:t2:aa1:y1:qe")));
        assertArrayEquals(TID, noArguments.transactionId());
        final KrpcFormatException notBencode = assertThrows(KrpcFormatException.class,
                () -> KrpcCodec.decode(ascii("d1:q4:ping")));
        assertNull(notBencode.transactionId());
        for (final String dropped : new String[] {"i1e", "d1:y1:qe", "d1:t0:1:y1:qe", "d1:t2:aa1:y1:ze",
            "d1:t2:aa1:y1:re", "d1:e0:1:t2:aa1:y1:ee", "d1:t2:aa1:y1:qe1:ai0e"}) {
            final KrpcFormatException failure = assertThrows(KrpcFormatException.class,
                    () -> KrpcCodec.decode(ascii(dropped)), dropped);
            if (!dropped.contains("y1:q")) {
                assertNull(failure.transactionId(), dropped);
            }
        }
    }

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
