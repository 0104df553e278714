package org.cipherpost.dht;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.cipherpost.dht.internal.DhtNodeFactory;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.MutableItem;

/**
 * A Mainline DHT node (BEP 5 KRPC over UDP/IPv4) with BEP 44 get and put of mutable and immutable items.
 *
 * <p>Every operation has an asynchronous form returning a {@link CompletableFuture} (completed off the node's
 * receive thread) and a blocking convenience form. Lookups are iterative and bounded: each request times out
 * after {@link DhtConfig#requestTimeout()} and each operation after {@link DhtConfig#operationTimeout()}.
 * Closing the node releases its socket and threads and fails pending operations.
 */
public interface DhtNode extends AutoCloseable {

    /**
     * Binds the socket and starts a node; it joins the network on {@link #bootstrap()} or on its first lookup.
     *
     * @param config node settings
     * @return running node
     * @throws IOException when the socket cannot be bound
     */
    static DhtNode start(final DhtConfig config) throws IOException {
        return DhtNodeFactory.start(config);
    }

    /**
     * Returns this node's ID.
     *
     * @return 20 ID bytes
     */
    byte[] id();

    /**
     * Returns the local socket address.
     *
     * @return bound address and port
     */
    InetSocketAddress localAddress();

    /**
     * Returns the node mode.
     *
     * @return client (read-only) or full
     */
    DhtMode mode();

    /**
     * Looks up this node's own ID through the bootstrap nodes to fill the routing table.
     *
     * @return future of the routing table size afterwards; fails when bootstrap nodes exist and none answered
     */
    CompletableFuture<Integer> bootstrapAsync();

    /**
     * Sends a {@code ping} and returns the node that answered.
     *
     * @param address node address
     * @return future of the answering contact; fails with a timeout or the remote error
     */
    CompletableFuture<DhtContact> pingAsync(InetSocketAddress address);

    /**
     * Looks up a mutable item and returns the verified item with the highest {@code seq}; items whose key does not
     * hash to the target or whose signature fails are ignored.
     *
     * @param publicKey 32-byte Ed25519 public key
     * @param salt salt, or null or empty for none
     * @return future of the lookup result
     * @throws IllegalArgumentException when the key is not 32 bytes or the salt is over 64 bytes
     */
    CompletableFuture<GetResult<MutableItem>> getMutableAsync(byte[] publicKey, byte[] salt);

    /**
     * Stores a mutable item on the closest nodes that issued write tokens.
     *
     * @param item signed item
     * @param cas expected current {@code seq} on the storing nodes, or empty
     * @return future of the put result
     */
    CompletableFuture<PutResult> putMutableAsync(MutableItem item, OptionalLong cas);

    /**
     * Looks up an immutable item and returns the first value whose SHA-1 equals the target; the lookup stops there,
     * so {@link GetResult#holding()} is 1 when found.
     *
     * @param target 20-byte SHA-1 of the bencoded value
     * @return future of the lookup result
     * @throws IllegalArgumentException when the target is not 20 bytes
     */
    CompletableFuture<GetResult<BencodeValue>> getImmutableAsync(byte[] target);

    /**
     * Stores an immutable item under the SHA-1 of its bencoded form on the closest nodes that issued write tokens.
     *
     * @param value value, at most 1000 bytes (a byte string's content, any other value encoded)
     * @return future of the put result; fails with a {@link org.cipherpost.wire.Bep44Exception} (205) when too big
     */
    CompletableFuture<PutResult> putImmutableAsync(BencodeValue value);

    /**
     * Returns the routing table's contacts that are not known to be bad.
     *
     * @return contacts
     */
    List<DhtContact> contacts();

    /**
     * Returns counters since start.
     *
     * @return statistics snapshot
     */
    DhtStats stats();

    /**
     * Closes the socket, stops the threads and fails pending operations; idempotent.
     */
    @Override
    void close();

    /**
     * Blocking form of {@link #bootstrapAsync()}.
     *
     * @return routing table size
     * @throws IOException when no bootstrap node answered or the node is closed
     * @throws InterruptedException when interrupted while waiting
     */
    default int bootstrap() throws IOException, InterruptedException {
        return Await.result(bootstrapAsync());
    }

    /**
     * Blocking form of {@link #pingAsync(InetSocketAddress)}.
     *
     * @param address node address
     * @return answering contact
     * @throws IOException on timeout or remote error
     * @throws InterruptedException when interrupted while waiting
     */
    default DhtContact ping(final InetSocketAddress address) throws IOException, InterruptedException {
        return Await.result(pingAsync(address));
    }

    /**
     * Blocking form of {@link #getMutableAsync(byte[], byte[])}.
     *
     * @param publicKey 32-byte public key
     * @param salt salt, or null or empty
     * @return lookup result
     * @throws IOException when the node is closed
     * @throws InterruptedException when interrupted while waiting
     */
    default GetResult<MutableItem> getMutable(final byte[] publicKey, final byte[] salt)
            throws IOException, InterruptedException {
        return Await.result(getMutableAsync(publicKey, salt));
    }

    /**
     * Blocking form of {@link #putMutableAsync(MutableItem, OptionalLong)} without compare-and-swap.
     *
     * @param item signed item
     * @return put result
     * @throws IOException when the node is closed
     * @throws InterruptedException when interrupted while waiting
     */
    default PutResult putMutable(final MutableItem item) throws IOException, InterruptedException {
        return Await.result(putMutableAsync(item, OptionalLong.empty()));
    }

    /**
     * Blocking form of {@link #putMutableAsync(MutableItem, OptionalLong)} with compare-and-swap.
     *
     * @param item signed item
     * @param cas expected current {@code seq}
     * @return put result
     * @throws IOException when the node is closed
     * @throws InterruptedException when interrupted while waiting
     */
    default PutResult putMutable(final MutableItem item, final long cas) throws IOException, InterruptedException {
        return Await.result(putMutableAsync(item, OptionalLong.of(cas)));
    }

    /**
     * Blocking form of {@link #getImmutableAsync(byte[])}.
     *
     * @param target 20-byte target
     * @return lookup result
     * @throws IOException when the node is closed
     * @throws InterruptedException when interrupted while waiting
     */
    default GetResult<BencodeValue> getImmutable(final byte[] target) throws IOException, InterruptedException {
        return Await.result(getImmutableAsync(target));
    }

    /**
     * Blocking form of {@link #putImmutableAsync(BencodeValue)}.
     *
     * @param value value
     * @return put result
     * @throws IOException when the value is too big or the node is closed
     * @throws InterruptedException when interrupted while waiting
     */
    default PutResult putImmutable(final BencodeValue value) throws IOException, InterruptedException {
        return Await.result(putImmutableAsync(value));
    }
}
