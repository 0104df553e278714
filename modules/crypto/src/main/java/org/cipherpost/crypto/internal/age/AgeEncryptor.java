package org.cipherpost.crypto.internal.age;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.crypto.CipherKey;
import com.exceptionfactory.jagged.framework.format.StandardPayloadKeyWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;

/** Writes an age file: jagged writes the header and derives the payload key, {@link ChunkPipeline} seals the payload. */
public final class AgeEncryptor {
    /** Largest header we write or read. */
    static final int HEADER_LIMIT = 256 * 1024;

    private AgeEncryptor() {
    }

    /**
     * Encrypts a stream; neither stream is closed.
     *
     * @param in plaintext
     * @param out destination of the age file
     * @param writers one stanza writer per recipient
     * @param armor whether to write the ASCII armor
     * @return plaintext bytes encrypted
     * @throws IOException on read or write failures
     * @throws GeneralSecurityException when a recipient cannot wrap the file key
     */
    public static long encrypt(final InputStream in, final OutputStream out, final List<RecipientStanzaWriter> writers,
            final boolean armor) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(in, "Input Stream required");
        Objects.requireNonNull(out, "Output Stream required");
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LIMIT);
        final CipherKey cipherKey;
        try {
            cipherKey = new StandardPayloadKeyWriter().writeFileHeader(header, writers);
        } catch (final IOException e) {
            throw new IOException("Header larger than [%d] bytes".formatted(HEADER_LIMIT), e);
        }
        final PayloadKey payloadKey = new PayloadKey(cipherKey.getEncoded());
        cipherKey.destroy();
        try {
            final ArmoredOutputStream armored = armor ? new ArmoredOutputStream(out) : null;
            final OutputStream target = armor ? armored : out;
            target.write(header.array(), 0, header.position());
            final ChunkPipeline pipeline = new ChunkPipeline(new SealOperation(), payloadKey);
            pipeline.run(in, target);
            if (armored != null) {
                armored.finish();
            }
            return pipeline.inputBytes();
        } finally {
            payloadKey.destroy();
        }
    }
}
