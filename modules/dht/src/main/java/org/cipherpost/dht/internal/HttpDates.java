package org.cipherpost.dht.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * HTTP dates ({@code Fri, 18 Oct 2024 13:24:21 GMT}) for a relay's {@code Last-Modified} and
 * {@code If-Modified-Since}: whole seconds, so a packet's microsecond timestamp is rounded down.
 */
final class HttpDates {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /**
     * Formats a packet timestamp as an HTTP date.
     *
     * @param micros UNIX time in microseconds
     * @return HTTP date of the whole second
     */
    static String format(final long micros) {
        return FORMAT.format(Instant.ofEpochSecond(seconds(micros)));
    }

    /**
     * Formats an instant as an HTTP date.
     *
     * @param instant instant
     * @return HTTP date of the whole second
     */
    static String format(final Instant instant) {
        return FORMAT.format(Instant.ofEpochSecond(instant.getEpochSecond()));
    }

    /**
     * Parses an HTTP date; invalid dates are ignored, as HTTP asks of {@code If-Modified-Since}.
     *
     * @param text header value, or null
     * @return UNIX seconds, or empty when absent or invalid
     */
    static OptionalLong parseSeconds(final String text) {
        if (text == null || text.length() > 64) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Instant.from(FORMAT.parse(text.strip())).getEpochSecond());
        } catch (final DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Returns the whole seconds of a microsecond timestamp.
     *
     * @param micros UNIX time in microseconds, not negative
     * @return UNIX seconds
     */
    static long seconds(final long micros) {
        return micros / 1_000_000L;
    }
}
