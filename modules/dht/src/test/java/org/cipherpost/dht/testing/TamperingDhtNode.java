package org.cipherpost.dht.testing;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.cipherpost.dht.DhtContact;
import org.cipherpost.dht.DhtMode;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.DhtStats;
import org.cipherpost.dht.GetResult;
import org.cipherpost.dht.PutResult;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.MutableItem;

/**
 * A node wrapper for tests, as a buggy or hostile DHT layer would behave: drops chosen immutable puts (pretending
 * they were stored), or damages chosen immutable gets (not found, one byte flipped, any rewrite), bypassing the
 * lookup's own target check. Everything else goes to the real node, which belongs to the test: {@link #close()}
 * leaves it open. Shared by the dht and handoff tests through the dht test jar.
 */
public final class TamperingDhtNode implements DhtNode {
    /** Rewrites the result of one immutable get. */
    @FunctionalInterface
    public interface GetRewrite {
        /**
         * Returns what the get answers instead.
         *
         * @param target the item's target
         * @param result what the real node found
         * @return the answer to hand back
         */
        GetResult<BencodeValue> rewrite(byte[] target, GetResult<BencodeValue> result);
    }

    private final DhtNode delegate;
    private final Predicate<byte[]> dropPut;
    private final GetRewrite getRewrite;

    /** Wraps a node with a put filter and a get rewrite. */
    private TamperingDhtNode(final DhtNode delegate, final Predicate<byte[]> dropPut, final GetRewrite getRewrite) {
        this.delegate = Objects.requireNonNull(delegate, "Node required");
        this.dropPut = dropPut;
        this.getRewrite = getRewrite;
    }

    /**
     * Silently drops the puts of chosen immutable byte-string items, answering as if eight nodes stored them.
     *
     * @param delegate real node
     * @param contents item contents whose put is dropped
     * @return wrapped node
     */
    public static TamperingDhtNode droppingPuts(final DhtNode delegate, final Predicate<byte[]> contents) {
        Objects.requireNonNull(contents, "Contents required");
        return new TamperingDhtNode(delegate, contents, (target, result) -> result);
    }

    /**
     * Rewrites every value an immutable get returns.
     *
     * @param delegate real node
     * @param rewrite replaces each value found
     * @return wrapped node
     */
    public static TamperingDhtNode rewritingValues(final DhtNode delegate, final UnaryOperator<BencodeValue> rewrite) {
        Objects.requireNonNull(rewrite, "Rewrite required");
        return new TamperingDhtNode(delegate, contents -> false, (target, result) ->
                new GetResult<>(result.value().map(rewrite), result.responded(), result.holding()));
    }

    /**
     * Answers immutable gets of chosen targets as not found (no value, nobody holding it).
     *
     * @param delegate real node
     * @param targets targets to hide
     * @return wrapped node
     */
    public static TamperingDhtNode hidingItems(final DhtNode delegate, final Predicate<byte[]> targets) {
        Objects.requireNonNull(targets, "Targets required");
        return new TamperingDhtNode(delegate, contents -> false, (target, result) -> targets.test(target)
                ? new GetResult<>(Optional.empty(), result.responded(), 0) : result);
    }

    /**
     * Flips one bit in the middle byte of the values immutable gets of chosen targets return.
     *
     * @param delegate real node
     * @param targets targets to damage
     * @return wrapped node
     */
    public static TamperingDhtNode flippingItems(final DhtNode delegate, final Predicate<byte[]> targets) {
        Objects.requireNonNull(targets, "Targets required");
        return new TamperingDhtNode(delegate, contents -> false, (target, result) -> targets.test(target)
                ? new GetResult<>(result.value().map(TamperingDhtNode::flip), result.responded(), result.holding())
                : result);
    }

    /** Flips the lowest bit of a byte string's middle byte; other values pass unchanged. */
    private static BencodeValue flip(final BencodeValue value) {
        if (!(value instanceof BencodeBytes bytes)) {
            return value;
        }
        final byte[] changed = bytes.bytes();
        changed[changed.length / 2] ^= 0x01;
        return BencodeBytes.of(changed);
    }

    /** Drops a chosen put, answering as if eight of eight nodes stored it; otherwise puts for real. */
    @Override
    public CompletableFuture<PutResult> putImmutableAsync(final BencodeValue value) {
        if (value instanceof BencodeBytes bytes && dropPut.test(bytes.bytes())) {
            return CompletableFuture.completedFuture(new PutResult(Bep44.immutableTarget(Bencode.encode(value)), 8,
                    8, 0, new TreeMap<>()));
        }
        return delegate.putImmutableAsync(value);
    }

    /** Gets for real, then hands back the rewritten result. */
    @Override
    public CompletableFuture<GetResult<BencodeValue>> getImmutableAsync(final byte[] target) {
        final byte[] asked = target.clone();
        return delegate.getImmutableAsync(target).thenApply(result -> getRewrite.rewrite(asked, result));
    }

    /** Returns the real node's id. */
    @Override
    public byte[] id() {
        return delegate.id();
    }

    /** Returns the real node's address. */
    @Override
    public InetSocketAddress localAddress() {
        return delegate.localAddress();
    }

    /** Returns the real node's mode. */
    @Override
    public DhtMode mode() {
        return delegate.mode();
    }

    /** Bootstraps the real node. */
    @Override
    public CompletableFuture<Integer> bootstrapAsync() {
        return delegate.bootstrapAsync();
    }

    /** Pings through the real node. */
    @Override
    public CompletableFuture<DhtContact> pingAsync(final InetSocketAddress address) {
        return delegate.pingAsync(address);
    }

    /** Gets a mutable item through the real node, untouched. */
    @Override
    public CompletableFuture<GetResult<MutableItem>> getMutableAsync(final byte[] publicKey, final byte[] salt) {
        return delegate.getMutableAsync(publicKey, salt);
    }

    /** Puts a mutable item through the real node, untouched. */
    @Override
    public CompletableFuture<PutResult> putMutableAsync(final MutableItem item, final OptionalLong cas) {
        return delegate.putMutableAsync(item, cas);
    }

    /** Returns the real node's contacts. */
    @Override
    public List<DhtContact> contacts() {
        return delegate.contacts();
    }

    /** Returns the real node's statistics. */
    @Override
    public DhtStats stats() {
        return delegate.stats();
    }

    /** Leaves the real node open: it belongs to the test. */
    @Override
    public void close() {
        // the test closes the real node
    }
}
