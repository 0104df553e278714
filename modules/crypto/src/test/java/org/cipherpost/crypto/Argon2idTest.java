package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Argon2id: RFC 9106 vector, native and BouncyCastle agreement, backend selection, length checks. */
class Argon2idTest {
    private static final String RFC9106_ARGON2ID = "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659";

    @AfterEach
    void clearProperty() {
        System.clearProperty(Argon2id.BACKEND_PROPERTY);
    }

    @Test
    void nativeLoadsOnThisPlatform() throws NoSuchAlgorithmException {
        // argon2-jvm bundles linux-x86-64 and linux-aarch64 libraries; a silent fallback there is a bug.
        final Argon2Engine engine = Argon2id.nativeEngine();
        assertEquals("native", engine.name());
        assertEquals("native", Argon2id.backend());
    }

    @Test
    void rfc9106VectorOnBothBackends() throws GeneralSecurityException {
        for (final Argon2Engine engine : engines()) {
            final byte[] tag = engine.hash(filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4),
                    new Argon2Params(32, 3, 4), 32);
            assertEquals(RFC9106_ARGON2ID, Hashes.hex(tag), engine.name());
        }
    }

    @Test
    void selfTestAnswerIsArgon2id() throws GeneralSecurityException {
        final byte[] answer = BouncyCastleArgon2Engine.INSTANCE.hash(NativeArgon2Engine.selfTestPassword(),
                NativeArgon2Engine.selfTestSalt(), null, null, new Argon2Params(8, 1, 1), 32);
        assertEquals(NativeArgon2Engine.SELF_TEST_HEX, Hashes.hex(answer));
    }

    @Test
    void backendsAgreeOnVariedInputs() throws GeneralSecurityException {
        final Argon2Params[] params = {
            new Argon2Params(8, 1, 1), new Argon2Params(64, 2, 1), new Argon2Params(256, 1, 4),
            new Argon2Params(100, 3, 3), new Argon2Params(1024, 1, 2), new Argon2Params(33, 1, 1),
        };
        final Random random = new Random(9106);
        for (final Argon2Params param : params) {
            final byte[] password = new byte[1 + random.nextInt(40)];
            random.nextBytes(password);
            final byte[] salt = new byte[8 + random.nextInt(40)];
            random.nextBytes(salt);
            final int length = 4 + random.nextInt(80);
            assertSameOnBoth(password, salt, null, null, param, length);
        }
        assertSameOnBoth(new byte[0], filled(16, 7), null, null, new Argon2Params(16, 1, 1), 32);
        assertSameOnBoth(filled(5, 1), filled(16, 7), filled(32, 9), null, new Argon2Params(16, 1, 1), 32);
        assertSameOnBoth(filled(5, 1), filled(16, 7), null, filled(3, 9), new Argon2Params(16, 1, 1), 32);
    }

    @Test
    void backendsAgreeOnDefaultParams() throws GeneralSecurityException {
        final byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        assertSameOnBoth(password, filled(16, 0x42), null, null, Argon2Params.DEFAULT, 32);
    }

    @Test
    void deriveFollowsTheForcedBackend() throws GeneralSecurityException {
        final byte[] salt = filled(16, 3);
        final Argon2Params params = new Argon2Params(64, 1, 1);
        try (SecretBytes password = SecretBytes.copyOf("pin-1234".getBytes(StandardCharsets.UTF_8))) {
            System.setProperty(Argon2id.BACKEND_PROPERTY, "bouncycastle");
            assertEquals("bouncycastle", Argon2id.backend());
            final byte[] viaBouncyCastle;
            try (SecretBytes derived = Argon2id.derive(password, salt, params, 32)) {
                viaBouncyCastle = derived.copy();
            }
            System.setProperty(Argon2id.BACKEND_PROPERTY, "native");
            assertEquals("native", Argon2id.backend());
            try (SecretBytes derived = Argon2id.derive(password, salt, params, 32)) {
                assertArrayEquals(viaBouncyCastle, derived.bytes());
            }
            assertArrayEquals(viaBouncyCastle, BouncyCastleArgon2Engine.INSTANCE.hash(password.bytes(), salt, null, null,
                    params, 32));
            System.setProperty(Argon2id.BACKEND_PROPERTY, "fastest");
            final NoSuchAlgorithmException e = assertThrows(NoSuchAlgorithmException.class,
                    () -> Argon2id.derive(password, salt, params, 32));
            assertEquals("Argon2 backend [fastest] not supported", e.getMessage());
            assertThrows(IllegalStateException.class, Argon2id::backend);
        }
    }

    @Test
    void automaticChoiceFallsBackSilentlyWhenNativeDidNotLoad() throws GeneralSecurityException {
        final Throwable failure = new UnsatisfiedLinkError("no argon2 in java.library.path");
        assertEquals(BouncyCastleArgon2Engine.INSTANCE, Argon2id.select("", null, failure));
        assertEquals(BouncyCastleArgon2Engine.INSTANCE, Argon2id.select("bouncycastle", null, failure));
        final NoSuchAlgorithmException e = assertThrows(NoSuchAlgorithmException.class,
                () -> Argon2id.select("native", null, failure));
        assertEquals(failure, e.getCause());
        final Argon2Engine loaded = Argon2id.nativeEngine();
        assertEquals(loaded, Argon2id.select("", loaded, null));
        assertEquals(BouncyCastleArgon2Engine.INSTANCE, Argon2id.select("bouncycastle", loaded, null));
        assertThrows(NoSuchAlgorithmException.class, () -> Argon2id.select("Native", loaded, null));
    }

    @Test
    void deriveDoesNotTouchItsInputs() throws GeneralSecurityException {
        final byte[] salt = filled(16, 3);
        try (SecretBytes password = SecretBytes.copyOf(filled(10, 0x61));
                SecretBytes first = Argon2id.derive(password, salt, new Argon2Params(32, 1, 1), 32);
                SecretBytes second = Argon2id.derive(password, salt, new Argon2Params(32, 2, 1), 32)) {
            assertArrayEquals(filled(10, 0x61), password.bytes());
            assertArrayEquals(filled(16, 3), salt);
            assertFalse(first.contentEquals(second));
        }
    }

    @Test
    void saltAndOutputLengthsAreChecked() {
        try (SecretBytes password = SecretBytes.copyOf(filled(4, 1))) {
            final Argon2Params params = new Argon2Params(8, 1, 1);
            assertEquals("Salt length [7] not between [8] and [1024]", assertThrows(
                    InvalidAlgorithmParameterException.class,
                    () -> Argon2id.derive(password, new byte[7], params, 32)).getMessage());
            assertThrows(InvalidAlgorithmParameterException.class,
                    () -> Argon2id.derive(password, new byte[1025], params, 32));
            assertEquals("Output length [3] not between [4] and [1024]", assertThrows(
                    InvalidAlgorithmParameterException.class,
                    () -> Argon2id.derive(password, new byte[8], params, 3)).getMessage());
            assertThrows(InvalidAlgorithmParameterException.class,
                    () -> Argon2id.derive(password, new byte[8], params, 1025));
        }
    }

    @Test
    void paramsAcceptTheirBounds() {
        assertEquals(new Argon2Params(65536, 3, 1), Argon2Params.DEFAULT);
        new Argon2Params(8, 1, 1);
        new Argon2Params(128, 100, 16);
        new Argon2Params(4194304, 1, 16);
    }

    @Test
    void paramsRejectOutOfBoundValues() {
        assertRejected("Memory [7] KiB less than minimum [8] KiB for parallelism [1]", () -> new Argon2Params(7, 1, 1));
        assertRejected("Memory [127] KiB less than minimum [128] KiB for parallelism [16]",
                () -> new Argon2Params(127, 1, 16));
        assertRejected("Memory [4194305] KiB greater than maximum [4194304] KiB",
                () -> new Argon2Params(4194305, 1, 1));
        assertRejected("Memory [-1] KiB less than minimum [8] KiB for parallelism [1]", () -> new Argon2Params(-1, 1, 1));
        assertRejected("Iterations [0] less than minimum [1]", () -> new Argon2Params(65536, 0, 1));
        assertRejected("Iterations [101] greater than maximum [100]", () -> new Argon2Params(65536, 101, 1));
        assertRejected("Parallelism [0] less than minimum [1]", () -> new Argon2Params(65536, 3, 0));
        assertRejected("Parallelism [17] greater than maximum [16]", () -> new Argon2Params(65536, 3, 17));
        assertRejected("Parallelism [-2147483648] less than minimum [1]",
                () -> new Argon2Params(65536, 3, Integer.MIN_VALUE));
    }

    private static void assertRejected(final String message, final Supplier<Argon2Params> constructor) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, constructor::get).getMessage());
    }

    private static void assertSameOnBoth(final byte[] password, final byte[] salt, final byte[] secret,
            final byte[] associatedData, final Argon2Params params, final int length) throws GeneralSecurityException {
        final byte[] viaNative = Argon2id.nativeEngine().hash(password, salt, secret, associatedData, params, length);
        final byte[] viaBouncyCastle = BouncyCastleArgon2Engine.INSTANCE.hash(password, salt, secret, associatedData,
                params, length);
        assertEquals(length, viaNative.length);
        assertArrayEquals(viaBouncyCastle, viaNative, params + " length " + length);
        assertTrue(viaNative.length > 0 && !Arrays.equals(viaNative, new byte[length]));
    }

    private static Argon2Engine[] engines() throws NoSuchAlgorithmException {
        return new Argon2Engine[] {BouncyCastleArgon2Engine.INSTANCE, Argon2id.nativeEngine()};
    }

    private static byte[] filled(final int length, final int value) {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
