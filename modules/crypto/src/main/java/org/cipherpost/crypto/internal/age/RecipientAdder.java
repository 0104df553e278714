package org.cipherpost.crypto.internal.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.crypto.HeaderKeyProducerFactory;
import com.exceptionfactory.jagged.framework.crypto.MacKey;
import com.exceptionfactory.jagged.framework.crypto.MessageAuthenticationCodeProducerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Adds recipients to a binary age file without touching its payload: the file key is unwrapped with an identity
 * (the header MAC is verified on the way), stanzas for the new recipients wrap the same file key, and a new header
 * MAC ({@code HMAC-SHA256(HKDF-SHA256(file key, "", "header"), header up to "---")}) closes the header. The payload
 * nonce and chunks are copied byte for byte.
 */
public final class RecipientAdder {
    private static final byte[] VERSION_LINE = "age-encryption.org/v1\n".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] MAC_MARKER = "\n---".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] SCRYPT_STANZA = "\n-> scrypt ".getBytes(StandardCharsets.US_ASCII);

    private static final int BODY_COLUMNS = 48;

    private RecipientAdder() {
    }

    /**
     * Returns the age file with stanzas for more recipients and a new header MAC, payload unchanged.
     *
     * @param ageFile binary age file
     * @param readers one stanza reader per unlocking identity, tried in order
     * @param writers one stanza writer per added recipient
     * @return new age file
     * @throws IOException when the input is not a binary age file or is malformed or truncated
     * @throws GeneralSecurityException when no identity opens the header, the header MAC fails, the file is a
     *         passphrase file, or a stanza cannot be written
     */
    public static byte[] addRecipients(final byte[] ageFile, final List<RecipientStanzaReader> readers,
            final List<RecipientStanzaWriter> writers) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(ageFile, "Age File required");
        if (ageFile.length < VERSION_LINE.length || !Arrays.equals(ageFile, 0, VERSION_LINE.length, VERSION_LINE, 0,
                VERSION_LINE.length)) {
            throw new IOException("Input is not a binary age file");
        }
        final int macLine = indexOf(ageFile, MAC_MARKER, VERSION_LINE.length - 1) + 1;
        if (macLine <= 0) {
            throw new IOException("Header MAC line not found");
        }
        final int macLineEnd = indexOf(ageFile, new byte[] {'\n'}, macLine);
        if (macLineEnd < 0) {
            throw new IOException("Header MAC line not terminated");
        }
        if (indexOf(Arrays.copyOf(ageFile, macLine), SCRYPT_STANZA, 0) >= 0) {
            throw new GeneralSecurityException("Passphrase files cannot take more recipients");
        }
        final byte[] captured = new byte[FileKeyWrapping.WRAPPED_LENGTH / 2];
        final List<RecipientStanzaReader> capturing = new ArrayList<>(readers.size());
        for (final RecipientStanzaReader reader : readers) {
            capturing.add(stanzas -> capture(reader.getFileKey(stanzas), captured));
        }
        FileKey fileKey = null;
        MacKey macKey = null;
        try {
            AgeDecryptor.readPayloadKey(ByteBuffer.wrap(ageFile), capturing).destroy();
            fileKey = new FileKey(captured);
            final ByteArrayOutputStream header = new ByteArrayOutputStream(macLine + 128 * writers.size() + 64);
            header.write(ageFile, 0, macLine);
            for (final RecipientStanzaWriter writer : writers) {
                for (final RecipientStanza stanza : writer.getRecipientStanzas(fileKey)) {
                    writeStanza(header, stanza);
                }
            }
            header.write('-');
            header.write('-');
            header.write('-');
            macKey = HeaderKeyProducerFactory.newHeaderKeyProducer().getHeaderKey(fileKey);
            final byte[] mac = MessageAuthenticationCodeProducerFactory.newMessageAuthenticationCodeProducer(macKey)
                    .getMessageAuthenticationCode(ByteBuffer.wrap(header.toByteArray()));
            header.write(' ');
            header.write(Base64.getEncoder().withoutPadding().encode(mac));
            header.write('\n');
            header.write(ageFile, macLineEnd + 1, ageFile.length - macLineEnd - 1);
            return header.toByteArray();
        } finally {
            Arrays.fill(captured, (byte) 0);
            if (fileKey != null) {
                fileKey.destroy();
            }
            if (macKey != null) {
                macKey.destroy();
            }
        }
    }

    /** Keeps a copy of the unwrapped file key and hands the key on. */
    private static FileKey capture(final FileKey fileKey, final byte[] captured) {
        final byte[] encoded = fileKey.getEncoded();
        try {
            System.arraycopy(encoded, 0, captured, 0, captured.length);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
        return fileKey;
    }

    /** Writes {@code -> type args...} and the body in canonical unpadded Base64, 64 columns, last line short. */
    private static void writeStanza(final ByteArrayOutputStream out, final RecipientStanza stanza) {
        final StringBuilder line = new StringBuilder("-> ").append(stanza.getType());
        for (final String argument : stanza.getArguments()) {
            line.append(' ').append(argument);
        }
        line.append('\n');
        out.writeBytes(line.toString().getBytes(StandardCharsets.US_ASCII));
        final byte[] body = stanza.getBody();
        final Base64.Encoder encoder = Base64.getEncoder().withoutPadding();
        int offset = 0;
        do {
            final int length = Math.min(BODY_COLUMNS, body.length - offset);
            out.writeBytes(encoder.encode(Arrays.copyOfRange(body, offset, offset + length)));
            out.write('\n');
            offset += length;
            if (length < BODY_COLUMNS) {
                return;
            }
        } while (true);
    }

    /** Returns the first index of a pattern at or after a start, or -1. */
    private static int indexOf(final byte[] bytes, final byte[] pattern, final int start) {
        for (int i = Math.max(0, start); i <= bytes.length - pattern.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
