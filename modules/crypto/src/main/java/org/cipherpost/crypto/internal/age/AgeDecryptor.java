package org.cipherpost.crypto.internal.age;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.framework.crypto.CipherKey;
import com.exceptionfactory.jagged.framework.format.StandardPayloadKeyReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import org.cipherpost.crypto.NoMatchingIdentityException;

/**
 * Reads an age file, binary or armored: jagged parses the header and checks its MAC with the file key our
 * identity readers unwrap, then {@link ChunkPipeline} opens the payload.
 *
 * <p>Errors are reduced to short messages of our own: {@link IOException} for anything malformed or truncated,
 * {@link GeneralSecurityException} for "no matching identity", failed header or payload authentication, and
 * headers that policy refuses.
 */
public final class AgeDecryptor {
    private static final byte[] VERSION_PREFIX = "age-encryption.org/".getBytes(StandardCharsets.US_ASCII);

    private static final int PEEK = 1024;

    private AgeDecryptor() {
    }

    /**
     * Decrypts a stream; neither stream is closed. Plaintext is written as chunks verify, so on failure
     * the output holds a prefix of the plaintext and must be discarded.
     *
     * @param in age file, binary or armored
     * @param out destination of the plaintext
     * @param readers one stanza reader per identity, tried in order
     * @return plaintext bytes written
     * @throws IOException on read or write failures and malformed or truncated input
     * @throws GeneralSecurityException when no identity matches or authentication fails
     */
    public static long decrypt(final InputStream in, final OutputStream out, final List<RecipientStanzaReader> readers)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(in, "Input Stream required");
        Objects.requireNonNull(out, "Output Stream required");
        final PushbackInputStream peeking = new PushbackInputStream(in, PEEK);
        final byte[] start = peeking.readNBytes(PEEK);
        peeking.unread(start);
        final InputStream binary = isArmored(start) ? new ArmoredInputStream(peeking) : peeking;
        final PushbackInputStream source = new PushbackInputStream(binary, AgeEncryptor.HEADER_LIMIT);
        final byte[] head = source.readNBytes(AgeEncryptor.HEADER_LIMIT);
        if (head.length == 0) {
            throw new EOFException("Input is empty");
        }
        if (!startsWith(head, VERSION_PREFIX)) {
            throw new IOException("Input is not an age file");
        }
        final ByteBuffer header = ByteBuffer.wrap(head);
        final PayloadKey payloadKey = readPayloadKey(header, readers);
        try {
            source.unread(head, header.position(), header.remaining());
            final ChunkPipeline pipeline = new ChunkPipeline(new OpenOperation(), payloadKey);
            pipeline.run(source, out);
            return pipeline.outputBytes();
        } catch (final AEADBadTagException e) {
            throw new GeneralSecurityException("Payload authentication failed");
        } finally {
            payloadKey.destroy();
            Arrays.fill(head, (byte) 0);
        }
    }

    /** Unwraps the file key, checks the header MAC and derives the payload key, mapping errors to ours. */
    static PayloadKey readPayloadKey(final ByteBuffer header, final List<RecipientStanzaReader> readers)
            throws IOException, GeneralSecurityException {
        final CipherKey cipherKey;
        try {
            cipherKey = new StandardPayloadKeyReader().getPayloadKey(header, List.of(new IdentityStanzaReader(readers)));
        } catch (final InvalidStanzaException e) {
            throw new IOException(e.getMessage());
        } catch (final RejectedHeaderException e) {
            if (RejectedHeaderException.NO_MATCH.equals(e.getMessage())) {
                throw new NoMatchingIdentityException();
            }
            throw new GeneralSecurityException(e.getMessage());
        } catch (final SignatureException e) {
            throw new GeneralSecurityException("Header authentication failed");
        } catch (final java.security.spec.InvalidParameterSpecException e) {
            throw new EOFException("Input truncated after header");
        } catch (final GeneralSecurityException | IOException | RuntimeException e) {
            throw new IOException("Header not valid", e);
        }
        final PayloadKey payloadKey = new PayloadKey(cipherKey.getEncoded());
        cipherKey.destroy();
        return payloadKey;
    }

    /** Tells armor from binary: the first non-whitespace byte of armor is the dash of its header line. */
    private static boolean isArmored(final byte[] start) {
        for (final byte b : start) {
            if (b == '-') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }

    /** Tells whether bytes start with a prefix. */
    private static boolean startsWith(final byte[] bytes, final byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
