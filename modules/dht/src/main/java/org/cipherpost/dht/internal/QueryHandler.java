package org.cipherpost.dht.internal;

import java.net.InetSocketAddress;
import java.security.SignatureException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.cipherpost.dht.DhtException;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.Bep44Exception;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.BencodeInteger;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.MutableItem;

/**
 * Answers queries as a full node: {@code ping}, {@code find_node}, BEP 44 {@code get} and {@code put}, a minimal
 * {@code get_peers} (nodes and token, no peers) and error 204 for anything else, {@code announce_peer} included.
 *
 * <pre>
 * get  a = { id, target [, seq] }                          r = { id, nodes, token [, k, seq, sig, v] }
 * put  a = { id, token, v [, k, sig, seq, salt, cas] }      r = { id }
 * </pre>
 */
final class QueryHandler {
    /** Most puts being verified or waiting for it at once. */
    static final int MAX_PENDING_PUTS = 64;

    private final NodeId self;
    private final int k;
    private final RoutingTable table;
    private final WriteTokens tokens;
    private final ItemStore store;
    private final Outbox outbox;
    private final Counters counters;
    private final Executor workers;
    private final Semaphore putSlots = new Semaphore(MAX_PENDING_PUTS);

    /**
     * Creates a handler.
     *
     * @param self our node ID
     * @param k nodes returned per answer
     * @param table routing table
     * @param tokens write tokens
     * @param store item store
     * @param outbox datagram sender
     * @param counters node counters
     * @param workers executor for puts
     */
    QueryHandler(final NodeId self, final int k, final RoutingTable table, final WriteTokens tokens,
            final ItemStore store, final Outbox outbox, final Counters counters, final Executor workers) {
        this.self = self;
        this.k = k;
        this.table = table;
        this.tokens = tokens;
        this.store = store;
        this.outbox = outbox;
        this.counters = counters;
        this.workers = workers;
    }

    /**
     * Answers one query; every failure becomes a KRPC error reply. Puts, which cost a signature check, are
     * answered on the worker executor, at most {@link #MAX_PENDING_PUTS} at a time (error 202 beyond), so that
     * they never hold up the receive thread.
     *
     * @param query query
     * @param source sender address
     */
    void handle(final KrpcQuery query, final InetSocketAddress source) {
        final NodeId sender;
        try {
            sender = query.senderId();
        } catch (final KrpcFormatException e) {
            error(query, source, DhtException.PROTOCOL_ERROR, "Protocol Error: " + e.getMessage());
            return;
        }
        if (!query.readOnly()) {
            table.heard(new Contact(sender, source), false);
        }
        if (!"put".equals(query.method())) {
            answer(query, source);
            return;
        }
        if (!putSlots.tryAcquire()) {
            error(query, source, DhtException.SERVER_ERROR, "Server Error: too many puts pending");
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    answer(query, source);
                } finally {
                    putSlots.release();
                }
            });
        } catch (final RejectedExecutionException e) {
            putSlots.release();
        }
    }

    private void answer(final KrpcQuery query, final InetSocketAddress source) {
        try {
            final BencodeDictionary.Builder reply = switch (query.method()) {
                case "ping" -> base();
                case "find_node" -> findNode(query);
                case "get" -> get(query, source);
                case "put" -> put(query, source);
                case "get_peers" -> getPeers(query, source);
                default -> null;
            };
            if (reply == null) {
                error(query, source, DhtException.METHOD_UNKNOWN, "Method Unknown");
                return;
            }
            outbox.sendQuietly(source, KrpcCodec.response(query.transactionId(), reply.build(),
                    CompactNodes.encodeAddress(source)));
            counters.answered.increment();
        } catch (final KrpcFormatException e) {
            error(query, source, DhtException.PROTOCOL_ERROR, "Protocol Error: " + e.getMessage());
        } catch (final Bep44Exception e) {
            error(query, source, e.code(), e.getMessage());
        } catch (final SignatureException e) {
            error(query, source, DhtException.INVALID_SIGNATURE, "Invalid signature");
        }
    }

    /**
     * Answers a malformed query whose transaction ID is known with error 203.
     *
     * @param transactionId transaction ID
     * @param source sender address
     * @param reason description of the problem
     */
    void protocolError(final byte[] transactionId, final InetSocketAddress source, final String reason) {
        outbox.sendQuietly(source, KrpcCodec.error(transactionId, DhtException.PROTOCOL_ERROR,
                "Protocol Error: " + reason));
        counters.errorsSent.increment();
    }

    private BencodeDictionary.Builder base() {
        return BencodeDictionary.builder().put("id", self.bytes());
    }

    private BencodeDictionary.Builder findNode(final KrpcQuery query) throws KrpcFormatException {
        final NodeId target = KrpcQuery.id(query.arguments(), "target", query.transactionId());
        return base().put("nodes", CompactNodes.encode(table.closest(target, k)));
    }

    private BencodeDictionary.Builder getPeers(final KrpcQuery query, final InetSocketAddress source)
            throws KrpcFormatException {
        final NodeId target = KrpcQuery.id(query.arguments(), "info_hash", query.transactionId());
        return base().put("nodes", CompactNodes.encode(table.closest(target, k)))
                .put("token", tokens.issue(source.getAddress(), target.bytes()));
    }

    private BencodeDictionary.Builder get(final KrpcQuery query, final InetSocketAddress source)
            throws KrpcFormatException {
        final NodeId target = KrpcQuery.id(query.arguments(), "target", query.transactionId());
        final BencodeDictionary.Builder reply = base()
                .put("nodes", CompactNodes.encode(table.closest(target, k)))
                .put("token", tokens.issue(source.getAddress(), target.bytes()));
        final StoredItem stored = store.get(target);
        if (stored instanceof StoredItem.Mutable mutable) {
            final MutableItem item = mutable.item();
            reply.put("seq", item.seq());
            final Optional<BencodeValue> newerThan = query.arguments().get("seq");
            if (!(newerThan.orElse(null) instanceof BencodeInteger seq) || item.seq() > seq.value()) {
                reply.put("k", item.publicKey()).put("sig", item.signature()).put("v", item.value());
            }
        } else if (stored instanceof StoredItem.Immutable immutable) {
            reply.put("v", immutable.value());
        }
        return reply;
    }

    private BencodeDictionary.Builder put(final KrpcQuery query, final InetSocketAddress source)
            throws KrpcFormatException, Bep44Exception, SignatureException {
        final BencodeDictionary arguments = query.arguments();
        final byte[] transactionId = query.transactionId();
        final BencodeValue value = arguments.get("v")
                .orElseThrow(() -> new KrpcFormatException(transactionId, "Put without value"));
        final byte[] token = optionalBytes(arguments, "token", transactionId)
                .orElseThrow(() -> new KrpcFormatException(transactionId, "Put without token"));
        final byte[] encoded = Bencode.encode(value);
        if (arguments.get("k").isPresent() || arguments.get("sig").isPresent()) {
            final byte[] key = fixedBytes(arguments, "k", 32, transactionId);
            final byte[] signature = fixedBytes(arguments, "sig", Bep44.SIGNATURE_LENGTH, transactionId);
            final long seq = integer(arguments, "seq", transactionId)
                    .orElseThrow(() -> new KrpcFormatException(transactionId, "Mutable put without seq"));
            final byte[] salt = optionalBytes(arguments, "salt", transactionId).orElse(new byte[0]);
            if (salt.length > Bep44.MAX_SALT_BYTES) {
                throw new Bep44Exception(DhtException.SALT_TOO_BIG, String.format(
                        "Salt length [%d] greater than maximum [%d]", salt.length, Bep44.MAX_SALT_BYTES));
            }
            ValueLimits.check(value, encoded);
            checkToken(token, source, Bep44.mutableTarget(key, salt), transactionId);
            final MutableItem item = MutableItem.verify(key, salt, seq, value, signature);
            final OptionalLong cas = integer(arguments, "cas", transactionId);
            store.putMutable(item, cas);
        } else {
            ValueLimits.check(value, encoded);
            final byte[] target = Bep44.immutableTarget(encoded);
            checkToken(token, source, target, transactionId);
            store.putImmutable(NodeId.of(target), value);
        }
        return base();
    }

    private void checkToken(final byte[] token, final InetSocketAddress source, final byte[] target,
            final byte[] transactionId) throws KrpcFormatException {
        if (!tokens.valid(token, source.getAddress(), target)) {
            throw new KrpcFormatException(transactionId, "Bad token");
        }
    }

    private void error(final KrpcQuery query, final InetSocketAddress source, final int code, final String text) {
        outbox.sendQuietly(source, KrpcCodec.error(query.transactionId(), code, text));
        counters.errorsSent.increment();
    }

    private static Optional<byte[]> optionalBytes(final BencodeDictionary arguments, final String key,
            final byte[] transactionId) throws KrpcFormatException {
        final Optional<BencodeValue> value = arguments.get(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof BencodeBytes bytes)) {
            throw new KrpcFormatException(transactionId, String.format("Field [%s] not a byte string", key));
        }
        return Optional.of(bytes.bytes());
    }

    private static byte[] fixedBytes(final BencodeDictionary arguments, final String key, final int length,
            final byte[] transactionId) throws KrpcFormatException {
        final byte[] bytes = optionalBytes(arguments, key, transactionId).orElse(null);
        if (bytes == null || bytes.length != length) {
            throw new KrpcFormatException(transactionId, String.format("Field [%s] not a %d-byte string", key,
                    length));
        }
        return bytes;
    }

    private static OptionalLong integer(final BencodeDictionary arguments, final String key,
            final byte[] transactionId) throws KrpcFormatException {
        final Optional<BencodeValue> value = arguments.get(key);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!(value.get() instanceof BencodeInteger integer)) {
            throw new KrpcFormatException(transactionId, String.format("Field [%s] not an integer", key));
        }
        return OptionalLong.of(integer.value());
    }
}
