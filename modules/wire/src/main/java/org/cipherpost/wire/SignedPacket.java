package org.cipherpost.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SignatureException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.xbill.DNS.Name;

/**
 * A PKARR signed packet: DNS records signed by an Ed25519 key, as stored on the DHT as a BEP 44 mutable item.
 *
 * <pre>
 * SignedPacket = public-key(32) signature(64) timestamp(8, big-endian microseconds) dns-packet(at most 1000)
 * RelayPayload = signature(64) timestamp(8) dns-packet
 * signature over BEP 44 signable "3:seqi" timestamp "e1:v" len(dns-packet) ":" dns-packet (no salt)
 * DHT put: k = public-key, seq = timestamp, v = dns-packet (byte string), sig = signature
 * </pre>
 *
 * <p>Every instance has a verified signature and a parsed packet.
 */
public final class SignedPacket {
    /** Largest DNS packet, in bytes. */
    public static final int MAX_PACKET_BYTES = 1000;

    /** Bytes before the DNS packet in the canonical form. */
    public static final int HEADER_BYTES = 104;

    /** Bytes before the DNS packet in the relay payload. */
    public static final int RELAY_HEADER_BYTES = 72;

    private static final int SIGNATURE_OFFSET = 32;
    private static final int TIMESTAMP_OFFSET = 96;

    private final byte[] bytes;
    private final List<ResourceRecord> records;
    private final Name origin;

    private SignedPacket(final byte[] bytes, final List<ResourceRecord> records, final Name origin) {
        this.bytes = bytes;
        this.records = records;
        this.origin = origin;
    }

    /**
     * Signs records with the key of a seed, timestamped now.
     *
     * @param seed 32-byte Ed25519 seed
     * @param records records, names relative to the key's origin
     * @return signed packet
     * @throws PacketTooLargeException when the encoded packet is over 1000 bytes
     * @throws IOException when a record cannot be encoded
     */
    public static SignedPacket build(final SecretBytes seed, final List<ResourceRecord> records) throws IOException {
        return build(seed, records, nowMicros());
    }

    /**
     * Signs records with the key of a seed at the given timestamp.
     *
     * @param seed 32-byte Ed25519 seed
     * @param records records, names relative to the key's origin
     * @param timestampMicros UNIX time in microseconds, not negative; becomes the BEP 44 {@code seq}
     * @return signed packet
     * @throws PacketTooLargeException when the encoded packet is over 1000 bytes
     * @throws IOException when a record cannot be encoded
     */
    public static SignedPacket build(final SecretBytes seed, final List<ResourceRecord> records,
            final long timestampMicros) throws IOException {
        return build(seed, records, timestampMicros, true);
    }

    /**
     * Signs records, with or without name compression (plain names only to reproduce other encoders in tests).
     *
     * @param seed 32-byte Ed25519 seed
     * @param records records
     * @param timestampMicros timestamp in microseconds
     * @param compress true for name compression
     * @return signed packet
     * @throws IOException when the packet is too large or a record cannot be encoded
     */
    static SignedPacket build(final SecretBytes seed, final List<ResourceRecord> records, final long timestampMicros,
            final boolean compress) throws IOException {
        Objects.requireNonNull(seed, "Seed required");
        Objects.requireNonNull(records, "Records required");
        checkTimestamp(timestampMicros);
        final byte[] publicKey = Ed25519.publicKey(seed);
        final Name origin = RecordNames.origin(publicKey);
        final byte[] packet = DnsPacketCodec.encode(origin, List.copyOf(records), compress);
        if (packet.length > MAX_PACKET_BYTES) {
            throw new PacketTooLargeException(packet.length, MAX_PACKET_BYTES);
        }
        final byte[] signature = Ed25519.sign(seed, signable(timestampMicros, packet));
        final byte[] bytes = ByteBuffer.allocate(HEADER_BYTES + packet.length)
                .put(publicKey).put(signature).putLong(timestampMicros).put(packet).array();
        return new SignedPacket(bytes, DnsPacketCodec.decode(packet, origin), origin);
    }

    /**
     * Parses and verifies the canonical form {@code public-key | signature | timestamp | dns-packet}.
     *
     * @param bytes canonical bytes
     * @return verified packet
     * @throws PacketTooLargeException when the DNS packet is over 1000 bytes
     * @throws IOException when the bytes are too short, the timestamp is negative or the DNS packet is invalid
     * @throws SignatureException when the signature does not verify
     */
    public static SignedPacket parse(final byte[] bytes) throws IOException, SignatureException {
        Objects.requireNonNull(bytes, "Signed packet bytes required");
        if (bytes.length < HEADER_BYTES) {
            throw new IOException(String.format("Signed packet length [%d] less than minimum [%d]",
                    bytes.length, HEADER_BYTES));
        }
        final int packetLength = bytes.length - HEADER_BYTES;
        if (packetLength > MAX_PACKET_BYTES) {
            throw new PacketTooLargeException(packetLength, MAX_PACKET_BYTES);
        }
        final byte[] copy = bytes.clone();
        final byte[] publicKey = Arrays.copyOfRange(copy, 0, SIGNATURE_OFFSET);
        final byte[] signature = Arrays.copyOfRange(copy, SIGNATURE_OFFSET, TIMESTAMP_OFFSET);
        final long timestamp = ByteBuffer.wrap(copy, TIMESTAMP_OFFSET, Long.BYTES).getLong();
        checkTimestamp(timestamp);
        final byte[] packet = Arrays.copyOfRange(copy, HEADER_BYTES, copy.length);
        if (!Ed25519.verify(publicKey, signable(timestamp, packet), signature)) {
            throw new SignatureException("Signed packet signature not valid");
        }
        final Name origin = RecordNames.origin(publicKey);
        return new SignedPacket(copy, DnsPacketCodec.decode(packet, origin), origin);
    }

    /**
     * Parses and verifies a relay payload {@code signature | timestamp | dns-packet} for a known public key.
     *
     * @param publicKey 32-byte public key the payload was fetched for
     * @param payload relay payload
     * @return verified packet
     * @throws IOException when the payload is malformed or too large
     * @throws SignatureException when the signature does not verify
     */
    public static SignedPacket fromRelayPayload(final byte[] publicKey, final byte[] payload)
            throws IOException, SignatureException {
        PublicKeys.checkLength(publicKey);
        Objects.requireNonNull(payload, "Relay payload required");
        if (payload.length < RELAY_HEADER_BYTES) {
            throw new IOException(String.format("Relay payload length [%d] less than minimum [%d]",
                    payload.length, RELAY_HEADER_BYTES));
        }
        return parse(ByteBuffer.allocate(PublicKeys.KEY_LENGTH + payload.length).put(publicKey).put(payload).array());
    }

    /**
     * Verifies the fields of a BEP 44 mutable item as a PKARR packet (no salt; {@code v} is a byte string).
     *
     * @param publicKey {@code k}
     * @param seq {@code seq}, the timestamp
     * @param value {@code v}, the DNS packet
     * @param signature {@code sig}
     * @return verified packet
     * @throws IOException when a field is malformed or the packet too large
     * @throws SignatureException when the signature does not verify
     */
    public static SignedPacket fromBep44(final byte[] publicKey, final long seq, final byte[] value,
            final byte[] signature) throws IOException, SignatureException {
        Objects.requireNonNull(publicKey, "Public key required");
        Objects.requireNonNull(value, "Value required");
        Objects.requireNonNull(signature, "Signature required");
        if (publicKey.length != PublicKeys.KEY_LENGTH || signature.length != Bep44.SIGNATURE_LENGTH) {
            throw new IOException(String.format("Key length [%d] or signature length [%d] not valid",
                    publicKey.length, signature.length));
        }
        checkTimestamp(seq);
        return parse(ByteBuffer.allocate(HEADER_BYTES + value.length)
                .put(publicKey).put(signature).putLong(seq).put(value).array());
    }

    /**
     * Reads a verified mutable item as a PKARR packet.
     *
     * @param item item without salt whose value is a byte string
     * @return verified packet
     * @throws IOException when the item is salted, its value is not a byte string, or the packet is invalid
     */
    public static SignedPacket fromMutableItem(final MutableItem item) throws IOException {
        Objects.requireNonNull(item, "Mutable item required");
        if (item.salt().length != 0) {
            throw new IOException("Salted mutable item is not a PKARR packet");
        }
        if (!(item.value() instanceof BencodeBytes value)) {
            throw new IOException("Mutable item value is not a byte string");
        }
        try {
            return fromBep44(item.publicKey(), item.seq(), value.unsafeBytes(), item.signature());
        } catch (final SignatureException e) {
            throw new IllegalStateException("Verified mutable item failed verification", e);
        }
    }

    /**
     * Returns the signer's public key.
     *
     * @return 32 key bytes
     */
    public byte[] publicKey() {
        return Arrays.copyOfRange(bytes, 0, SIGNATURE_OFFSET);
    }

    /**
     * Returns the signer's public key in z-base-32, the packet's origin label.
     *
     * @return 52-character key
     */
    public String publicKeyZ32() {
        return PublicKeys.toZ32(publicKey());
    }

    /**
     * Returns the signature, the BEP 44 {@code sig}.
     *
     * @return 64 signature bytes
     */
    public byte[] signature() {
        return Arrays.copyOfRange(bytes, SIGNATURE_OFFSET, TIMESTAMP_OFFSET);
    }

    /**
     * Returns the timestamp, the BEP 44 {@code seq}.
     *
     * @return UNIX time in microseconds
     */
    public long timestamp() {
        return ByteBuffer.wrap(bytes, TIMESTAMP_OFFSET, Long.BYTES).getLong();
    }

    /**
     * Returns the encoded DNS packet, the BEP 44 {@code v}.
     *
     * @return packet bytes
     */
    public byte[] packet() {
        return Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length);
    }

    /**
     * Returns the answer records, names relative to the origin.
     *
     * @return unmodifiable records in packet order
     */
    public List<ResourceRecord> records() {
        return records;
    }

    /**
     * Returns the records with the given name ({@code @}, relative, or ending with the origin), in packet order.
     *
     * @param name record name
     * @return matching records
     * @throws IOException when the name is not a valid DNS name
     */
    public List<ResourceRecord> records(final String name) throws IOException {
        Objects.requireNonNull(name, "Record name required");
        final String wanted = RecordNames.relative(RecordNames.absolute(name, origin), origin).toLowerCase(Locale.ROOT);
        final List<ResourceRecord> matches = new ArrayList<>();
        for (final ResourceRecord record : records) {
            if (record.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                matches.add(record);
            }
        }
        return List.copyOf(matches);
    }

    /**
     * Returns the canonical form {@code public-key | signature | timestamp | dns-packet}.
     *
     * @return canonical bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Returns the relay payload {@code signature | timestamp | dns-packet}.
     *
     * @return payload bytes
     */
    public byte[] relayPayload() {
        return Arrays.copyOfRange(bytes, SIGNATURE_OFFSET, bytes.length);
    }

    /**
     * Returns this packet as the BEP 44 mutable item the DHT stores ({@code k}, {@code seq}, {@code v}, {@code sig}).
     *
     * @return mutable item without salt
     */
    public MutableItem toMutableItem() {
        return MutableItem.ofVerified(publicKey(), timestamp(), BencodeBytes.wrap(packet()), signature());
    }

    /**
     * Returns the DHT target of this packet's key: SHA-1 of the public key.
     *
     * @return 20-byte target
     */
    public byte[] target() {
        return Bep44.mutableTarget(publicKey(), null);
    }

    /**
     * Tells whether this packet supersedes another of the same key: a later timestamp wins, and on equal
     * timestamps the lexicographically larger DNS packet wins (as PKARR's {@code more_recent_than}).
     *
     * @param other packet of the same key
     * @return true when this packet is more recent
     */
    public boolean moreRecentThan(final SignedPacket other) {
        Objects.requireNonNull(other, "Other packet required");
        final int byTime = Long.compare(timestamp(), other.timestamp());
        if (byTime != 0) {
            return byTime > 0;
        }
        return Arrays.compareUnsigned(bytes, HEADER_BYTES, bytes.length,
                other.bytes, HEADER_BYTES, other.bytes.length) > 0;
    }

    /**
     * Returns the current time in microseconds since the UNIX epoch.
     *
     * @return timestamp in microseconds
     */
    static long nowMicros() {
        final Instant now = Instant.now();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000L);
    }

    private static byte[] signable(final long timestamp, final byte[] packet) {
        return Bep44.signable(null, timestamp, Bencode.encode(BencodeBytes.wrap(packet)));
    }

    private static void checkTimestamp(final long timestamp) throws IOException {
        if (timestamp < 0) {
            throw new IOException(String.format("Timestamp [%s] outside signed 64-bit range",
                    Long.toUnsignedString(timestamp)));
        }
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof SignedPacket that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SignedPacket[" + publicKeyZ32() + ", timestamp=" + timestamp() + ", " + records.size()
                + " records, " + (bytes.length - HEADER_BYTES) + " bytes]";
    }
}
