package org.cipherpost.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

class SignedPacketTest {
    private static final long FIXTURE_TIMESTAMP = 1_700_000_000_000_000L;
    private static final String FIXTURE_Z32 = "yqooxx9u3aemh8mo5wcqq16yufu6jitouq1o4za751dger1igghy";

    private static SecretBytes fixtureSeed() {
        final byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) i;
        }
        return SecretBytes.wrap(seed);
    }

    private static List<ResourceRecord> fixtureRecords() throws IOException {
        final byte[] long300 = new byte[300];
        Arrays.fill(long300, 0, 255, (byte) 'a');
        Arrays.fill(long300, 255, 300, (byte) 'b');
        return List.of(
                ResourceRecord.txt("_foo", 300, "hello pkarr"),
                ResourceRecord.address("@", 300, InetAddress.getByName("104.21.59.30")),
                ResourceRecord.address("@", 300, InetAddress.getByName("2606:4700::6815:3b1e")),
                ResourceRecord.cname("www", 3600, "example.com"),
                ResourceRecord.txt("_long", 60, long300));
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = SignedPacketTest.class.getResourceAsStream("pkarr-js-1.3.0.bin")) {
            if (in == null) {
                throw new IOException("fixture pkarr-js-1.3.0.bin missing");
            }
            return in.readAllBytes();
        }
    }

    @Test
    void parsesAndVerifiesPacketFromPkarrJs() throws Exception {
        final SignedPacket packet = SignedPacket.parse(fixture());
        assertEquals(FIXTURE_Z32, packet.publicKeyZ32());
        assertEquals(FIXTURE_TIMESTAMP, packet.timestamp());
        assertEquals(694, packet.packet().length);
        assertEquals(fixtureRecords(), packet.records());
        assertEquals(List.of(ResourceRecord.txt("_foo", 300, "hello pkarr")), packet.records("_foo"));
        assertEquals(packet.records("_foo"), packet.records("_foo." + FIXTURE_Z32 + "."));
        assertEquals(2, packet.records("@").size());
        assertEquals(2, packet.records("").size());
        assertEquals(List.of(), packet.records("_bar"));
    }

    @Test
    void reproducesPkarrJsPacketByteForByte() throws Exception {
        try (SecretBytes seed = fixtureSeed()) {
            final SignedPacket ours = SignedPacket.build(seed, fixtureRecords(), FIXTURE_TIMESTAMP, false);
            assertArrayEquals(fixture(), ours.bytes());
        }
    }

    @Test
    void compressesNames() throws Exception {
        try (SecretBytes seed = fixtureSeed()) {
            final SignedPacket compressed = SignedPacket.build(seed, fixtureRecords(), FIXTURE_TIMESTAMP);
            // Four repeats of the 52-character origin (and "example.com" once) collapse to 2-byte pointers.
            assertTrue(compressed.packet().length < 694 - 4 * 50, "compressed size " + compressed.packet().length);
            assertEquals(fixtureRecords(), compressed.records());
            assertEquals(compressed, SignedPacket.parse(compressed.bytes()));
            assertNotEquals(SignedPacket.parse(fixture()), compressed);
        }
    }

    @Test
    void compressedEncodingIsStableAndReadByPkarrJs() throws Exception {
        final byte[] golden;
        try (InputStream in = SignedPacketTest.class.getResourceAsStream("cipherpost-compressed.bin")) {
            golden = in.readAllBytes();
        }
        final byte[] q300 = new byte[300];
        Arrays.fill(q300, (byte) 'q');
        try (SecretBytes seed = fixtureSeed()) {
            final SignedPacket ours = SignedPacket.build(seed, List.of(
                    ResourceRecord.txt("_cipherpost", 300, "hello from java"),
                    ResourceRecord.address("@", 300, InetAddress.getByName("104.21.59.30")),
                    ResourceRecord.cname("www", 3600, "example.com"),
                    ResourceRecord.cname("www2", 3600, "www." + FIXTURE_Z32),
                    ResourceRecord.txt("_big", 60, q300)), FIXTURE_TIMESTAMP + 1);
            assertArrayEquals(golden, ours.bytes());
            assertEquals(487, ours.packet().length);
        }
    }

    @Test
    void relayPayloadBothWays() throws Exception {
        final byte[] fixture = fixture();
        final SignedPacket packet = SignedPacket.parse(fixture);
        final byte[] payload = Arrays.copyOfRange(fixture, 32, fixture.length);
        assertArrayEquals(payload, packet.relayPayload());
        assertEquals(packet, SignedPacket.fromRelayPayload(packet.publicKey(), payload));
        final byte[] otherKey = packet.publicKey();
        otherKey[0] ^= 1;
        assertThrows(SignatureException.class, () -> SignedPacket.fromRelayPayload(otherKey, payload));
        assertThrows(IOException.class, () -> SignedPacket.fromRelayPayload(packet.publicKey(), new byte[71]));
    }

    @Test
    void everyFlippedByteFails() throws Exception {
        final byte[] fixture = fixture();
        for (int i = 0; i < fixture.length; i++) {
            final byte[] flipped = fixture.clone();
            flipped[i] ^= (byte) (i == 96 ? 0x01 : 0x80);
            try {
                SignedPacket.parse(flipped);
                fail("flipped byte " + i + " accepted");
            } catch (final SignatureException expected) {
                assertEquals("Signed packet signature not valid", expected.getMessage());
            }
        }
        final byte[] negative = fixture.clone();
        negative[96] ^= (byte) 0x80;
        assertTrue(assertThrows(IOException.class, () -> SignedPacket.parse(negative)).getMessage()
                .contains("Timestamp"));
        assertThrows(IOException.class, () -> SignedPacket.parse(Arrays.copyOf(fixture, 103)));
        assertThrows(SignatureException.class, () -> SignedPacket.parse(Arrays.copyOf(fixture, 104)));
    }

    @Test
    void rejectsPacketsOverLimit() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final int fits = largestTxtThatFits(seed);
            final SignedPacket full = SignedPacket.build(seed, List.of(ResourceRecord.txt("_big", 60, new byte[fits])));
            assertEquals(SignedPacket.MAX_PACKET_BYTES, full.packet().length);
            assertEquals(full, SignedPacket.parse(full.bytes()));
            final PacketTooLargeException over = assertThrows(PacketTooLargeException.class, () ->
                    SignedPacket.build(seed, List.of(ResourceRecord.txt("_big", 60, new byte[fits + 1]))));
            assertEquals(SignedPacket.MAX_PACKET_BYTES + 1, over.size());
            assertEquals(SignedPacket.MAX_PACKET_BYTES, over.limit());
            assertEquals("DNS packet size [1001] greater than limit [1000] bytes", over.getMessage());
            final byte[] tooLong = Arrays.copyOf(full.bytes(), full.bytes().length + 1);
            assertEquals(1001, assertThrows(PacketTooLargeException.class, () -> SignedPacket.parse(tooLong)).size());
        }
    }

    /** Finds the TXT length whose packet is exactly 1000 bytes (each 255-byte chunk adds a length byte). */
    private static int largestTxtThatFits(final SecretBytes seed) throws IOException {
        final org.xbill.DNS.Name origin = RecordNames.origin(Ed25519.publicKey(seed));
        for (int length = 1000; length > 0; length--) {
            final byte[] packet = DnsPacketCodec.encode(origin,
                    List.of(ResourceRecord.txt("_big", 60, new byte[length])), true);
            if (packet.length == SignedPacket.MAX_PACKET_BYTES) {
                return length;
            }
        }
        throw new IllegalStateException("no TXT length gives exactly 1000 bytes");
    }

    @Test
    void ordersByTimestampThenPacketBytes() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final List<ResourceRecord> records = List.of(ResourceRecord.txt("_a", 60, "x"));
            final SignedPacket earlier = SignedPacket.build(seed, records, 1_000_000L);
            final SignedPacket later = SignedPacket.build(seed, records, 1_000_001L);
            assertTrue(later.moreRecentThan(earlier));
            assertFalse(earlier.moreRecentThan(later));
            assertFalse(later.moreRecentThan(later));
            final SignedPacket tieX = SignedPacket.build(seed, List.of(ResourceRecord.txt("_a", 60, "x")), 5L);
            final SignedPacket tieY = SignedPacket.build(seed, List.of(ResourceRecord.txt("_a", 60, "y")), 5L);
            assertTrue(Arrays.compareUnsigned(tieY.packet(), tieX.packet()) > 0);
            assertTrue(tieY.moreRecentThan(tieX));
            assertFalse(tieX.moreRecentThan(tieY));
            final SignedPacket earlierButLarger = SignedPacket.build(seed, List.of(ResourceRecord.txt("_a", 60, "z")),
                    4L);
            assertTrue(tieX.moreRecentThan(earlierButLarger));
        }
    }

    @Test
    void timestampsDefaultToNowInMicroseconds() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final long before = SignedPacket.nowMicros();
            final SignedPacket packet = SignedPacket.build(seed, List.of());
            final long after = SignedPacket.nowMicros();
            assertTrue(packet.timestamp() >= before && packet.timestamp() <= after);
            assertTrue(before > 1_600_000_000_000_000L, "microseconds, not milliseconds");
            assertEquals(List.of(), packet.records());
            assertThrows(IOException.class, () -> SignedPacket.build(seed, List.of(), -1L));
        }
    }

    @Test
    void normalizesNamesToTheOrigin() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final String z32 = PublicKeys.toZ32(Ed25519.publicKey(seed));
            final SignedPacket packet = SignedPacket.build(seed, List.of(
                    ResourceRecord.txt("@", 1, "a"),
                    ResourceRecord.txt("", 1, "b"),
                    ResourceRecord.txt("_foo", 1, "c"),
                    ResourceRecord.txt("_foo." + z32, 1, "d"),
                    ResourceRecord.txt("_foo." + z32 + ".", 1, "e"),
                    ResourceRecord.txt("x._foo", 1, "f"),
                    ResourceRecord.txt(z32.toUpperCase(java.util.Locale.ROOT), 1, "g")));
            assertEquals(List.of("@", "@", "_foo", "_foo", "_foo", "x._foo", "@"),
                    packet.records().stream().map(ResourceRecord::name).toList());
            final Message message = new Message(packet.packet());
            assertEquals("_foo." + z32 + ".", message.getSection(Section.ANSWER).get(2).getName().toString());
            assertEquals("example.com.", RecordNames.relative(org.xbill.DNS.Name.fromString("example.com."),
                    RecordNames.origin(packet.publicKey())));
            assertThrows(IOException.class, () -> SignedPacket.build(seed,
                    List.of(ResourceRecord.txt("x".repeat(64), 1, "label too long"))));
        }
    }

    @Test
    void splitsLongTxtValuesAndJoinsThem() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final byte[] value = new byte[600];
            for (int i = 0; i < value.length; i++) {
                value[i] = (byte) i;
            }
            final SignedPacket packet = SignedPacket.build(seed, List.of(ResourceRecord.txt("_v", 60, value),
                    ResourceRecord.txt("_empty", 60, new byte[0])));
            final TXTRecord txt = (TXTRecord) new Message(packet.packet()).getSection(Section.ANSWER).get(0);
            assertEquals(List.of(255, 255, 90), txt.getStringsAsByteArrays().stream().map(s -> s.length).toList());
            assertArrayEquals(value, ((TxtData) packet.records("_v").get(0).data()).value());
            assertArrayEquals(new byte[0], ((TxtData) packet.records("_empty").get(0).data()).value());
        }
    }

    @Test
    void roundTripsHttpsSvcbAndCname() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final List<ResourceRecord> records = List.of(
                    ResourceRecord.https("@", 300, 1, ".", Map.of(1, new byte[] {2, 'h', '2'},
                            3, new byte[] {0x01, (byte) 0xbb})),
                    ResourceRecord.svcb("_svc", 60, 0, "example.com", Map.of()),
                    ResourceRecord.cname("alias", 60, "target.example.org."),
                    ResourceRecord.address("v4", 60, InetAddress.getByName("127.0.0.1")));
            final SignedPacket packet = SignedPacket.parse(SignedPacket.build(seed, records).bytes());
            assertEquals(SvcbData.TYPE_HTTPS, packet.records().get(0).data().type());
            assertEquals(records.get(0), packet.records().get(0));
            assertEquals(records.get(1), packet.records().get(1));
            assertEquals(ResourceRecord.cname("alias", 60, "target.example.org"), packet.records().get(2));
            assertEquals(records.get(3), packet.records().get(3));
            assertEquals(AddressData.TYPE_A, packet.records().get(3).data().type());
        }
    }

    @Test
    void keepsOtherRecordTypesRawAndRejectsBadData() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final ResourceRecord privateUse = new ResourceRecord("_x", 60, new UnknownData(65280, new byte[] {1, 2, 3}));
            assertEquals(List.of(privateUse), SignedPacket.build(seed, List.of(privateUse)).records());
            final IOException shortA = assertThrows(IOException.class, () -> SignedPacket.build(seed,
                    List.of(new ResourceRecord("_x", 60, new UnknownData(AddressData.TYPE_A, new byte[3])))));
            assertTrue(shortA.getMessage().contains("[1]"), shortA.getMessage());
        }
    }

    @Test
    void exposesBep44Fields() throws Exception {
        final SignedPacket packet = SignedPacket.parse(fixture());
        final MutableItem item = packet.toMutableItem();
        assertEquals(packet.timestamp(), item.seq());
        assertEquals(BencodeBytes.of(packet.packet()), item.value());
        assertArrayEquals(packet.signature(), item.signature());
        assertArrayEquals(packet.publicKey(), item.publicKey());
        assertEquals(0, item.salt().length);
        // The PKARR signature is a BEP 44 signature over seq and v: an independent check must accept it.
        MutableItem.verify(item.publicKey(), null, item.seq(), item.value(), item.signature());
        assertArrayEquals(Bep44.mutableTarget(packet.publicKey(), null), packet.target());
        assertArrayEquals(packet.target(), item.target());
        assertEquals(packet, SignedPacket.fromMutableItem(item));
        assertEquals(packet, SignedPacket.fromBep44(item.publicKey(), item.seq(), packet.packet(), item.signature()));
        assertThrows(SignatureException.class,
                () -> SignedPacket.fromBep44(item.publicKey(), item.seq() + 1, packet.packet(), item.signature()));
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final MutableItem salted = MutableItem.sign(seed, new byte[] {1}, 1, BencodeBytes.of(packet.packet()));
            assertThrows(IOException.class, () -> SignedPacket.fromMutableItem(salted));
            final MutableItem notBytes = MutableItem.sign(seed, null, 1, BencodeInteger.of(1));
            assertThrows(IOException.class, () -> SignedPacket.fromMutableItem(notBytes));
        }
    }

    @Test
    void accessorsReturnCopies() throws Exception {
        final SignedPacket packet = SignedPacket.parse(fixture());
        packet.bytes()[0] ^= 1;
        packet.packet()[0] ^= 1;
        packet.signature()[0] ^= 1;
        assertArrayEquals(fixture(), packet.bytes());
        assertEquals(FIXTURE_TIMESTAMP, ByteBuffer.wrap(packet.relayPayload(), 64, 8).getLong());
        assertTrue(packet.toString().contains(FIXTURE_Z32));
    }
}
