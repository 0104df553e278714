package org.cipherpost.blob;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.BencodeException;
import org.cipherpost.wire.BencodeValue;

/**
 * What a signed share record carries about a large payload: the ciphertext's size and SHA-256 and where it is.
 *
 * <p>Wire form (bencoded dictionary):
 * <pre>
 * d 1:h 32:&lt;SHA-256 of the age ciphertext&gt; 1:l &lt;n&gt;:&lt;locator URI, UTF-8&gt; 1:s i&lt;bytes&gt;e 1:v i1e e
 * </pre>
 *
 * @param size ciphertext bytes, at least 1
 * @param sha256 32-byte SHA-256 of the ciphertext
 * @param locator absolute {@code http} or {@code https} URI of the blob
 */
public record BlobManifest(long size, byte[] sha256, URI locator) {
    /** Manifest format version. */
    public static final int VERSION = 1;

    /** Length of the hash. */
    static final int SHA256_BYTES = 32;

    private static final int MAX_LOCATOR_BYTES = 512;

    /**
     * Checks and copies the fields.
     *
     * @param size ciphertext bytes
     * @param sha256 ciphertext hash
     * @param locator blob URI
     */
    public BlobManifest {
        Objects.requireNonNull(sha256, "SHA-256 required");
        Objects.requireNonNull(locator, "Locator required");
        if (size < 1 || sha256.length != SHA256_BYTES) {
            throw new IllegalArgumentException(String.format("Blob size [%d] or hash length [%d] invalid", size,
                    sha256.length));
        }
        if (!locator.isAbsolute() || !("https".equals(locator.getScheme()) || "http".equals(locator.getScheme()))
                || locator.getRawAuthority() == null || locator.getRawUserInfo() != null
                || locator.toString().length() > MAX_LOCATOR_BYTES) {
            throw new IllegalArgumentException(String.format("Blob locator [%s] not an absolute http(s) URI",
                    locator));
        }
        sha256 = sha256.clone();
    }

    /**
     * Returns a copy of the ciphertext hash.
     *
     * @return 32 bytes
     */
    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /**
     * Encodes the manifest.
     *
     * @return bencoded dictionary
     */
    public byte[] encode() {
        return Bencode.encode(BencodeDictionary.builder().put("h", sha256)
                .put("l", locator.toString().getBytes(StandardCharsets.UTF_8)).put("s", size).put("v", VERSION)
                .build());
    }

    /**
     * Decodes and checks a manifest; unknown keys and other versions are refused.
     *
     * @param encoded bencoded dictionary
     * @return manifest
     * @throws BencodeException when the bytes are not a valid manifest
     */
    public static BlobManifest decode(final byte[] encoded) throws BencodeException {
        Objects.requireNonNull(encoded, "Encoded manifest required");
        if (encoded.length > MAX_LOCATOR_BYTES + 128) {
            throw new BencodeException(String.format("Manifest length [%d] too large", encoded.length));
        }
        final BencodeValue value = Bencode.decode(encoded);
        if (!(value instanceof BencodeDictionary dictionary) || dictionary.size() != 4) {
            throw new BencodeException("Manifest not a dictionary of [4] entries");
        }
        if (dictionary.requireInteger("v") != VERSION) {
            throw new BencodeException("Manifest version not supported");
        }
        try {
            return new BlobManifest(dictionary.requireInteger("s"), dictionary.requireBytes("h").bytes(),
                    new URI(new String(dictionary.requireBytes("l").bytes(), StandardCharsets.UTF_8)));
        } catch (final URISyntaxException | IllegalArgumentException e) {
            throw new BencodeException("Manifest field invalid: " + e.getMessage());
        }
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof BlobManifest that && size == that.size && Arrays.equals(sha256, that.sha256)
                && locator.equals(that.locator);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, Arrays.hashCode(sha256), locator);
    }

    @Override
    public String toString() {
        return "BlobManifest[size=" + size + ", sha256=" + HexFormat.of().formatHex(sha256) + ", locator=" + locator
                + "]";
    }
}
