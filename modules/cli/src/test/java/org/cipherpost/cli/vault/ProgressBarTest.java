package org.cipherpost.cli.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar's drawing and rate limit, with a fake clock. */
class ProgressBarTest {
    private static final long MIB = 1 << 20;

    @Test
    void drawsInPlaceAtMostEveryIntervalAndEndsTheLine() {
        final StringWriter text = new StringWriter();
        final AtomicLong nanos = new AtomicLong();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text), "attach", nanos::get, true, -1)) {
            bar.progress(0, 4 * MIB);
            bar.progress(MIB, 4 * MIB);
            nanos.addAndGet(ProgressBar.INTERVAL_MILLIS * 1_000_000);
            bar.progress(2 * MIB, 4 * MIB);
            bar.progress(4 * MIB, 4 * MIB);
        }
        final String drawn = text.toString();
        assertEquals(4, drawn.chars().filter(c -> c == '\r').count(), drawn);
        assertTrue(drawn.contains("\rattach [" + "#".repeat(15) + "-".repeat(15) + "]  50%    2.0/4.0 MiB"), drawn);
        assertTrue(drawn.endsWith("\rattach [" + "#".repeat(30) + "] 100%    4.0/4.0 MiB\n"), drawn);
    }

    @Test
    void theExpectedSizeStandsInForAnUnknownTotal() {
        final StringWriter text = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text), "attach", System::nanoTime, true, 2 * MIB)) {
            bar.progress(MIB, -1);
        }
        assertTrue(text.toString().startsWith("\rattach [" + "#".repeat(15) + "-".repeat(15) + "]  50%"), text::toString);
    }

    @Test
    void aDisabledBarDrawsNothing() {
        final StringWriter text = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text), "detach", System::nanoTime, false, 2 * MIB)) {
            bar.progress(MIB, 2 * MIB);
        }
        assertEquals("", text.toString());
    }

    @Test
    void smallTransfersAndNonTerminalsGetNoBar() {
        final StringWriter text = new StringWriter();
        try (ProgressBar bar = ProgressBar.forSize(new PrintWriter(text), "attach", ProgressBar.THRESHOLD - 1)) {
            bar.progress(1, ProgressBar.THRESHOLD - 1);
        }
        assertEquals("", text.toString());
    }
}
