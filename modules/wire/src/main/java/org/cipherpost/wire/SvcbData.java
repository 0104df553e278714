package org.cipherpost.wire;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * SVCB or HTTPS record data (RFC 9460): priority, target name and parameters as raw wire values by key.
 */
public final class SvcbData implements RecordData {
    /** IANA type code of SVCB. */
    public static final int TYPE_SVCB = 64;

    /** IANA type code of HTTPS. */
    public static final int TYPE_HTTPS = 65;

    private static final int MAX_U16 = 0xffff;

    private final boolean https;
    private final int priority;
    private final String target;
    private final SortedMap<Integer, byte[]> params;

    /**
     * Creates SVCB or HTTPS data.
     *
     * @param https true for an HTTPS record, false for SVCB
     * @param priority SvcPriority, 0 for alias mode
     * @param target TargetName without the final dot, {@code .} or empty for the owner name
     * @param params SvcParamKey to raw SvcParamValue wire bytes (for example key 3, port, as two bytes)
     */
    public SvcbData(final boolean https, final int priority, final String target, final Map<Integer, byte[]> params) {
        if (priority < 0 || priority > MAX_U16) {
            throw new IllegalArgumentException(String.format("SVCB priority [%d] outside [0, %d]", priority, MAX_U16));
        }
        Objects.requireNonNull(target, "SVCB target required");
        Objects.requireNonNull(params, "SVCB parameters required");
        final TreeMap<Integer, byte[]> copy = new TreeMap<>();
        for (final Map.Entry<Integer, byte[]> entry : params.entrySet()) {
            final int key = Objects.requireNonNull(entry.getKey(), "SVCB parameter key required");
            final byte[] value = Objects.requireNonNull(entry.getValue(), "SVCB parameter value required");
            if (key < 0 || key > MAX_U16 || value.length > MAX_U16) {
                throw new IllegalArgumentException(String.format("SVCB parameter [%d] out of range", key));
            }
            copy.put(key, value.clone());
        }
        this.https = https;
        this.priority = priority;
        this.target = target;
        this.params = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * Tells whether this is an HTTPS record rather than SVCB.
     *
     * @return true for HTTPS
     */
    public boolean https() {
        return https;
    }

    /**
     * Returns the SvcPriority.
     *
     * @return priority, 0 for alias mode
     */
    public int priority() {
        return priority;
    }

    /**
     * Returns the TargetName without the final dot ({@code .} for the root, meaning the owner name).
     *
     * @return target name
     */
    public String target() {
        return target;
    }

    /**
     * Returns a copy of the parameters in key order.
     *
     * @return SvcParamKey to raw value bytes
     */
    public SortedMap<Integer, byte[]> params() {
        final TreeMap<Integer, byte[]> copy = new TreeMap<>();
        params.forEach((key, value) -> copy.put(key, value.clone()));
        return copy;
    }

    /**
     * Returns the live parameter map for package code that will not modify the arrays.
     *
     * @return parameters, unmodifiable map
     */
    SortedMap<Integer, byte[]> unsafeParams() {
        return params;
    }

    @Override
    public int type() {
        return https ? TYPE_HTTPS : TYPE_SVCB;
    }

    @Override
    public boolean equals(final Object other) {
        if (!(other instanceof SvcbData that) || https != that.https || priority != that.priority
                || !target.equals(that.target) || !params.keySet().equals(that.params.keySet())) {
            return false;
        }
        for (final Map.Entry<Integer, byte[]> entry : params.entrySet()) {
            if (!Arrays.equals(entry.getValue(), that.params.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(https, priority, target);
        for (final Map.Entry<Integer, byte[]> entry : params.entrySet()) {
            hash = 31 * hash + entry.getKey() * 17 + Arrays.hashCode(entry.getValue());
        }
        return hash;
    }

    @Override
    public String toString() {
        return (https ? "HTTPS[" : "SVCB[") + priority + " " + target + " keys=" + params.keySet() + "]";
    }
}
