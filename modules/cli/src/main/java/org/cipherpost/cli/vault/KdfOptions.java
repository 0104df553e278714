package org.cipherpost.cli.vault;

import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.Argon2Params;
import picocli.CommandLine.Option;

/** Argon2id cost of new device keys and recovery codes ({@code init}, {@code join}, {@code recover}). */
public final class KdfOptions {
    /** Smallest memory accepted from the command line, in KiB (as {@code identity generate}). */
    static final int MINIMUM_MEMORY_KIB = 8192;

    @Option(names = "--kdf-memory", paramLabel = "KIB", description = "Argon2id memory in KiB (default: ${DEFAULT-VALUE}).")
    int memoryKiB = Argon2Params.DEFAULT.memoryKiB();

    @Option(names = "--kdf-iterations", paramLabel = "N", description = "Argon2id passes (default: ${DEFAULT-VALUE}).")
    int iterations = Argon2Params.DEFAULT.iterations();

    @Option(names = "--kdf-parallelism", paramLabel = "N", description = "Argon2id lanes (default: ${DEFAULT-VALUE}).")
    int parallelism = Argon2Params.DEFAULT.parallelism();

    /**
     * Returns the validated parameters.
     *
     * @return Argon2id cost
     * @throws CliException with exit 64 when a value is out of range
     */
    Argon2Params params() throws CliException {
        if (memoryKiB < MINIMUM_MEMORY_KIB) {
            throw new CliException(ExitCodes.USAGE, "--kdf-memory [%d] below the minimum [%d] KiB"
                    .formatted(memoryKiB, MINIMUM_MEMORY_KIB));
        }
        try {
            return new Argon2Params(memoryKiB, iterations, parallelism);
        } catch (final IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }
}
