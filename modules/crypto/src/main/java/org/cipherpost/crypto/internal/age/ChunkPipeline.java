package org.cipherpost.crypto.internal.age;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;

/**
 * Streams a payload through age's 64 KiB chunks without holding it in memory.
 *
 * <p>Input is read in segments of {@value #SEGMENT_CHUNKS} chunks plus one byte of look-ahead, which
 * tells whether a chunk is the final one. While worker threads transform segment {@code n}, the
 * calling thread writes segment {@code n - 1} and reads segment {@code n + 1}: crypto runs on every
 * core and overlaps the I/O. An input that fits in one chunk is handled on the calling thread alone.
 * The system property {@value #THREADS_PROPERTY} caps the workers (default: available processors, at most 8).
 */
final class ChunkPipeline {
    /** Name of the system property that sets the number of worker threads. */
    static final String THREADS_PROPERTY = "org.cipherpost.age.threads";

    /** Chunks per segment: 2 MiB of plaintext. */
    static final int SEGMENT_CHUNKS = 32;

    private static final int MAXIMUM_THREADS = 8;

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final ChunkOperation operation;

    private final SecretKey key;

    private final int threads;

    private final ConcurrentLinkedQueue<ChunkCipher> idleCiphers = new ConcurrentLinkedQueue<>();

    private final List<ChunkCipher> allCiphers = new ArrayList<>();

    private ExecutorService workers;

    private long inputBytes;

    private long outputBytes;

    /**
     * Creates a pipeline for one payload.
     *
     * @param operation sealing or opening
     * @param key payload key
     */
    ChunkPipeline(final ChunkOperation operation, final SecretKey key) {
        this.operation = Objects.requireNonNull(operation, "Chunk Operation required");
        this.key = Objects.requireNonNull(key, "Payload Key required");
        this.threads = threads();
    }

    /**
     * Transforms the whole input and writes the result; the streams stay open.
     *
     * @param in input after the header
     * @param out output
     * @throws IOException on read or write failures and malformed payloads
     * @throws GeneralSecurityException on authentication failures
     */
    void run(final InputStream in, final OutputStream out) throws IOException, GeneralSecurityException {
        final Segment first = new Segment(1, operation.inputChunkSize(), operation.outputChunkSize());
        final Segment[] slots = new Segment[2];
        Segment previous = null;
        Segment current = first;
        long counter = 0;
        int lookAhead = -1;
        int index = 0;
        try {
            while (true) {
                lookAhead = fill(current, in, lookAhead, counter);
                inputBytes += current.inputLength;
                counter += current.chunks;
                if (current == first && current.end) {
                    transform(current, 0, current.chunks);
                } else {
                    start(current);
                }
                if (previous != null) {
                    finish(previous);
                    out.write(previous.output, 0, previous.outputLength);
                    outputBytes += previous.outputLength;
                }
                if (current.end) {
                    finish(current);
                    out.write(current.output, 0, current.outputLength);
                    outputBytes += current.outputLength;
                    out.flush();
                    return;
                }
                previous = current;
                if (slots[index] == null) {
                    slots[index] = new Segment(SEGMENT_CHUNKS, operation.inputChunkSize(), operation.outputChunkSize());
                }
                current = slots[index];
                index ^= 1;
            }
        } finally {
            stop();
            first.wipe();
            for (final Segment slot : slots) {
                if (slot != null) {
                    slot.wipe();
                }
            }
            for (final ChunkCipher cipher : allCiphers) {
                cipher.close();
            }
        }
    }

    /**
     * Returns the input bytes consumed by {@link #run}.
     *
     * @return byte count
     */
    long inputBytes() {
        return inputBytes;
    }

    /**
     * Returns the output bytes written by {@link #run}.
     *
     * @return byte count
     */
    long outputBytes() {
        return outputBytes;
    }

    /** Reads the next segment, returning the look-ahead byte or -1 at the end. */
    private int fill(final Segment segment, final InputStream in, final int lookAhead, final long counter)
            throws IOException {
        segment.reset();
        final int inputChunk = operation.inputChunkSize();
        final int capacity = segment.capacity * inputChunk;
        int position = 0;
        if (lookAhead >= 0) {
            segment.input[position++] = (byte) lookAhead;
        }
        position += in.readNBytes(segment.input, position, capacity + 1 - position);
        segment.firstCounter = counter;
        segment.end = position <= capacity;
        segment.inputLength = Math.min(position, capacity);
        if (segment.end) {
            segment.chunks = Math.max(1, (segment.inputLength + inputChunk - 1) / inputChunk);
            final int finalLength = segment.inputLength - (segment.chunks - 1) * inputChunk;
            operation.checkFinalChunk(counter + segment.chunks - 1, finalLength);
            return -1;
        }
        segment.chunks = segment.capacity;
        return segment.input[capacity] & 0xFF;
    }

    /** Submits a segment's chunks to the workers in contiguous ranges. */
    private void start(final Segment segment) {
        if (workers == null) {
            workers = Executors.newFixedThreadPool(threads, runnable -> {
                final Thread thread = new Thread(runnable, "age-chunks-" + THREAD_NUMBER.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        final int perTask = (segment.chunks + threads - 1) / threads;
        for (int from = 0; from < segment.chunks; from += perTask) {
            final int start = from;
            final int end = Math.min(segment.chunks, from + perTask);
            segment.tasks.add(workers.submit(() -> transform(segment, start, end)));
        }
    }

    /** Transforms chunks [from, to) of a segment, recording the first failure. */
    private void transform(final Segment segment, final int from, final int to) {
        final int inputChunk = operation.inputChunkSize();
        final int outputChunk = operation.outputChunkSize();
        ChunkCipher cipher = null;
        try {
            cipher = acquire();
            for (int chunk = from; chunk < to; chunk++) {
                final int inOffset = chunk * inputChunk;
                final int length = Math.min(inputChunk, segment.inputLength - inOffset);
                final boolean last = segment.end && chunk == segment.chunks - 1;
                try {
                    operation.apply(cipher, segment.input, inOffset, length, segment.output, chunk * outputChunk,
                            segment.firstCounter + chunk, last);
                } catch (final GeneralSecurityException e) {
                    segment.fail(chunk, e);
                    return;
                }
            }
        } catch (final GeneralSecurityException | RuntimeException e) {
            segment.fail(from, e);
        } finally {
            if (cipher != null) {
                idleCiphers.add(cipher);
            }
        }
    }

    /** Waits for a segment and reports its earliest failure. */
    private void finish(final Segment segment) throws IOException, GeneralSecurityException {
        for (final Future<?> task : segment.tasks) {
            try {
                task.get();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for chunk workers");
            } catch (final ExecutionException e) {
                segment.fail(0, e);
            }
        }
        final int failed = segment.failedChunk();
        if (failed < 0) {
            final int growth = operation.outputChunkSize() - operation.inputChunkSize();
            segment.outputLength = segment.inputLength + segment.chunks * growth;
            return;
        }
        final Exception failure = segment.failure();
        if (failure instanceof GeneralSecurityException cause) {
            final int inputChunk = operation.inputChunkSize();
            final int inOffset = failed * inputChunk;
            final int length = Math.min(inputChunk, segment.inputLength - inOffset);
            final boolean last = segment.end && failed == segment.chunks - 1;
            final ChunkCipher cipher = acquire();
            try {
                operation.explainFailure(cipher, segment.input, inOffset, length, segment.firstCounter + failed, last, cause);
            } finally {
                idleCiphers.add(cipher);
            }
            throw cause;
        }
        throw new IllegalStateException("Chunk worker failed", failure);
    }

    /** Takes an idle chunk cipher or creates one. */
    private ChunkCipher acquire() throws GeneralSecurityException {
        final ChunkCipher idle = idleCiphers.poll();
        if (idle != null) {
            return idle;
        }
        final ChunkCipher cipher = ChunkCipherFactory.newChunkCipher(key);
        synchronized (allCiphers) {
            allCiphers.add(cipher);
        }
        return cipher;
    }

    /** Stops the workers and waits for them, so that no task touches a buffer after it is wiped. */
    private void stop() {
        if (workers == null) {
            return;
        }
        workers.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (workers.awaitTermination(1, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the configured number of worker threads. */
    private static int threads() {
        final String configured = System.getProperty(THREADS_PROPERTY);
        int count = Runtime.getRuntime().availableProcessors();
        if (configured != null) {
            try {
                count = Integer.parseInt(configured.trim());
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("Property [%s] not a number".formatted(THREADS_PROPERTY), e);
            }
        }
        return Math.max(1, Math.min(MAXIMUM_THREADS, count));
    }
}
