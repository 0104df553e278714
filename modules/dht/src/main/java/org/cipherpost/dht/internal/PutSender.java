package org.cipherpost.dht.internal;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.cipherpost.dht.DhtException;
import org.cipherpost.dht.PutResult;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.MutableItem;

/**
 * Sends {@code put} to the k closest nodes that answered a {@code get} with a write token, all at once, and
 * tallies their answers.
 *
 * <pre>
 * mutable   a = { id, token, k, seq, sig, v [, salt] [, cas] }
 * immutable a = { id, token, v }
 * </pre>
 */
final class PutSender {
    private final KrpcClient client;
    private final int k;

    /**
     * Creates a sender.
     *
     * @param client request client
     * @param k number of nodes to store on
     */
    PutSender(final KrpcClient client, final int k) {
        this.client = client;
        this.k = k;
    }

    /**
     * Returns the put arguments for a mutable item.
     *
     * @param item signed item
     * @param cas expected stored seq, or null
     * @return supplier of fresh argument builders (without id and token)
     */
    static Supplier<BencodeDictionary.Builder> mutableArguments(final MutableItem item, final Long cas) {
        return () -> {
            final BencodeDictionary.Builder builder = BencodeDictionary.builder()
                    .put("k", item.publicKey())
                    .put("seq", item.seq())
                    .put("sig", item.signature())
                    .put("v", item.value());
            if (item.salt().length > 0) {
                builder.put("salt", item.salt());
            }
            if (cas != null) {
                builder.put("cas", cas.longValue());
            }
            return builder;
        };
    }

    /**
     * Returns the put arguments for an immutable value.
     *
     * @param value value
     * @return supplier of fresh argument builders (without id and token)
     */
    static Supplier<BencodeDictionary.Builder> immutableArguments(final BencodeValue value) {
        return () -> BencodeDictionary.builder().put("v", value);
    }

    /**
     * Sends the put and waits for every answer (each bounded by the request timeout).
     *
     * @param target item target
     * @param responded nodes that answered the get lookup, closest first
     * @param arguments put arguments without token
     * @return tally
     * @throws InterruptedException when interrupted (the node is closing)
     */
    PutResult send(final byte[] target, final List<LookupCandidate> responded,
            final Supplier<BencodeDictionary.Builder> arguments) throws InterruptedException {
        final List<CompletableFuture<KrpcResponse>> futures = new ArrayList<>();
        for (final LookupCandidate candidate : responded) {
            if (futures.size() >= k) {
                break;
            }
            if (candidate.token() != null) {
                futures.add(client.query(candidate.address(), "put", arguments.get().put("token", candidate.token())));
            }
        }
        int stored = 0;
        int timedOut = 0;
        final SortedMap<Integer, Integer> errors = new TreeMap<>();
        for (final CompletableFuture<KrpcResponse> future : futures) {
            try {
                future.get();
                stored++;
            } catch (final ExecutionException e) {
                if (e.getCause() instanceof SocketTimeoutException) {
                    timedOut++;
                } else {
                    final int code = e.getCause() instanceof DhtException dht ? dht.code() : DhtException.NO_CODE;
                    errors.merge(code, 1, Integer::sum);
                }
            }
        }
        return new PutResult(target, futures.size(), stored, timedOut, errors);
    }
}
