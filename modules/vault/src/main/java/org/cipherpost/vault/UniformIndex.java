package org.cipherpost.vault;

import java.security.SecureRandom;
import java.util.Objects;

/** Draws indices uniformly below a bound by rejection sampling, so that no index is favoured by a modulo. */
final class UniformIndex {
    private static final long RANGE = 1L << 32;

    private final SecureRandom random;

    /**
     * Creates an index source.
     *
     * @param random source of 32-bit draws
     */
    UniformIndex(final SecureRandom random) {
        this.random = Objects.requireNonNull(random, "Secure Random required");
    }

    /**
     * Returns a uniformly distributed index: draws 32 bits, rejects draws at or above the largest multiple of the
     * bound, and reduces the rest.
     *
     * @param bound number of possible indices, at least 1
     * @return index from 0 to bound - 1
     */
    int next(final int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("Bound [%d] less than minimum [1]".formatted(bound));
        }
        final long limit = RANGE - RANGE % bound;
        while (true) {
            final long draw = random.nextInt() & 0xffffffffL;
            if (draw < limit) {
                return (int) (draw % bound);
            }
        }
    }
}
