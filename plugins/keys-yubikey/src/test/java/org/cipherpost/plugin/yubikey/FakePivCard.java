package org.cipherpost.plugin.yubikey;

import com.yubico.yubikit.core.Transport;
import com.yubico.yubikit.core.smartcard.SmartCardConnection;
import com.yubico.yubikit.core.util.Tlv;
import com.yubico.yubikit.core.util.Tlvs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.SecretKeySpec;

/**
 * A fake YubiKey PIV application (firmware 5.4.3) speaking the short APDUs yubikit sends: SELECT, GET VERSION, GET
 * SERIAL, GET METADATA, VERIFY (with a retries counter), 3DES management key authentication, GENERATE ASYMMETRIC
 * (P-256 only) and GENERAL AUTHENTICATE key agreement. Exposed to yubikit as a {@link SmartCardConnection}.
 */
final class FakePivCard implements SmartCardConnection {
    /** yubikit's default PIV management key. */
    static final byte[] DEFAULT_MANAGEMENT_KEY = HexFormat.of()
            .parseHex("010203040506070801020304050607080102030405060708");
    private static final byte[] PIV_AID = {(byte) 0xa0, 0x00, 0x00, 0x03, 0x08};
    private static final int MAX_RETRIES = 3;
    private static final int SLOT_MANAGEMENT = 0x9b;
    private static final int PIN_REFERENCE = 0x80;

    private final long serial;
    private final byte[] pin;
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, Key> keys = new HashMap<>();
    private int retries = MAX_RETRIES;
    private boolean pinVerified;
    private boolean managementAuthenticated;
    private byte[] witness;
    private int agreements;
    private boolean closed;

    /** A key in a slot with its policies. */
    private record Key(KeyPair pair, byte pinPolicy, byte touchPolicy) {
    }

    /**
     * Creates a card.
     *
     * @param serial serial number
     * @param pin the PIN
     */
    FakePivCard(final long serial, final String pin) {
        this.serial = serial;
        this.pin = padded(pin.getBytes(StandardCharsets.US_ASCII));
    }

    /** Returns PIN retries left. */
    int retries() {
        return retries;
    }

    /** Returns how many key agreements the card performed. */
    int agreements() {
        return agreements;
    }

    /** Returns the PIN and touch policy bytes of a slot's key, or null. */
    byte[] policies(final int slot) {
        final Key key = keys.get(slot);
        return key == null ? null : new byte[] {key.pinPolicy(), key.touchPolicy()};
    }

    /** Tells whether yubikit closed this connection. */
    boolean closed() {
        return closed;
    }

    /** Re-opens the card for a new connection (a new session: PIN and management key state reset). */
    FakePivCard reconnect() {
        closed = false;
        pinVerified = false;
        managementAuthenticated = false;
        witness = null;
        return this;
    }

    @Override
    public byte[] sendAndReceive(final byte[] apdu) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        final int ins = apdu[1] & 0xff;
        final int p1 = apdu[2] & 0xff;
        final int p2 = apdu[3] & 0xff;
        final byte[] data = apdu.length > 5 ? Arrays.copyOfRange(apdu, 5, 5 + (apdu[4] & 0xff)) : new byte[0];
        try {
            return switch (ins) {
                case 0xa4 -> Arrays.equals(data, PIV_AID) ? sw(0x9000) : sw(0x6a82);
                case 0xfd -> ok(new byte[] {5, 4, 3});
                case 0xf8 -> ok(ByteBuffer.allocate(4).putInt((int) serial).array());
                case 0xf7 -> metadata(p2);
                case 0x20 -> verify(p2, data);
                case 0x87 -> p2 == SLOT_MANAGEMENT ? authenticate(p1, data) : agree(p1, p2, data);
                case 0x47 -> generate(p2, data);
                default -> sw(0x6d00);
            };
        } catch (final GeneralSecurityException e) {
            throw new IOException("fake card crypto failed", e);
        }
    }

    /** GET METADATA for the management key, the PIN and key slots. */
    private byte[] metadata(final int p2) {
        final Map<Integer, byte[]> tlvs = new LinkedHashMap<>();
        if (p2 == SLOT_MANAGEMENT) {
            tlvs.put(0x01, new byte[] {0x03});
            tlvs.put(0x02, new byte[] {0x00, 0x01});
            tlvs.put(0x05, new byte[] {1});
        } else if (p2 == PIN_REFERENCE) {
            tlvs.put(0x05, new byte[] {0});
            tlvs.put(0x06, new byte[] {MAX_RETRIES, (byte) retries});
        } else {
            final Key key = keys.get(p2);
            if (key == null) {
                return sw(0x6a82);
            }
            tlvs.put(0x01, new byte[] {0x11});
            tlvs.put(0x02, new byte[] {key.pinPolicy(), key.touchPolicy()});
            tlvs.put(0x03, new byte[] {1});
            tlvs.put(0x04, new Tlv(0x86, point(key.pair())).getBytes());
        }
        return ok(Tlvs.encodeMap(tlvs));
    }

    /** VERIFY PIN: an empty body asks for the status; a wrong PIN costs a retry. */
    private byte[] verify(final int p2, final byte[] data) {
        if (p2 != PIN_REFERENCE) {
            return sw(0x6a86);
        }
        if (data.length == 0) {
            return pinVerified ? sw(0x9000) : sw(0x63c0 | retries);
        }
        if (retries == 0) {
            return sw(0x6983);
        }
        if (MessageDigest.isEqual(data, pin)) {
            retries = MAX_RETRIES;
            pinVerified = true;
            return sw(0x9000);
        }
        retries--;
        pinVerified = false;
        return retries == 0 ? sw(0x6983) : sw(0x63c0 | retries);
    }

    /** GENERAL AUTHENTICATE with the 3DES management key: witness, then the host's challenge. */
    private byte[] authenticate(final int p1, final byte[] data) throws GeneralSecurityException {
        if (p1 != 0x03) {
            return sw(0x6a86);
        }
        final Map<Integer, byte[]> request = Tlvs.decodeMap(unpack(0x7c, data));
        final Cipher cipher = Cipher.getInstance("DESede/ECB/NoPadding");
        final SecretKeySpec key = new SecretKeySpec(DEFAULT_MANAGEMENT_KEY, "DESede");
        if (request.containsKey(0x80) && request.get(0x80).length == 0) {
            witness = new byte[8];
            random.nextBytes(witness);
            cipher.init(Cipher.ENCRYPT_MODE, key);
            return ok(new Tlv(0x7c, new Tlv(0x80, cipher.doFinal(witness)).getBytes()).getBytes());
        }
        if (witness == null || !request.containsKey(0x81) || !Arrays.equals(witness, request.get(0x80))) {
            witness = null;
            return sw(0x6982);
        }
        witness = null;
        managementAuthenticated = true;
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return ok(new Tlv(0x7c, new Tlv(0x82, cipher.doFinal(request.get(0x81))).getBytes()).getBytes());
    }

    /** GENERAL AUTHENTICATE key agreement (tag 85) with a slot's P-256 key. */
    private byte[] agree(final int p1, final int p2, final byte[] data) throws GeneralSecurityException {
        final Key key = keys.get(p2);
        if (p1 != 0x11 || key == null) {
            return sw(0x6a80);
        }
        if (key.pinPolicy() != 1 && !pinVerified) {
            return sw(0x6982);
        }
        final Map<Integer, byte[]> request = Tlvs.decodeMap(unpack(0x7c, data));
        final byte[] peer = request.get(0x85);
        if (peer == null || !request.containsKey(0x82) || peer.length != 65 || peer[0] != 4) {
            return sw(0x6a80);
        }
        final ECPublicKey own = (ECPublicKey) key.pair().getPublic();
        final ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(peer, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(peer, 33, 65)));
        final KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(key.pair().getPrivate());
        agreement.doPhase(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, own.getParams())), true);
        agreements++;
        if (key.pinPolicy() == 3) {
            pinVerified = false;
        }
        return ok(new Tlv(0x7c, new Tlv(0x82, agreement.generateSecret()).getBytes()).getBytes());
    }

    /** GENERATE ASYMMETRIC KEY PAIR: P-256 only, after management key authentication. */
    private byte[] generate(final int slot, final byte[] data) throws GeneralSecurityException {
        if (!managementAuthenticated) {
            return sw(0x6982);
        }
        final Map<Integer, byte[]> template = Tlvs.decodeMap(unpack(0xac, data));
        if (!Arrays.equals(template.get(0x80), new byte[] {0x11})) {
            return sw(0x6a80);
        }
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        final KeyPair pair = generator.generateKeyPair();
        final byte pinPolicy = template.getOrDefault(0xaa, new byte[] {1})[0];
        final byte touchPolicy = template.getOrDefault(0xab, new byte[] {1})[0];
        keys.put(slot, new Key(pair, pinPolicy, touchPolicy));
        return ok(new Tlv(0x7f49, new Tlv(0x86, point(pair)).getBytes()).getBytes());
    }

    /** Returns the value of a single outer TLV. */
    private static byte[] unpack(final int tag, final byte[] data) {
        final List<Tlv> list = Tlvs.decodeList(data);
        if (list.size() != 1 || list.get(0).getTag() != tag) {
            throw new IllegalArgumentException("expected one TLV " + Integer.toHexString(tag));
        }
        return list.get(0).getValue();
    }

    /** Encodes a public key as an uncompressed point. */
    private static byte[] point(final KeyPair pair) {
        final ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
        return P256.encode(w.getAffineX(), w.getAffineY());
    }

    /** Pads a PIN with 0xff to 8 bytes as PIV does. */
    private static byte[] padded(final byte[] raw) {
        final byte[] out = Arrays.copyOf(raw, 8);
        Arrays.fill(out, raw.length, 8, (byte) 0xff);
        return out;
    }

    /** Returns data followed by 9000. */
    private static byte[] ok(final byte[] data) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(data);
        out.write(0x90);
        out.write(0x00);
        return out.toByteArray();
    }

    /** Returns a bare status word. */
    private static byte[] sw(final int sw) {
        return new byte[] {(byte) (sw >> 8), (byte) sw};
    }

    @Override
    public Transport getTransport() {
        return Transport.USB;
    }

    @Override
    public boolean isExtendedLengthApduSupported() {
        return false;
    }

    @Override
    public byte[] getAtr() {
        return new byte[] {0x3b, (byte) 0xfd, 0x13, 0x00, 0x00, (byte) 0x81};
    }

    @Override
    public void close() {
        closed = true;
    }
}
