package org.cipherpost.cli.handoff;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text helpers: durations in and out. */
final class Printables {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd]?)");

    private Printables() {
    }

    /**
     * Parses a duration such as {@code 90s}, {@code 30m}, {@code 24h} or {@code 7d} (bare numbers are seconds).
     *
     * @param text duration text
     * @return seconds, positive, or -1 when the text is not a duration
     */
    static long seconds(final String text) {
        final Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            return -1;
        }
        final long amount = Long.parseLong(matcher.group(1));
        final long unit = switch (matcher.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> 1;
        };
        return amount * unit;
    }

    /**
     * Formats what remains until an instant, such as {@code 23h 59m}.
     *
     * @param now now
     * @param until end
     * @return remaining time
     */
    static String remaining(final Instant now, final Instant until) {
        final Duration left = Duration.between(now, until);
        if (left.isNegative() || left.isZero()) {
            return "expired";
        }
        if (left.toDays() > 0) {
            return left.toDays() + "d " + left.toHoursPart() + "h";
        }
        if (left.toHours() > 0) {
            return left.toHours() + "h " + left.toMinutesPart() + "m";
        }
        return left.toMinutes() + "m " + left.toSecondsPart() + "s";
    }
}
