package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Round trips through our own encrypt and decrypt. */
class AgeRoundTripTest {
    private static final int CHUNK = 64 * 1024;

    private static final int TEST_WORK_FACTOR = 10;

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK})
    void x25519RoundTripAtChunkBoundaries(final int size) throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final byte[] plaintext = random(size, size);
            final byte[] ciphertext = Age.encrypt(plaintext, List.of(identity.recipient()));
            final int chunks = Math.max(1, (size + CHUNK - 1) / CHUNK);
            final int header = headerLength(ciphertext);
            assertEquals(header + 16 + size + 16L * chunks, ciphertext.length, "one tag per chunk, no extra chunk");
            try (SecretBytes decrypted = Age.decrypt(ciphertext, List.of(identity))) {
                assertArrayEquals(plaintext, decrypted.bytes());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK})
    void armoredRoundTripAtChunkBoundaries(final int size) throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final byte[] plaintext = random(size, 7 + size);
            final byte[] armored = Age.encrypt(plaintext, List.of(identity.recipient()), true);
            final String text = new String(armored, StandardCharsets.US_ASCII);
            assertTrue(text.startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n"));
            assertTrue(text.endsWith("\n-----END AGE ENCRYPTED FILE-----\n"));
            for (final String line : text.split("\n")) {
                assertTrue(line.length() <= 64, "armor lines have at most 64 columns");
            }
            try (SecretBytes decrypted = Age.decrypt(armored, List.of(identity))) {
                assertArrayEquals(plaintext, decrypted.bytes());
            }
        }
    }

    @Test
    void severalRecipientsEachDecrypt() throws Exception {
        try (AgeIdentity first = AgeIdentity.generate(); AgeIdentity second = AgeIdentity.generate();
                AgeIdentity third = AgeIdentity.generate(); AgeIdentity stranger = AgeIdentity.generate()) {
            final byte[] plaintext = random(100_000, 3);
            final byte[] ciphertext = Age.encrypt(plaintext,
                    List.of(first.recipient(), second.recipient(), third.recipient()));
            for (final AgeIdentity identity : List.of(first, second, third)) {
                try (SecretBytes decrypted = Age.decrypt(ciphertext, List.of(identity))) {
                    assertArrayEquals(plaintext, decrypted.bytes());
                }
            }
            try (SecretBytes decrypted = Age.decrypt(ciphertext, List.of(stranger, third))) {
                assertArrayEquals(plaintext, decrypted.bytes(), "a non-matching identity is skipped");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void scryptRoundTrip(final boolean armor) throws Exception {
        try (SecretBytes passphrase = SecretBytes.fromChars("correct horse battery staple".toCharArray());
                AgeRecipient recipient = AgeRecipient.scrypt(passphrase, TEST_WORK_FACTOR);
                AgeIdentity identity = AgeIdentity.scrypt(passphrase)) {
            final byte[] plaintext = random(CHUNK + 5, 11);
            final byte[] ciphertext = Age.encrypt(plaintext, List.of(recipient), armor);
            final String start = new String(ciphertext, 0, 80, StandardCharsets.US_ASCII);
            if (!armor) {
                assertTrue(start.contains("\n-> scrypt "), start);
                assertTrue(start.contains(" " + TEST_WORK_FACTOR + "\n"), start);
            }
            try (SecretBytes decrypted = Age.decrypt(ciphertext, List.of(identity))) {
                assertArrayEquals(plaintext, decrypted.bytes());
            }
        }
    }

    @Test
    void multiMebibyteStreamUsesWorkersAndStaysIntact() throws Exception {
        // 5 MiB + 123 bytes: three segments of 2 MiB, so chunks are sealed and opened by the worker threads
        final long size = 5L * 1024 * 1024 + 123;
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
            final long consumed = Age.encrypt(new PatternStream(size), encrypted, List.of(identity.recipient()), false);
            assertEquals(size, consumed);
            final DigestSink sink = new DigestSink();
            final long written = Age.decrypt(new ByteArrayInputStream(encrypted.toByteArray()), sink, List.of(identity));
            assertEquals(size, written);
            final MessageDigest expected = MessageDigest.getInstance("SHA-256");
            try (InputStream pattern = new PatternStream(size)) {
                final byte[] buffer = new byte[8192];
                int read;
                while ((read = pattern.read(buffer)) > 0) {
                    expected.update(buffer, 0, read);
                }
            }
            assertArrayEquals(expected.digest(), sink.digest.digest());
        }
    }

    @Test
    void channelsRoundTripThroughFiles() throws Exception {
        final byte[] plaintext = random(3 * 1024 * 1024 + 17, 5);
        final Path plain = Files.write(directory.resolve("plain"), plaintext);
        final Path sealed = directory.resolve("sealed.age");
        final Path opened = directory.resolve("opened");
        try (AgeIdentity identity = AgeIdentity.generate()) {
            try (FileChannel in = FileChannel.open(plain);
                    FileChannel out = FileChannel.open(sealed, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                assertEquals(plaintext.length, Age.encrypt(in, out, List.of(identity.recipient()), false));
            }
            try (FileChannel in = FileChannel.open(sealed);
                    FileChannel out = FileChannel.open(opened, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                assertEquals(plaintext.length, Age.decrypt(in, out, List.of(identity)));
            }
        }
        assertArrayEquals(plaintext, Files.readAllBytes(opened));
    }

    @Test
    void jcaAndStandardChunkCiphersProduceInterchangeableFiles() throws Exception {
        final String property = "org.cipherpost.age.aead";
        final byte[] plaintext = random(3 * CHUNK + 99, 13);
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final byte[] ours = Age.encrypt(plaintext, List.of(identity.recipient()));
            System.setProperty(property, "jca");
            final byte[] jca;
            try {
                jca = Age.encrypt(plaintext, List.of(identity.recipient()));
                try (SecretBytes decrypted = Age.decrypt(ours, List.of(identity))) {
                    assertArrayEquals(plaintext, decrypted.bytes(), "JDK AEAD opens our chunks");
                }
            } finally {
                System.clearProperty(property);
            }
            try (SecretBytes decrypted = Age.decrypt(jca, List.of(identity))) {
                assertArrayEquals(plaintext, decrypted.bytes(), "our chunks open JDK AEAD output");
            }
        }
    }

    /** Length of the header up to and including the MAC line. */
    static int headerLength(final byte[] file) {
        final String text = new String(file, StandardCharsets.ISO_8859_1);
        final int mac = text.indexOf("\n--- ");
        return text.indexOf('\n', mac + 1) + 1;
    }

    /** Deterministic pseudo-random bytes. */
    static byte[] random(final int size, final long seed) {
        final byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Endless-looking input of a given length that is never held in memory. */
    static final class PatternStream extends InputStream {
        private final long size;

        private long position;

        /**
         * Creates the stream.
         *
         * @param size bytes to deliver
         */
        PatternStream(final long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? (int) (position++ * 31 % 251) : -1;
        }

        @Override
        public int read(final byte[] bytes, final int offset, final int length) {
            if (position >= size) {
                return -1;
            }
            final int count = (int) Math.min(length, size - position);
            for (int i = 0; i < count; i++) {
                bytes[offset + i] = (byte) (position++ * 31 % 251);
            }
            return count;
        }
    }

    /** Output that only hashes what it receives. */
    static final class DigestSink extends java.io.OutputStream {
        final MessageDigest digest;

        DigestSink() throws java.security.NoSuchAlgorithmException {
            this.digest = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void write(final int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) {
            digest.update(bytes, offset, length);
        }
    }
}
