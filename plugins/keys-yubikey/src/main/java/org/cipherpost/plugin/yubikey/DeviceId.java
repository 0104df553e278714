package org.cipherpost.plugin.yubikey;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device id: the YubiKey serial, the PIV slot and the slot's public point, as
 * {@code <serial>-<slot hex>-<base64url point>}; carrying the point lets the backend wrap without the card.
 *
 * @param serial YubiKey serial number
 * @param slot PIV slot (key reference), e.g. {@code 0x82}
 * @param point uncompressed P-256 public point
 */
record DeviceId(long serial, int slot, byte[] point) {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,10})-([0-9a-f]{2})-([A-Za-z0-9_-]{87})");

    /**
     * Validates and copies the components.
     *
     * @param serial serial
     * @param slot slot
     * @param point point
     */
    DeviceId {
        Objects.requireNonNull(point, "Point required");
        if (serial < 0 || serial > 0xffffffffL) {
            throw new IllegalArgumentException("Serial [" + serial + "] out of range");
        }
        if (slot < 0 || slot > 0xff) {
            throw new IllegalArgumentException("Slot [" + slot + "] out of range");
        }
        point = point.clone();
    }

    /**
     * Returns a copy of the point.
     *
     * @return point
     */
    @Override
    public byte[] point() {
        return point.clone();
    }

    /**
     * Parses an id.
     *
     * @param text id as {@link #toString()} gives it
     * @return the id
     * @throws GeneralSecurityException when malformed or the point is not valid
     */
    static DeviceId parse(final String text) throws GeneralSecurityException {
        Objects.requireNonNull(text, "Device ID required");
        final Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw new GeneralSecurityException("Device ID not of the form <serial>-<slot>-<point>");
        }
        final long serial = Long.parseLong(matcher.group(1));
        if (serial > 0xffffffffL) {
            throw new GeneralSecurityException("Serial [" + serial + "] out of range");
        }
        final byte[] point = P256.check(Base64.getUrlDecoder().decode(matcher.group(3)));
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(point).equals(matcher.group(3))) {
            throw new GeneralSecurityException("Device ID point not canonical base64url");
        }
        return new DeviceId(serial, HexFormat.fromHexDigits(matcher.group(2)), point);
    }

    /**
     * Returns the age recipient string shown to users: {@code cipherpost-piv-p256:<base64url point>}.
     *
     * @return recipient
     */
    String recipient() {
        return PivWrap.TYPE + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(point);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof DeviceId id && serial == id.serial && slot == id.slot
                && Arrays.equals(point, id.point);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serial, slot, Arrays.hashCode(point));
    }

    @Override
    public String toString() {
        return serial + "-" + HexFormat.of().toHexDigits((byte) slot) + "-"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(point);
    }
}
