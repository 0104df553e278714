package org.cipherpost.handoff.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.cipherpost.dht.DhtContact;
import org.cipherpost.dht.DhtMode;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.DhtStats;
import org.cipherpost.dht.GetResult;
import org.cipherpost.dht.PutResult;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.MutableItem;

/**
 * A node wrapper for tests: for chosen immutable targets, answers a get as not found ({@link Fault#MISSING}) or
 * with one byte flipped ({@link Fault#FLIPPED}), bypassing the lookup's own target check as a hostile or buggy DHT
 * layer would. Everything else goes to the real node.
 */
final class FaultyChunkNode implements DhtNode {
    /** What happens to a chosen item. */
    enum Fault {
        /** Not found. */
        MISSING,
        /** One byte of the value flipped. */
        FLIPPED
    }

    private final DhtNode delegate;
    private final Predicate<byte[]> chosen;
    private final Fault fault;

    /**
     * Wraps a node.
     *
     * @param delegate real node
     * @param chosen immutable targets to damage
     * @param fault what to do with them
     */
    FaultyChunkNode(final DhtNode delegate, final Predicate<byte[]> chosen, final Fault fault) {
        this.delegate = delegate;
        this.chosen = chosen;
        this.fault = fault;
    }

    @Override
    public CompletableFuture<GetResult<BencodeValue>> getImmutableAsync(final byte[] target) {
        if (!chosen.test(target)) {
            return delegate.getImmutableAsync(target);
        }
        return delegate.getImmutableAsync(target).thenApply(result -> switch (fault) {
            case MISSING -> new GetResult<BencodeValue>(Optional.empty(), result.responded(), 0);
            case FLIPPED -> new GetResult<>(result.value().map(FaultyChunkNode::flip), result.responded(),
                    result.holding());
        });
    }

    private static BencodeValue flip(final BencodeValue value) {
        if (!(value instanceof BencodeBytes bytes)) {
            return value;
        }
        final byte[] changed = bytes.bytes();
        changed[changed.length / 2] ^= 0x01;
        return BencodeBytes.of(changed);
    }

    @Override
    public CompletableFuture<PutResult> putImmutableAsync(final BencodeValue value) {
        return delegate.putImmutableAsync(value);
    }

    @Override
    public byte[] id() {
        return delegate.id();
    }

    @Override
    public InetSocketAddress localAddress() {
        return delegate.localAddress();
    }

    @Override
    public DhtMode mode() {
        return delegate.mode();
    }

    @Override
    public CompletableFuture<Integer> bootstrapAsync() {
        return delegate.bootstrapAsync();
    }

    @Override
    public CompletableFuture<DhtContact> pingAsync(final InetSocketAddress address) {
        return delegate.pingAsync(address);
    }

    @Override
    public CompletableFuture<GetResult<MutableItem>> getMutableAsync(final byte[] publicKey, final byte[] salt) {
        return delegate.getMutableAsync(publicKey, salt);
    }

    @Override
    public CompletableFuture<PutResult> putMutableAsync(final MutableItem item, final OptionalLong cas) {
        return delegate.putMutableAsync(item, cas);
    }

    @Override
    public List<DhtContact> contacts() {
        return delegate.contacts();
    }

    @Override
    public DhtStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        // the delegate belongs to the test
    }
}
