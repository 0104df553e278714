package org.cipherpost.dht;

import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Outcome of a BEP 44 {@code put}: how many of the closest nodes that issued write tokens stored the item.
 *
 * @param target 20-byte target the item is stored under
 * @param attempted number of nodes the {@code put} was sent to
 * @param stored number of nodes that confirmed storing the item
 * @param timedOut number of nodes that did not answer in time
 * @param errors KRPC error codes returned (such as 301 or 302) and how many nodes returned each
 */
public record PutResult(byte[] target, int attempted, int stored, int timedOut, SortedMap<Integer, Integer> errors) {

    /**
     * Copies and checks the fields.
     *
     * @param target 20-byte target
     * @param attempted nodes asked
     * @param stored nodes that stored the item
     * @param timedOut nodes that did not answer
     * @param errors error codes and counts
     */
    public PutResult {
        Objects.requireNonNull(target, "Target required");
        Objects.requireNonNull(errors, "Errors required");
        if (attempted < 0 || stored < 0 || timedOut < 0) {
            throw new IllegalArgumentException(String.format("Counts [%d, %d, %d] negative", attempted, stored,
                    timedOut));
        }
        target = target.clone();
        errors = Collections.unmodifiableSortedMap(new TreeMap<>(errors));
    }

    /**
     * Returns a copy of the target.
     *
     * @return 20 target bytes
     */
    @Override
    public byte[] target() {
        return target.clone();
    }

    /**
     * Returns how many nodes answered with the given KRPC error code.
     *
     * @param code error code such as {@link DhtException#CAS_MISMATCH}
     * @return count, 0 when none
     */
    public int errors(final int code) {
        return errors.getOrDefault(code, 0);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PutResult that && Arrays.equals(target, that.target) && attempted == that.attempted
                && stored == that.stored && timedOut == that.timedOut && errors.equals(that.errors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(target), attempted, stored, timedOut, errors);
    }

    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder("PutResult[target=").append(HexFormat.of().formatHex(target))
                .append(", attempted=").append(attempted).append(", stored=").append(stored)
                .append(", timedOut=").append(timedOut).append(", errors={");
        String separator = "";
        for (final Map.Entry<Integer, Integer> entry : errors.entrySet()) {
            text.append(separator).append(entry.getKey()).append('=').append(entry.getValue());
            separator = ", ";
        }
        return text.append("}]").toString();
    }
}
