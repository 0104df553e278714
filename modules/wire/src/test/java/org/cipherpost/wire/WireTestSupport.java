package org.cipherpost.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cipherpost.crypto.SecretBytes;

/** Shared fixtures of the record tests: the v1 vector directory, the all-zero test seed, small helpers. */
final class WireTestSupport {
    /** SPEC v1 section 8.1 signature over outer_record_signable.bin with the all-zero seed. */
    static final String SPEC_OUTER_SIGNATURE =
            "B1KQKUwXEHBLlXNekjU23LM+hkwz2w1XGjYg/X27tZSbX9opQozRgxKoVaAFbxmvfP2+HbOssOJ4DblpgcPdDw==";

    /** SPEC v1 section 8.2 signature over receipt_signable.bin with the all-zero seed. */
    static final String SPEC_RECEIPT_SIGNATURE =
            "L8UWu/lYccsfB3pwZD6hoPu39ZWuNYt0/SRqDtI+xMpL7Z91Lof8vnFjFY2WtlQDDlZOH4H0srwf4LlmT6w7Aw==";

    private WireTestSupport() {
    }

    /** Returns a fixture file's bytes from shared/vectors/cipherpost-v1. */
    static byte[] vector(final String name) {
        final Path dir = Path.of(System.getProperty("cipherpost.root")).resolve("../shared/vectors/cipherpost-v1");
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the TEST VECTOR ONLY seed of 32 zero bytes. */
    static SecretBytes zeroSeed() {
        return SecretBytes.wrap(new byte[32]);
    }

    /** Returns a deterministic seed filled with one byte. */
    static SecretBytes seed(final int fill) {
        final byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return SecretBytes.wrap(bytes);
    }

    /** Returns UTF-8 bytes. */
    static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns text of UTF-8 bytes. */
    static String text(final byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
