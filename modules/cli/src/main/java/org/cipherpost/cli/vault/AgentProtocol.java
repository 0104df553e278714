package org.cipherpost.cli.vault;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.cipherpost.crypto.SecretBytes;

/**
 * The agent's wire format over a Unix domain socket, one request and one response per connection:
 *
 * <pre>
 * request  = version (1 byte, 0x01) | op (1 byte) | length (4 bytes, big-endian) | payload
 * response = status (1 byte) | length (4 bytes, big-endian) | payload
 *
 * op 'I' info     payload: SHA-256 of the client's device key file (32 bytes)
 *                 OK: "recipient\npid\nexpires-epoch-seconds\n"; MISMATCH: the agent holds another device key
 * op 'D' decrypt  payload: an age file (key file, vault key, index); OK: its plaintext
 * op 'L' lock     payload: empty; OK, then the agent wipes its key and exits
 * op 'S' show     payload: an entry name (UTF-8); OK: warnings length (4 bytes, big-endian) | warning lines (UTF-8)
 *                 | the entry exactly as stored; UNSUPPORTED: not shown here (no such entry, an ambiguous name,
 *                 a damaged file, an agent started without its vault): the caller runs the full CLI instead
 * op 'F' find     payload: a query (UTF-8); OK: warnings as for show | the lines 'vault find QUERY' prints
 *                 (UTF-8); UNSUPPORTED as for show
 * </pre>
 *
 * The agent never sends its key; it only opens age files and shows entries for a peer that is the same user. The
 * show request is what the thin client {@code ciphey-fast} (distribution/src/main/c) sends; see
 * docs/adr/0010-vault-thin-client.md.
 */
final class AgentProtocol {
    /** Protocol version byte. */
    static final byte VERSION = 1;
    /** Request: report recipient, pid and expiry. */
    static final byte INFO = 'I';
    /** Request: decrypt an age file. */
    static final byte DECRYPT = 'D';
    /** Request: wipe the key and exit. */
    static final byte LOCK = 'L';
    /** Request: show an entry of the agent's vault by name. */
    static final byte SHOW = 'S';
    /** Request: find entries of the agent's vault by free text. */
    static final byte FIND = 'F';

    /** Response: success. */
    static final byte OK = 0;
    /** Response: the agent holds the key of another device key file. */
    static final byte MISMATCH = 1;
    /** Response: the file is not encrypted to the agent's key. */
    static final byte NO_MATCH = 2;
    /** Response: the file ends early. */
    static final byte TRUNCATED = 3;
    /** Response: the file is not a well-formed age file. */
    static final byte MALFORMED = 4;
    /** Response: decryption failed (authentication). */
    static final byte FAILED = 5;
    /** Response: the request was not understood. */
    static final byte BAD_REQUEST = 6;
    /** Response: the agent does not answer this request; the caller does the work itself. */
    static final byte UNSUPPORTED = 7;

    /** Largest payload either side accepts. */
    static final int MAXIMUM_PAYLOAD = 64 << 20;

    /** Longest entry name or query a show or find request may carry. */
    static final int MAXIMUM_NAME = 4096;

    private AgentProtocol() {
    }

    /**
     * Writes a request.
     *
     * @param out stream
     * @param op operation
     * @param payload payload
     * @throws IOException on I/O failure
     */
    static void writeRequest(final OutputStream out, final byte op, final byte[] payload) throws IOException {
        final byte[] header = ByteBuffer.allocate(6).put(VERSION).put(op).putInt(payload.length).array();
        out.write(header);
        out.write(payload);
        out.flush();
    }

    /**
     * Writes a response.
     *
     * @param out stream
     * @param status status
     * @param payload payload
     * @throws IOException on I/O failure
     */
    static void writeResponse(final OutputStream out, final byte status, final byte[] payload) throws IOException {
        final byte[] header = ByteBuffer.allocate(5).put(status).putInt(payload.length).array();
        out.write(header);
        out.write(payload);
        out.flush();
    }

    /**
     * Reads the version and op of a request.
     *
     * @param in stream
     * @return op
     * @throws IOException on I/O failure or an unknown version
     */
    static byte readOp(final InputStream in) throws IOException {
        final DataInputStream data = new DataInputStream(in);
        final byte version = data.readByte();
        if (version != VERSION) {
            throw new IOException("Agent protocol version [%d] not supported".formatted(version));
        }
        return data.readByte();
    }

    /**
     * Reads a status byte.
     *
     * @param in stream
     * @return status
     * @throws IOException on I/O failure
     */
    static byte readStatus(final InputStream in) throws IOException {
        return new DataInputStream(in).readByte();
    }

    /**
     * Reads a length-prefixed payload into a holder the caller owns.
     *
     * @param in stream
     * @return payload
     * @throws IOException on I/O failure or a payload over the limit
     */
    static SecretBytes readPayload(final InputStream in) throws IOException {
        final int length = new DataInputStream(in).readInt();
        if (length < 0 || length > MAXIMUM_PAYLOAD) {
            throw new IOException("Agent payload length [%d] not in range [0, %d]".formatted(length, MAXIMUM_PAYLOAD));
        }
        final byte[] payload = new byte[length];
        int read = 0;
        while (read < length) {
            final int count = in.read(payload, read, length - read);
            if (count < 0) {
                Arrays.fill(payload, (byte) 0);
                throw new EOFException("Agent payload ended after [%d] of [%d] bytes".formatted(read, length));
            }
            read += count;
        }
        return SecretBytes.wrap(payload);
    }
}
