package org.cipherpost.cli.handoff;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongConsumer;

/** A one-line progress bar on standard error, redrawn with a carriage return when the percentage changes, at most every 200 ms. */
final class ProgressBar implements LongConsumer {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private long lastDrawn = -1;
    private long lastTime;
    private boolean drawn;

    /**
     * Creates a bar.
     *
     * @param err standard error
     * @param label what is moving, such as {@code "upload"}
     * @param total bytes expected
     */
    ProgressBar(final PrintWriter err, final String label, final long total) {
        this.err = Objects.requireNonNull(err, "Standard error required");
        this.label = Objects.requireNonNull(label, "Label required");
        this.total = Math.max(1, total);
    }

    @Override
    public synchronized void accept(final long done) {
        final long now = System.nanoTime();
        final long percent = Math.min(100, done * 100 / total);
        if (drawn && done < total && (percent == lastDrawn * 100 / total || now - lastTime < REDRAW_NANOS)) {
            return;
        }
        lastDrawn = done;
        lastTime = now;
        drawn = true;
        final int filled = (int) (percent * WIDTH / 100);
        err.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%% %s / %s", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), percent, size(done), size(total)));
        err.flush();
    }

    /** Ends the line when anything was drawn. */
    synchronized void finish() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }

    /**
     * Formats a byte count for people.
     *
     * @param bytes bytes
     * @return such as {@code 12.3 MiB}
     */
    static String size(final long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        final String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
