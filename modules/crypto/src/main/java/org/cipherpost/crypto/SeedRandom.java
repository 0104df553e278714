package org.cipherpost.crypto;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * One-shot random source that hands the JDK key pair generator a given seed, so that the JDK derives
 * the Ed25519 public key of that seed; any other request fails instead of returning weak bytes.
 */
final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a source that returns the seed once.
     *
     * @param seed seed bytes, not copied; the caller keeps ownership
     */
    SeedRandom(final byte[] seed) {
        super(new SeedSpi(seed), null);
    }

    /** Service provider that returns the seed to exactly one request of the seed's length. */
    private static final class SeedSpi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;

        private final transient byte[] seed;

        private transient boolean used;

        /**
         * Holds the seed.
         *
         * @param seed seed bytes
         */
        SeedSpi(final byte[] seed) {
            this.seed = seed;
        }

        @Override
        protected void engineNextBytes(final byte[] bytes) {
            if (used || seed == null || bytes.length != seed.length) {
                throw new IllegalStateException("Seed request length [%d] not expected".formatted(bytes.length));
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
            used = true;
        }

        @Override
        protected void engineSetSeed(final byte[] ignored) {
            // Seeding a fixed source has no effect; SecureRandom's constructor may call this.
        }

        @Override
        protected byte[] engineGenerateSeed(final int length) {
            throw new IllegalStateException("Seed generation not supported");
        }
    }
}
