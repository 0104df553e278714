package org.cipherpost.crypto;

/**
 * Argon2id cost parameters, bounded so that a crafted identity file cannot make us allocate unbounded memory
 * or spin for hours.
 *
 * @param memoryKiB memory in KiB: at least 8 per lane, at most 4 GiB
 * @param iterations passes over memory: 1 to 100
 * @param parallelism lanes: 1 to 16
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {
    /** Defaults for new identity files: 64 MiB, 3 passes, 1 lane. */
    public static final Argon2Params DEFAULT = new Argon2Params(65536, 3, 1);

    /** Largest memory accepted, in KiB (4 GiB). */
    public static final int MAXIMUM_MEMORY_KIB = 4 * 1024 * 1024;

    /** Largest number of passes accepted. */
    public static final int MAXIMUM_ITERATIONS = 100;

    /** Largest number of lanes accepted. */
    public static final int MAXIMUM_PARALLELISM = 16;

    /** Smallest memory per lane, in KiB, required by Argon2. */
    private static final int MINIMUM_MEMORY_PER_LANE = 8;

    /** Validates the parameters. */
    public Argon2Params {
        if (parallelism < 1) {
            throw new IllegalArgumentException("Parallelism [%d] less than minimum [1]".formatted(parallelism));
        }
        if (parallelism > MAXIMUM_PARALLELISM) {
            throw new IllegalArgumentException("Parallelism [%d] greater than maximum [%d]"
                    .formatted(parallelism, MAXIMUM_PARALLELISM));
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("Iterations [%d] less than minimum [1]".formatted(iterations));
        }
        if (iterations > MAXIMUM_ITERATIONS) {
            throw new IllegalArgumentException("Iterations [%d] greater than maximum [%d]"
                    .formatted(iterations, MAXIMUM_ITERATIONS));
        }
        if (memoryKiB < MINIMUM_MEMORY_PER_LANE * parallelism) {
            throw new IllegalArgumentException("Memory [%d] KiB less than minimum [%d] KiB for parallelism [%d]"
                    .formatted(memoryKiB, MINIMUM_MEMORY_PER_LANE * parallelism, parallelism));
        }
        if (memoryKiB > MAXIMUM_MEMORY_KIB) {
            throw new IllegalArgumentException("Memory [%d] KiB greater than maximum [%d] KiB"
                    .formatted(memoryKiB, MAXIMUM_MEMORY_KIB));
        }
    }
}
