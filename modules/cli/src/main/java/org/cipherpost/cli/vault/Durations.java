package org.cipherpost.cli.vault;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as people type them: {@code 90s}, {@code 15m}, {@code 1h30m}, {@code 2h}, {@code 1d}. */
final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(\\d{1,6}[smhd])+");
    private static final Pattern PART = Pattern.compile("(\\d{1,6})([smhd])");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param text such as {@code 15m}
     * @return duration
     * @throws IllegalArgumentException when the text is not a sequence of number-unit pairs
     */
    static Duration parse(final String text) {
        final String trimmed = text.strip();
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("Duration [%s] is not like 90s, 15m, 1h30m or 1d".formatted(text));
        }
        Duration total = Duration.ZERO;
        final Matcher part = PART.matcher(trimmed);
        while (part.find()) {
            final long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return total;
    }
}
