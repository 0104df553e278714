package org.cipherpost.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A UTF-8 {@link PrintWriter} over a byte stream that vault commands can also write raw bytes to: give one to a
 * {@link org.cipherpost.cli.CliContext} to capture what {@code show} and {@code export} write (see {@link RawOutput}).
 */
public final class BinaryPrintWriter extends PrintWriter {
    private final OutputStream stream;

    /**
     * Creates the writer.
     *
     * @param stream byte stream both text and raw bytes go to
     */
    public BinaryPrintWriter(final OutputStream stream) {
        super(new OutputStreamWriter(Objects.requireNonNull(stream, "Stream required"), StandardCharsets.UTF_8), true);
        this.stream = stream;
    }

    /**
     * Returns the byte stream, after flushing the text written so far.
     *
     * @return byte stream
     */
    public OutputStream stream() {
        flush();
        return stream;
    }
}
