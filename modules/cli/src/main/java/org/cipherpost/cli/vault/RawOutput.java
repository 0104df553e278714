package org.cipherpost.cli.vault;

import org.cipherpost.cli.BinaryPrintWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.cipherpost.cli.CliContext;

/**
 * Standard output as bytes, for secrets and file contents that must never pass through a String or a character
 * decoder: the stream behind a {@link BinaryPrintWriter}, else the process's standard output (where the CLI's text
 * writer also ends up), after flushing the text written so far.
 */
final class RawOutput {
    private RawOutput() {
    }

    /**
     * Returns standard output as bytes; closing the result flushes it and leaves standard output open.
     *
     * @param context command context
     * @return byte stream
     */
    @SuppressWarnings("resource")
    static OutputStream of(final CliContext context) {
        context.out().flush();
        final OutputStream target = context.out() instanceof BinaryPrintWriter binary ? binary.stream() : System.out;
        return new FilterOutputStream(target) {
            @Override
            public void write(final byte[] bytes, final int offset, final int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
