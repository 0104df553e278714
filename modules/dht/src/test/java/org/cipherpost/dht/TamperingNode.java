package org.cipherpost.dht;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.MutableItem;

/**
 * A node wrapper for tests: drops chosen immutable puts (pretending they were stored) and rewrites chosen values
 * returned by immutable gets, bypassing the lookup's own target check, as a buggy or hostile DHT layer would.
 */
final class TamperingNode implements DhtNode {
    private final DhtNode delegate;
    private final Predicate<byte[]> dropPut;
    private final UnaryOperator<BencodeValue> rewriteGet;

    /**
     * Wraps a node.
     *
     * @param delegate real node
     * @param dropPut item contents whose put is silently dropped
     * @param rewriteGet rewrites every value a get returns (identity to leave them alone)
     */
    TamperingNode(final DhtNode delegate, final Predicate<byte[]> dropPut, final UnaryOperator<BencodeValue> rewriteGet) {
        this.delegate = delegate;
        this.dropPut = dropPut;
        this.rewriteGet = rewriteGet;
    }

    @Override
    public CompletableFuture<PutResult> putImmutableAsync(final BencodeValue value) {
        if (value instanceof BencodeBytes bytes && dropPut.test(bytes.bytes())) {
            return CompletableFuture.completedFuture(new PutResult(Bep44.immutableTarget(Bencode.encode(value)), 8,
                    8, 0, new java.util.TreeMap<>(Map.of())));
        }
        return delegate.putImmutableAsync(value);
    }

    @Override
    public CompletableFuture<GetResult<BencodeValue>> getImmutableAsync(final byte[] target) {
        return delegate.getImmutableAsync(target).thenApply(result -> new GetResult<>(result.value().map(rewriteGet),
                result.responded(), result.holding()));
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
        // the test closes the real node
    }
}
