package org.cipherpost.crypto.internal.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.crypto.CipherKey;
import com.exceptionfactory.jagged.framework.format.StandardPayloadKeyWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.api.Test;

/**
 * Files with a valid header MAC and payload tags that still break the rules: only the rule can reject them.
 */
class CraftedFilesTest {
    private static final int CHUNK = ChunkCipher.PLAIN_CHUNK;

    @Test
    void scryptStanzaMixedWithX25519IsRejectedForEveryIdentity() throws Exception {
        final byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try (SecretBytes key = SecretBytes.wrap(secret); SecretBytes passphrase = SecretBytes.copyOf(new byte[] {'p', 'w'})) {
            final byte[] publicKey = X25519Keys.publicKey(key.bytes());
            final List<RecipientStanzaWriter> writers = List.of(
                    AgeStanzas.scryptWriter(passphrase, 10),
                    AgeStanzas.x25519Writer(X25519Keys.encodeRecipient(publicKey)));
            final byte[] file = craft(writers, new byte[][] {new byte[100]}, new boolean[] {true});
            for (final RecipientStanzaReader reader : List.of(AgeStanzas.scryptReader(passphrase, 22),
                    AgeStanzas.x25519Reader(key, publicKey))) {
                final GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                        () -> AgeDecryptor.decrypt(new ByteArrayInputStream(file), new ByteArrayOutputStream(), List.of(reader)));
                assertEquals("scrypt stanza must be the only stanza", e.getMessage());
            }
        }
    }

    @Test
    void emptyFinalChunkAfterFullChunkIsRejected() throws Exception {
        try (SecretBytes passphrase = SecretBytes.copyOf(new byte[] {'p', 'w'})) {
            final List<RecipientStanzaWriter> writers = List.of(AgeStanzas.scryptWriter(passphrase, 10));
            final byte[] full = new byte[CHUNK];
            final byte[] file = craft(writers, new byte[][] {full, new byte[0]}, new boolean[] {false, true});
            final IOException e = assertThrows(IOException.class, () -> AgeDecryptor.decrypt(new ByteArrayInputStream(file),
                    new ByteArrayOutputStream(), List.of(AgeStanzas.scryptReader(passphrase, 22))));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());

            // the same chunks with the full one flagged final decrypt fine: the crafting is sound
            final byte[] valid = craft(writers, new byte[][] {full}, new boolean[] {true});
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            AgeDecryptor.decrypt(new ByteArrayInputStream(valid), out, List.of(AgeStanzas.scryptReader(passphrase, 22)));
            assertArrayEquals(full, out.toByteArray());
        }
    }

    /** Writes a header with jagged and the given chunks sealed with the given final flags. */
    private static byte[] craft(final List<RecipientStanzaWriter> writers, final byte[][] chunks, final boolean[] last)
            throws Exception {
        final ByteBuffer header = ByteBuffer.allocate(4096);
        final CipherKey cipherKey = new StandardPayloadKeyWriter().writeFileHeader(header, writers);
        final ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(header.array(), 0, header.position());
        try (ChunkCipher cipher = new StandardChunkCipher(new PayloadKey(cipherKey.getEncoded()))) {
            for (int i = 0; i < chunks.length; i++) {
                final byte[] sealed = new byte[chunks[i].length + 16];
                cipher.seal(chunks[i], 0, chunks[i].length, sealed, 0, i, last[i]);
                file.write(sealed);
            }
        }
        return file.toByteArray();
    }
}
