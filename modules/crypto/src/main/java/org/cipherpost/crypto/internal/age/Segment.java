package org.cipherpost.crypto.internal.age;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;

/** A run of consecutive chunks read together, with its input, output and progress. */
final class Segment {
    /** Input buffer: whole chunks plus one byte of look-ahead. */
    final byte[] input;

    /** Output buffer for the transformed chunks. */
    final byte[] output;

    /** Maximum number of chunks. */
    final int capacity;

    /** Tasks working on this segment. */
    final List<Future<?>> tasks = new ArrayList<>();

    /** Input bytes belonging to this segment's chunks. */
    int inputLength;

    /** Number of chunks. */
    int chunks;

    /** Counter of the first chunk. */
    long firstCounter;

    /** Whether the input ended within this segment. */
    boolean end;

    /** Output bytes produced. */
    int outputLength;

    private int failedChunk = -1;

    private Exception failure;

    /**
     * Allocates a segment.
     *
     * @param capacity chunks per segment
     * @param inputChunkSize bytes of a full input chunk
     * @param outputChunkSize bytes of a full output chunk
     */
    Segment(final int capacity, final int inputChunkSize, final int outputChunkSize) {
        this.capacity = capacity;
        this.input = new byte[capacity * inputChunkSize + 1];
        this.output = new byte[capacity * outputChunkSize];
    }

    /**
     * Records a failed chunk, keeping the earliest one.
     *
     * @param chunk index of the chunk within the segment
     * @param cause failure
     */
    synchronized void fail(final int chunk, final Exception cause) {
        if (failedChunk < 0 || chunk < failedChunk) {
            failedChunk = chunk;
            failure = cause;
        }
    }

    /**
     * Returns the earliest failed chunk.
     *
     * @return chunk index, or -1 when none failed
     */
    synchronized int failedChunk() {
        return failedChunk;
    }

    /**
     * Returns the failure of the earliest failed chunk.
     *
     * @return failure, or null
     */
    synchronized Exception failure() {
        return failure;
    }

    /** Resets progress before the segment is reused. */
    synchronized void reset() {
        tasks.clear();
        failedChunk = -1;
        failure = null;
        outputLength = 0;
    }

    /** Zeroes both buffers. */
    void wipe() {
        Arrays.fill(input, (byte) 0);
        Arrays.fill(output, (byte) 0);
    }
}
