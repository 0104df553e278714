package org.cipherpost.wire;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Bencoded dictionary: {@code d<key><value>...e} with byte-string keys kept in raw-byte order.
 */
public final class BencodeDictionary implements BencodeValue {
    private final SortedMap<BencodeBytes, BencodeValue> entries;

    private BencodeDictionary(final TreeMap<BencodeBytes, BencodeValue> owned) {
        this.entries = Collections.unmodifiableSortedMap(owned);
    }

    /**
     * Returns a dictionary holding a sorted copy of the given entries.
     *
     * @param entries keys and values
     * @return bencoded dictionary
     */
    public static BencodeDictionary of(final Map<BencodeBytes, ? extends BencodeValue> entries) {
        Objects.requireNonNull(entries, "Dictionary entries required");
        final TreeMap<BencodeBytes, BencodeValue> copy = new TreeMap<>();
        for (final Map.Entry<BencodeBytes, ? extends BencodeValue> entry : entries.entrySet()) {
            copy.put(Objects.requireNonNull(entry.getKey(), "Dictionary key required"),
                    Objects.requireNonNull(entry.getValue(), "Dictionary value required"));
        }
        return new BencodeDictionary(copy);
    }

    /**
     * Returns a builder for a dictionary.
     *
     * @return empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the entries in key order.
     *
     * @return unmodifiable sorted entries
     */
    public SortedMap<BencodeBytes, BencodeValue> entries() {
        return entries;
    }

    /**
     * Returns the number of entries.
     *
     * @return entry count
     */
    public int size() {
        return entries.size();
    }

    /**
     * Returns the value under a key given as UTF-8 text.
     *
     * @param key key text
     * @return value when present
     */
    public Optional<BencodeValue> get(final String key) {
        return Optional.ofNullable(entries.get(BencodeBytes.utf8(key)));
    }

    /**
     * Returns the byte string under a key, failing when absent or of another type.
     *
     * @param key key text
     * @return byte string
     * @throws BencodeException when missing or not a byte string
     */
    public BencodeBytes requireBytes(final String key) throws BencodeException {
        return require(key, BencodeBytes.class, "byte string");
    }

    /**
     * Returns the integer under a key, failing when absent or of another type.
     *
     * @param key key text
     * @return integer value
     * @throws BencodeException when missing or not an integer
     */
    public long requireInteger(final String key) throws BencodeException {
        return require(key, BencodeInteger.class, "integer").value();
    }

    /**
     * Returns the dictionary under a key, failing when absent or of another type.
     *
     * @param key key text
     * @return nested dictionary
     * @throws BencodeException when missing or not a dictionary
     */
    public BencodeDictionary requireDictionary(final String key) throws BencodeException {
        return require(key, BencodeDictionary.class, "dictionary");
    }

    /**
     * Returns the list under a key, failing when absent or of another type.
     *
     * @param key key text
     * @return nested list
     * @throws BencodeException when missing or not a list
     */
    public BencodeList requireList(final String key) throws BencodeException {
        return require(key, BencodeList.class, "list");
    }

    private <T extends BencodeValue> T require(final String key, final Class<T> type, final String typeName)
            throws BencodeException {
        final BencodeValue value = entries.get(BencodeBytes.utf8(key));
        if (value == null) {
            throw new BencodeException(String.format("Dictionary key [%s] not found", key));
        }
        if (!type.isInstance(value)) {
            throw new BencodeException(String.format("Dictionary key [%s] is not a %s", key, typeName));
        }
        return type.cast(value);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof BencodeDictionary that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "BencodeDictionary" + entries;
    }

    /** Collects entries for a dictionary; later puts replace earlier ones under the same key. */
    public static final class Builder {
        private final TreeMap<BencodeBytes, BencodeValue> entries = new TreeMap<>();

        private Builder() {
        }

        /**
         * Adds an entry under a key given as UTF-8 text.
         *
         * @param key key text
         * @param value value
         * @return this builder
         */
        public Builder put(final String key, final BencodeValue value) {
            return put(BencodeBytes.utf8(Objects.requireNonNull(key, "Key required")), value);
        }

        /**
         * Adds an entry under a byte-string key.
         *
         * @param key key bytes
         * @param value value
         * @return this builder
         */
        public Builder put(final BencodeBytes key, final BencodeValue value) {
            entries.put(Objects.requireNonNull(key, "Key required"), Objects.requireNonNull(value, "Value required"));
            return this;
        }

        /**
         * Adds a byte-string entry.
         *
         * @param key key text
         * @param value content bytes, copied
         * @return this builder
         */
        public Builder put(final String key, final byte[] value) {
            return put(key, BencodeBytes.of(value));
        }

        /**
         * Adds an integer entry.
         *
         * @param key key text
         * @param value integer
         * @return this builder
         */
        public Builder put(final String key, final long value) {
            return put(key, BencodeInteger.of(value));
        }

        /**
         * Returns the dictionary built so far.
         *
         * @return bencoded dictionary
         */
        public BencodeDictionary build() {
            return new BencodeDictionary(new TreeMap<>(entries));
        }
    }
}
