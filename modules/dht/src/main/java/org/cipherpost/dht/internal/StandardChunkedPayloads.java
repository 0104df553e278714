package org.cipherpost.dht.internal;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import org.cipherpost.dht.ChunkIntegrityException;
import org.cipherpost.dht.ChunkManifest;
import org.cipherpost.dht.ChunkNotFoundException;
import org.cipherpost.dht.ChunkPutReport;
import org.cipherpost.dht.ChunkedPayloads;
import org.cipherpost.dht.DhtException;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.GetResult;
import org.cipherpost.dht.PutResult;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.Bep44;

/**
 * Puts and fetches chunk trees with bounded parallelism; fetches verify every item and then the whole payload.
 */
final class StandardChunkedPayloads implements ChunkedPayloads {
    /** Lookups or puts in flight at once. */
    static final int PARALLELISM = 16;

    /** Lookups per item before it counts as missing (a lost datagram should not fail a fetch). */
    static final int GET_ATTEMPTS = 2;

    private final DhtNode node;

    /**
     * Creates operations over a node.
     *
     * @param node DHT node
     */
    StandardChunkedPayloads(final DhtNode node) {
        this.node = node;
    }

    @Override
    public ChunkPutReport put(final byte[] payload) throws IOException, InterruptedException {
        return putTree(ChunkTree.split(payload));
    }

    @Override
    public ChunkPutReport republish(final byte[] payload, final ChunkManifest manifest)
            throws IOException, InterruptedException {
        Objects.requireNonNull(manifest, "Manifest required");
        final ChunkTree tree = ChunkTree.split(payload);
        if (!tree.manifest().equals(manifest)) {
            throw new IllegalArgumentException("Payload does not match the manifest");
        }
        return putTree(tree);
    }

    @Override
    public byte[] fetch(final ChunkManifest manifest) throws IOException, ChunkIntegrityException,
            InterruptedException {
        Objects.requireNonNull(manifest, "Manifest required");
        final List<Integer> levels = ChunkTree.levels(manifest.size());
        List<byte[]> targets = List.of(manifest.root());
        for (int level = levels.size() - 1; level > 0; level--) {
            final int children = levels.get(level - 1);
            final List<byte[]> indexes = fetchLevel(targets, i -> indexLength(children, i));
            targets = new ArrayList<>(children);
            for (final byte[] index : indexes) {
                for (int offset = 0; offset < index.length; offset += Bep44.TARGET_LENGTH) {
                    final byte[] child = new byte[Bep44.TARGET_LENGTH];
                    System.arraycopy(index, offset, child, 0, Bep44.TARGET_LENGTH);
                    targets.add(child);
                }
            }
        }
        final long size = manifest.size();
        final List<byte[]> chunks = fetchLevel(targets, i -> dataLength(size, i));
        final byte[] payload = new byte[Math.toIntExact(size)];
        int offset = 0;
        for (final byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, payload, offset, chunk.length);
            offset += chunk.length;
        }
        if (!MessageDigest.isEqual(ChunkTree.sha256(payload), manifest.sha256())) {
            throw new ChunkIntegrityException("Chunked payload SHA-256 does not match the manifest");
        }
        return payload;
    }

    private ChunkPutReport putTree(final ChunkTree tree) throws IOException, InterruptedException {
        final Semaphore slots = new Semaphore(PARALLELISM);
        final List<CompletableFuture<PutResult>> puts = new ArrayList<>(tree.items().size());
        for (final byte[] item : tree.items()) {
            slots.acquire();
            final CompletableFuture<PutResult> put;
            try {
                put = node.putImmutableAsync(BencodeBytes.of(item));
            } catch (final RuntimeException e) {
                slots.release();
                throw e;
            }
            puts.add(put.whenComplete((result, failure) -> slots.release()));
        }
        int minStored = Integer.MAX_VALUE;
        int unstored = 0;
        for (final CompletableFuture<PutResult> put : puts) {
            final int stored = await(put).stored();
            minStored = Math.min(minStored, stored);
            unstored += stored == 0 ? 1 : 0;
        }
        if (unstored > 0) {
            throw new DhtException(String.format("Chunked payload: [%d] of [%d] items stored on no node", unstored,
                    puts.size()));
        }
        return new ChunkPutReport(tree.manifest(), puts.size(), minStored);
    }

    private List<byte[]> fetchLevel(final List<byte[]> targets, final ExpectedLength expected)
            throws IOException, ChunkIntegrityException, InterruptedException {
        final Semaphore slots = new Semaphore(PARALLELISM);
        final List<CompletableFuture<GetResult<BencodeValue>>> gets = new ArrayList<>(targets.size());
        for (final byte[] target : targets) {
            slots.acquire();
            gets.add(getWithRetry(target, GET_ATTEMPTS).whenComplete((result, failure) -> slots.release()));
        }
        final List<byte[]> contents = new ArrayList<>(targets.size());
        int missing = 0;
        for (int i = 0; i < gets.size(); i++) {
            final GetResult<BencodeValue> result = await(gets.get(i));
            if (result.value().isEmpty()) {
                missing++;
                contents.add(null);
            } else {
                contents.add(verify(result.value().get(), targets.get(i), expected.length(i)));
            }
        }
        if (missing > 0) {
            throw new ChunkNotFoundException(missing, targets.size());
        }
        return contents;
    }

    private CompletableFuture<GetResult<BencodeValue>> getWithRetry(final byte[] target, final int attempts) {
        return node.getImmutableAsync(target).thenCompose(result -> result.value().isPresent() || attempts <= 1
                ? CompletableFuture.completedFuture(result) : getWithRetry(target, attempts - 1));
    }

    private static byte[] verify(final BencodeValue value, final byte[] target, final int length)
            throws ChunkIntegrityException {
        if (!(value instanceof BencodeBytes bytes)) {
            throw new ChunkIntegrityException("Chunk item not a byte string");
        }
        final byte[] content = bytes.bytes();
        if (!MessageDigest.isEqual(ChunkTree.target(content), target)) {
            throw new ChunkIntegrityException("Chunk item does not hash to its target");
        }
        if (content.length != length) {
            throw new ChunkIntegrityException(String.format("Chunk item length [%d] not [%d]", content.length,
                    length));
        }
        return content;
    }

    private static int dataLength(final long size, final int index) {
        final long start = (long) index * ChunkManifest.CHUNK_BYTES;
        return (int) Math.min(ChunkManifest.CHUNK_BYTES, size - start);
    }

    private static int indexLength(final int children, final int index) {
        final int start = index * ChunkManifest.FAN_OUT;
        return Math.min(ChunkManifest.FAN_OUT, children - start) * Bep44.TARGET_LENGTH;
    }

    private static <T> T await(final CompletableFuture<T> future) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            } else if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("Chunk operation failed", e.getCause());
        }
    }

    /** Expected content length of the item at a position within its level. */
    @FunctionalInterface
    private interface ExpectedLength {
        /**
         * Returns the expected length.
         *
         * @param index position within the level
         * @return bytes
         */
        int length(int index);
    }
}
