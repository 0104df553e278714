package org.cipherpost.wire;

/**
 * A bencoded value (BEP 3): an integer, a byte string, a list or a dictionary.
 *
 * <p>Values are immutable. Byte strings are bytes, never text; dictionaries keep their keys sorted
 * as raw bytes, so {@link Bencode#encode(BencodeValue)} always writes the canonical form.
 */
public sealed interface BencodeValue permits BencodeInteger, BencodeBytes, BencodeList, BencodeDictionary {
}
