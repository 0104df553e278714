package org.cipherpost.crypto;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Native Argon2id: the reference C library through JNA (a system libargon2 when JNA finds one, else the copy
 * bundled in argon2-jvm); a known-answer test at load guards either.
 *
 * <p>Uses the context call ({@code argon2id_ctx}) rather than {@code argon2id_hash_raw}: it pins version
 * 0x13 whatever library JNA finds first, takes the secret and associated data, and wipes its native
 * copies of the password. JNA cannot allocate an empty native buffer, so an empty password is computed
 * on BouncyCastle, which gives the same bytes.
 */
final class NativeArgon2Engine implements Argon2Engine {
    /** Backend name. */
    static final String NAME = "native";

    /** Known answer checked once at load: m=8, t=1, p=1, password "cipherpost", salt "cipherpost-salt!". */
    static final String SELF_TEST_HEX = "5b8e9ddc3b5c774280c67e8c13bff4a40d0e2c2e01118a8c2e15f8447bbb9a37";

    private final Argon2Advanced argon2;

    private NativeArgon2Engine(final Argon2Advanced argon2) {
        this.argon2 = argon2;
    }

    /**
     * Loads the native library and checks it against a known answer.
     *
     * @return engine
     * @throws NoSuchAlgorithmException when the library does not load or gives a wrong answer
     */
    static NativeArgon2Engine load() throws NoSuchAlgorithmException {
        final NativeArgon2Engine engine;
        final byte[] answer;
        try {
            engine = new NativeArgon2Engine(Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id));
            answer = engine.hash(selfTestPassword(), selfTestSalt(), null, null, new Argon2Params(8, 1, 1), 32);
        } catch (final LinkageError | RuntimeException | GeneralSecurityException e) {
            throw new NoSuchAlgorithmException("Native Argon2id library not available", e);
        }
        if (!MessageDigest.isEqual(answer, Hashes.unhex(SELF_TEST_HEX))) {
            throw new NoSuchAlgorithmException("Native Argon2id library failed its known-answer test");
        }
        return engine;
    }

    /**
     * Returns the self-test password.
     *
     * @return password bytes
     */
    static byte[] selfTestPassword() {
        return "cipherpost".getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Returns the self-test salt.
     *
     * @return salt bytes
     */
    static byte[] selfTestSalt() {
        return "cipherpost-salt!".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] hash(final byte[] password, final byte[] salt, final byte[] secret, final byte[] associatedData,
            final Argon2Params params, final int length) throws GeneralSecurityException {
        if (password.length == 0) {
            return BouncyCastleArgon2Engine.INSTANCE.hash(password, salt, secret, associatedData, params, length);
        }
        try {
            return argon2.rawHashAdvanced(params.iterations(), params.memoryKiB(), params.parallelism(),
                    password, salt, emptyToNull(secret), emptyToNull(associatedData), length, Argon2Version.V13);
        } catch (final IllegalStateException | IllegalArgumentException e) {
            throw new GeneralSecurityException("Native Argon2id failed", e);
        }
    }

    /** Maps an empty optional input to absent, since JNA cannot allocate an empty buffer. */
    private static byte[] emptyToNull(final byte[] bytes) {
        return bytes == null || bytes.length == 0 ? null : bytes;
    }
}
