package org.cipherpost.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Pure-Java Argon2id on BouncyCastle's {@link Argon2BytesGenerator}. */
final class BouncyCastleArgon2Engine implements Argon2Engine {
    /** Backend name. */
    static final String NAME = "bouncycastle";

    /** Shared instance; the engine holds no state between calls. */
    static final BouncyCastleArgon2Engine INSTANCE = new BouncyCastleArgon2Engine();

    private BouncyCastleArgon2Engine() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] hash(final byte[] password, final byte[] salt, final byte[] secret, final byte[] associatedData,
            final Argon2Params params, final int length) throws GeneralSecurityException {
        final Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(params.iterations())
                .withMemoryAsKB(params.memoryKiB())
                .withParallelism(params.parallelism())
                .withSalt(salt);
        if (secret != null) {
            builder.withSecret(secret);
        }
        if (associatedData != null) {
            builder.withAdditional(associatedData);
        }
        final Argon2Parameters parameters = builder.build();
        final byte[] out = new byte[length];
        try {
            final Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            generator.generateBytes(password, out);
            return out;
        } catch (final IllegalArgumentException | IllegalStateException e) {
            throw new InvalidAlgorithmParameterException("Argon2id parameters rejected", e);
        } finally {
            parameters.clear();
            builder.clear();
        }
    }
}
