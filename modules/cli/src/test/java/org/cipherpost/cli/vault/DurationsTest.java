package org.cipherpost.cli.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations as typed on the command line. */
class DurationsTest {
    @ParameterizedTest
    @CsvSource({"90s,90", "15m,900", "1h30m,5400", "2h,7200", "1d,86400", "' 5m ',300"})
    void parses(final String text, final long seconds) {
        assertEquals(Duration.ofSeconds(seconds), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15", "m", "15x", "1.5h", "-5m", "PT15M", "15 m"})
    void refuses(final String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }
}
