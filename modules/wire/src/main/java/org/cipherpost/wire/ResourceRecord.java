package org.cipherpost.wire;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * One resource record of a PKARR packet, with its name relative to the signing key's origin.
 *
 * <p>Names: {@code "@"} (or empty) is the origin itself, {@code "_foo"} is stored as {@code _foo.<z32 key>.};
 * a name that already ends with the origin is kept. Records read from a packet carry relative names, or an
 * absolute name with a final dot when the record lies outside the origin. Class is always IN.
 *
 * @param name owner name relative to the origin
 * @param ttl time to live in seconds, 0 to 2^32-1
 * @param data record type and data
 */
public record ResourceRecord(String name, long ttl, RecordData data) {
    /** Name of the origin (the public key's z-base-32 label) itself. */
    public static final String ORIGIN = "@";

    private static final long MAX_TTL = 0xffffffffL;

    /**
     * Checks the fields.
     *
     * @param name owner name
     * @param ttl time to live in seconds
     * @param data record data
     */
    public ResourceRecord {
        Objects.requireNonNull(name, "Record name required");
        Objects.requireNonNull(data, "Record data required");
        if (ttl < 0 || ttl > MAX_TTL) {
            throw new IllegalArgumentException(String.format("TTL [%d] outside [0, %d]", ttl, MAX_TTL));
        }
    }

    /**
     * Returns a TXT record holding UTF-8 text.
     *
     * @param name owner name
     * @param ttl time to live in seconds
     * @param text value text
     * @return record
     */
    public static ResourceRecord txt(final String name, final long ttl, final String text) {
        Objects.requireNonNull(text, "TXT text required");
        return new ResourceRecord(name, ttl, new TxtData(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Returns a TXT record holding bytes; values over 255 bytes are split into several character-strings.
     *
     * @param name owner name
     * @param ttl time to live in seconds
     * @param value value bytes
     * @return record
     */
    public static ResourceRecord txt(final String name, final long ttl, final byte[] value) {
        return new ResourceRecord(name, ttl, new TxtData(value));
    }

    /**
     * Returns an A record for an IPv4 address or an AAAA record for an IPv6 address.
     *
     * @param name owner name
     * @param ttl time to live in seconds
     * @param address address
     * @return record
     */
    public static ResourceRecord address(final String name, final long ttl, final InetAddress address) {
        return new ResourceRecord(name, ttl, new AddressData(address));
    }

    /**
     * Returns a CNAME record.
     *
     * @param name owner name
     * @param ttl time to live in seconds
     * @param target canonical name, absolute
     * @return record
     */
    public static ResourceRecord cname(final String name, final long ttl, final String target) {
        return new ResourceRecord(name, ttl, new CnameData(target));
    }

    /**
     * Returns an HTTPS record.
     *
     * @param name owner name
     * @param ttl time to live in seconds
     * @param priority SvcPriority, 0 for alias mode
     * @param target TargetName, {@code .} for the owner name
     * @param params SvcParamKey to raw value bytes
     * @return record
     */
    public static ResourceRecord https(final String name, final long ttl, final int priority, final String target,
            final Map<Integer, byte[]> params) {
        return new ResourceRecord(name, ttl, new SvcbData(true, priority, target, params));
    }

    /**
     * Returns an SVCB record.
     *
     * @param name owner name
     * @param ttl time to live in seconds
     * @param priority SvcPriority, 0 for alias mode
     * @param target TargetName, {@code .} for the owner name
     * @param params SvcParamKey to raw value bytes
     * @return record
     */
    public static ResourceRecord svcb(final String name, final long ttl, final int priority, final String target,
            final Map<Integer, byte[]> params) {
        return new ResourceRecord(name, ttl, new SvcbData(false, priority, target, params));
    }
}
