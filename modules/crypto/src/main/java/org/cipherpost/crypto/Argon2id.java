package org.cipherpost.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Argon2id version 0x13 (RFC 9106) key derivation, on the native reference library when it loads and on
 * BouncyCastle otherwise; both give identical bytes.
 *
 * <p>The native library is tried once, on first use, and the outcome is kept. The system property
 * {@value #BACKEND_PROPERTY} set to {@code native} or {@code bouncycastle} forces one backend.
 */
public final class Argon2id {
    /** System property that forces a backend: {@code native} or {@code bouncycastle}. */
    public static final String BACKEND_PROPERTY = "cipherpost.argon2";

    /** Smallest salt accepted, in bytes (RFC 9106). */
    public static final int MINIMUM_SALT_LENGTH = 8;

    /** Largest salt accepted, in bytes. */
    public static final int MAXIMUM_SALT_LENGTH = 1024;

    /** Smallest output accepted, in bytes (RFC 9106). */
    public static final int MINIMUM_OUTPUT_LENGTH = 4;

    /** Largest output accepted, in bytes. */
    public static final int MAXIMUM_OUTPUT_LENGTH = 1024;

    private Argon2id() {
    }

    /**
     * Derives key material from a password.
     *
     * @param password password bytes
     * @param salt salt, 8 to 1024 bytes
     * @param params cost parameters
     * @param outputLength output length, 4 to 1024 bytes
     * @return derived bytes that the caller owns and must close
     * @throws GeneralSecurityException when a length is out of range, a forced backend is unavailable, or the
     *     computation fails
     */
    public static SecretBytes derive(final SecretBytes password, final byte[] salt, final Argon2Params params,
            final int outputLength) throws GeneralSecurityException {
        Objects.requireNonNull(password, "Password required");
        Objects.requireNonNull(salt, "Salt required");
        Objects.requireNonNull(params, "Argon2 parameters required");
        checkLengths(salt, outputLength);
        return SecretBytes.wrap(engine().hash(password.bytes(), salt.clone(), null, null, params, outputLength));
    }

    /**
     * Returns the backend that {@link #derive} uses now: {@code "native"} or {@code "bouncycastle"}.
     *
     * @return backend name
     * @throws IllegalStateException when the property forces a backend that is unknown or unavailable
     */
    public static String backend() {
        try {
            return engine().name();
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Checks salt and output lengths.
     *
     * @param salt salt
     * @param outputLength output length
     * @throws InvalidAlgorithmParameterException when a length is out of range
     */
    static void checkLengths(final byte[] salt, final int outputLength) throws InvalidAlgorithmParameterException {
        if (salt.length < MINIMUM_SALT_LENGTH || salt.length > MAXIMUM_SALT_LENGTH) {
            throw new InvalidAlgorithmParameterException("Salt length [%d] not between [%d] and [%d]"
                    .formatted(salt.length, MINIMUM_SALT_LENGTH, MAXIMUM_SALT_LENGTH));
        }
        if (outputLength < MINIMUM_OUTPUT_LENGTH || outputLength > MAXIMUM_OUTPUT_LENGTH) {
            throw new InvalidAlgorithmParameterException("Output length [%d] not between [%d] and [%d]"
                    .formatted(outputLength, MINIMUM_OUTPUT_LENGTH, MAXIMUM_OUTPUT_LENGTH));
        }
    }

    /**
     * Selects the engine from the system property, or the cached automatic choice.
     *
     * @return engine
     * @throws NoSuchAlgorithmException when the property names an unknown backend or native is forced but unavailable
     */
    static Argon2Engine engine() throws NoSuchAlgorithmException {
        return select(System.getProperty(BACKEND_PROPERTY, ""), NativeHolder.ENGINE, NativeHolder.FAILURE);
    }

    /**
     * Returns the native engine.
     *
     * @return native engine
     * @throws NoSuchAlgorithmException when the native library did not load
     */
    static Argon2Engine nativeEngine() throws NoSuchAlgorithmException {
        return select(NativeArgon2Engine.NAME, NativeHolder.ENGINE, NativeHolder.FAILURE);
    }

    /**
     * Chooses an engine: the forced one, else native when it loaded, else BouncyCastle.
     *
     * @param forced value of the backend property, empty when unset
     * @param loadedNative native engine, or null when it did not load
     * @param failure why the native engine did not load, or null
     * @return engine
     * @throws NoSuchAlgorithmException when the forced backend is unknown, or native is forced but did not load
     */
    static Argon2Engine select(final String forced, final Argon2Engine loadedNative, final Throwable failure)
            throws NoSuchAlgorithmException {
        return switch (forced) {
            case "" -> loadedNative != null ? loadedNative : BouncyCastleArgon2Engine.INSTANCE;
            case BouncyCastleArgon2Engine.NAME -> BouncyCastleArgon2Engine.INSTANCE;
            case NativeArgon2Engine.NAME -> {
                if (loadedNative == null) {
                    throw new NoSuchAlgorithmException("Native Argon2id library not available", failure);
                }
                yield loadedNative;
            }
            default -> throw new NoSuchAlgorithmException("Argon2 backend [%s] not supported".formatted(forced));
        };
    }

    /** Loads the native engine once, on first use, and keeps the outcome. */
    private static final class NativeHolder {
        static final Argon2Engine ENGINE;

        static final Throwable FAILURE;

        static {
            Argon2Engine engine = null;
            Throwable failure = null;
            try {
                engine = NativeArgon2Engine.load();
            } catch (final LinkageError | RuntimeException | NoSuchAlgorithmException e) {
                failure = e;
            }
            ENGINE = engine;
            FAILURE = failure;
        }
    }
}
