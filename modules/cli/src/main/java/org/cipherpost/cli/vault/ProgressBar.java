package org.cipherpost.cli.vault;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.cipherpost.vault.ProgressListener;

/**
 * A one-line progress bar on stderr, redrawn in place at most every {@value #INTERVAL_MILLIS} ms:
 * {@code attach [##########----------]  50%   1.5/3.0 MiB}. Ours rather than a library's: no terminal library,
 * no native code, nothing extracted to disk.
 */
final class ProgressBar implements ProgressListener, AutoCloseable {
    /** Files smaller than this get no bar. */
    static final long THRESHOLD = 1 << 20;

    /** Least time between two redraws. */
    static final long INTERVAL_MILLIS = 100;

    private static final int WIDTH = 30;
    private static final double MIB = 1 << 20;

    private final PrintWriter err;
    private final String label;
    private final LongSupplier nanoTime;
    private final boolean enabled;
    private final long expected;
    private long lastDraw = Long.MIN_VALUE;
    private long lastDone = -1;
    private long lastTotal = -1;
    private boolean drawn;

    /**
     * Creates a bar.
     *
     * @param err where to draw
     * @param label word shown before the bar
     * @param nanoTime clock, {@link System#nanoTime} outside tests
     * @param enabled false for a bar that never draws
     * @param expected size to show when the transfer reports none, or -1
     */
    ProgressBar(final PrintWriter err, final String label, final LongSupplier nanoTime, final boolean enabled,
            final long expected) {
        this.err = Objects.requireNonNull(err, "Writer required");
        this.label = Objects.requireNonNull(label, "Label required");
        this.nanoTime = Objects.requireNonNull(nanoTime, "Clock required");
        this.enabled = enabled;
        this.expected = expected;
    }

    /**
     * Returns a bar when stderr is a terminal and the size reaches the threshold, else a listener that draws nothing.
     *
     * @param err stderr writer
     * @param label word shown before the bar
     * @param size expected size, or -1 when unknown
     * @return listener, to be closed when the transfer ends
     */
    static ProgressBar forSize(final PrintWriter err, final String label, final long size) {
        return new ProgressBar(err, label, System::nanoTime, size >= THRESHOLD && Terminals.isTerminal(2), size);
    }

    @Override
    public synchronized void progress(final long done, final long reported) {
        if (!enabled) {
            return;
        }
        final long total = reported > 0 ? reported : expected;
        lastDone = done;
        lastTotal = total;
        final long now = nanoTime.getAsLong() / 1_000_000;
        if (drawn && now - lastDraw < INTERVAL_MILLIS && done != total) {
            return;
        }
        lastDraw = now;
        draw(done, total);
    }

    /** Draws the final state and ends the line, if anything was drawn; later calls do nothing. */
    synchronized void finish() {
        if (drawn) {
            draw(lastDone, lastTotal);
            err.print('\n');
            err.flush();
            drawn = false;
        }
    }

    /** Finishes the bar. */
    @Override
    public void close() {
        finish();
    }

    /** Draws the line. */
    private void draw(final long done, final long total) {
        final StringBuilder line = new StringBuilder("\r").append(label).append(' ');
        if (total > 0) {
            final double fraction = Math.min(1.0, (double) done / total);
            final int filled = (int) Math.round(fraction * WIDTH);
            line.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append(']')
                    .append(String.format(Locale.ROOT, " %3d%% %6.1f/%.1f MiB", Math.round(fraction * 100), done / MIB, total / MIB));
        } else {
            line.append(String.format(Locale.ROOT, "%.1f MiB", done / MIB));
        }
        err.print(line);
        err.flush();
        drawn = true;
    }
}
