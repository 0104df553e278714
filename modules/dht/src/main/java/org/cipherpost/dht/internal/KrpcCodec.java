package org.cipherpost.dht.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.BencodeException;
import org.cipherpost.wire.BencodeInteger;
import org.cipherpost.wire.BencodeList;
import org.cipherpost.wire.BencodeValue;

/**
 * Reads and writes KRPC datagrams (BEP 5, with BEP 43 {@code ro} and BEP 42 {@code ip}); strict bencode only.
 *
 * <pre>
 * query    d1:ad2:id20:...e1:q4:ping1:t2:aa1:y1:qe        (+ "2:roi1e" from read-only nodes)
 * response d2:ip6:....1:rd2:id20:...e1:t2:aa1:y1:re
 * error    d1:eli203e14:Protocol Errore1:t2:aa1:y1:ee
 * </pre>
 */
final class KrpcCodec {
    /** Longest transaction ID accepted. */
    static final int MAX_TRANSACTION_ID = 32;

    /** Longest method name kept verbatim; longer ones are unknown methods. */
    private static final int MAX_METHOD = 32;

    /** Longest error message kept from a received error. */
    private static final int MAX_ERROR_MESSAGE = 200;

    private KrpcCodec() {
    }

    /**
     * Decodes one datagram.
     *
     * @param datagram received bytes
     * @return query, response or error
     * @throws KrpcFormatException when malformed; carries the transaction ID when a query should get error 203
     */
    static KrpcMessage decode(final byte[] datagram) throws KrpcFormatException {
        final BencodeValue root;
        try {
            root = Bencode.decode(datagram);
        } catch (final BencodeException e) {
            throw new KrpcFormatException("Datagram not canonical bencode");
        }
        if (!(root instanceof BencodeDictionary message)) {
            throw new KrpcFormatException("Datagram not a dictionary");
        }
        final Optional<BencodeValue> t = message.get("t");
        if (t.isEmpty() || !(t.get() instanceof BencodeBytes tid) || tid.length() == 0
                || tid.length() > MAX_TRANSACTION_ID) {
            throw new KrpcFormatException("Transaction ID missing or malformed");
        }
        final byte[] transactionId = tid.bytes();
        final BencodeValue y = message.get("y").orElse(null);
        if (!(y instanceof BencodeBytes type)) {
            throw new KrpcFormatException("Message type missing");
        }
        if (type.contentEquals("q")) {
            return query(message, transactionId);
        } else if (type.contentEquals("r")) {
            if (!(message.get("r").orElse(null) instanceof BencodeDictionary values)) {
                throw new KrpcFormatException("Response without values");
            }
            return new KrpcResponse(transactionId, values);
        } else if (type.contentEquals("e")) {
            return error(message, transactionId);
        }
        throw new KrpcFormatException("Message type unknown");
    }

    private static KrpcQuery query(final BencodeDictionary message, final byte[] transactionId)
            throws KrpcFormatException {
        if (!(message.get("q").orElse(null) instanceof BencodeBytes method)) {
            throw new KrpcFormatException(transactionId, "Query without method");
        }
        if (!(message.get("a").orElse(null) instanceof BencodeDictionary arguments)) {
            throw new KrpcFormatException(transactionId, "Query without arguments");
        }
        final boolean readOnly = message.get("ro").orElse(null) instanceof BencodeInteger ro && ro.value() == 1;
        final String name = method.length() <= MAX_METHOD ? method.utf8() : "";
        return new KrpcQuery(transactionId, name, arguments, readOnly);
    }

    private static KrpcError error(final BencodeDictionary message, final byte[] transactionId)
            throws KrpcFormatException {
        if (!(message.get("e").orElse(null) instanceof BencodeList list) || list.values().isEmpty()
                || !(list.values().get(0) instanceof BencodeInteger code)) {
            throw new KrpcFormatException("Error without code");
        }
        String text = "";
        if (list.values().size() > 1 && list.values().get(1) instanceof BencodeBytes bytes) {
            text = new String(bytes.bytes(), 0, Math.min(bytes.length(), MAX_ERROR_MESSAGE),
                    StandardCharsets.UTF_8);
        }
        final long value = code.value();
        final int clamped = value < 0 || value > Integer.MAX_VALUE ? 0 : (int) value;
        return new KrpcError(transactionId, clamped, text);
    }

    /**
     * Encodes a query.
     *
     * @param transactionId transaction ID
     * @param method method name
     * @param arguments arguments including {@code id}
     * @param readOnly true to add {@code ro=1}
     * @return datagram bytes
     */
    static byte[] query(final byte[] transactionId, final String method, final BencodeDictionary arguments,
            final boolean readOnly) {
        final BencodeDictionary.Builder builder = BencodeDictionary.builder()
                .put("a", arguments)
                .put("q", BencodeBytes.utf8(method))
                .put("t", transactionId)
                .put("y", BencodeBytes.utf8("q"));
        if (readOnly) {
            builder.put("ro", 1);
        }
        return Bencode.encode(builder.build());
    }

    /**
     * Encodes a response.
     *
     * @param transactionId transaction ID
     * @param values response values including {@code id}
     * @param requester compact address of the requester (BEP 42 {@code ip}), or empty to leave out
     * @return datagram bytes
     */
    static byte[] response(final byte[] transactionId, final BencodeDictionary values, final byte[] requester) {
        final BencodeDictionary.Builder builder = BencodeDictionary.builder()
                .put("r", values)
                .put("t", transactionId)
                .put("y", BencodeBytes.utf8("r"));
        if (requester.length > 0) {
            builder.put("ip", requester);
        }
        return Bencode.encode(builder.build());
    }

    /**
     * Encodes an error.
     *
     * @param transactionId transaction ID
     * @param code error code
     * @param message error text
     * @return datagram bytes
     */
    static byte[] error(final byte[] transactionId, final int code, final String message) {
        return Bencode.encode(BencodeDictionary.builder()
                .put("e", BencodeList.of(BencodeInteger.of(code), BencodeBytes.utf8(message)))
                .put("t", transactionId)
                .put("y", BencodeBytes.utf8("e"))
                .build());
    }
}
