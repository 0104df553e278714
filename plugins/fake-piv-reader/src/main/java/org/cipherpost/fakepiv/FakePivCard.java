package org.cipherpost.fakepiv;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.SecretKeySpec;
import javax.smartcardio.CommandAPDU;

/**
 * A fake YubiKey PIV application (firmware 5.4.3) answering the APDUs yubikit sends, short or extended: SELECT, GET
 * VERSION, GET SERIAL, GET METADATA, VERIFY (with a retries counter), 3DES management key authentication, GENERATE
 * ASYMMETRIC (P-256 only) and GENERAL AUTHENTICATE key agreement. The card state (keys, PIN digest, retries, count of
 * key agreements) is what a {@link FakePivReader} keeps; the session state (PIN verified, management key
 * authenticated) lasts one connection. Touch policies are recorded but never wait for a touch.
 */
public final class FakePivCard {
    private static final byte[] DEFAULT_MANAGEMENT_KEY =
            HexFormat.of().parseHex("010203040506070801020304050607080102030405060708");
    private static final byte[] PIV_AID = {(byte) 0xa0, 0x00, 0x00, 0x03, 0x08};
    private static final byte[] VERSION = {5, 4, 3};
    private static final byte[] ATR = {0x3b, (byte) 0xfd, 0x13, 0x00, 0x00, (byte) 0x81};
    private static final int MAX_RETRIES = 3;
    private static final int PIN_LENGTH = 8;
    private static final int SLOT_MANAGEMENT = 0x9b;
    private static final int PIN_REFERENCE = 0x80;
    private static final int ALGORITHM_P256 = 0x11;

    private final long serial;
    private final byte[] pinDigest;
    private final Map<Integer, SlotKey> keys;
    private final SecureRandom random = new SecureRandom();
    private int retries;
    private int agreements;
    private boolean pinVerified;
    private boolean managementAuthenticated;
    private byte[] witness;
    private boolean changed;

    /**
     * Creates a new card with empty slots, all PIN retries and the default management key.
     *
     * @param serial serial number, 0 to 2^32 - 1
     * @param pin the PIN, 6 to 8 ASCII characters (a test value: the card keeps only its SHA-256)
     */
    public FakePivCard(final long serial, final String pin) {
        this(serial, pinDigest(pin), MAX_RETRIES, 0, Map.of());
    }

    /**
     * Restores a card from its state.
     *
     * @param serial serial number
     * @param pinDigest SHA-256 of the PIN padded with 0xff to 8 bytes
     * @param retries PIN retries left
     * @param agreements key agreements performed so far
     * @param keys keys by slot
     */
    FakePivCard(final long serial, final byte[] pinDigest, final int retries, final int agreements,
            final Map<Integer, SlotKey> keys) {
        if (serial < 0 || serial > 0xffffffffL) {
            throw new IllegalArgumentException("Serial [" + serial + "] out of range");
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("Retries [" + retries + "] out of range");
        }
        this.serial = serial;
        this.pinDigest = Objects.requireNonNull(pinDigest, "PIN Digest required").clone();
        this.retries = retries;
        this.agreements = agreements;
        this.keys = new TreeMap<>(keys);
    }

    /**
     * Returns yubikit's default PIV management key (3DES), which this card accepts.
     *
     * @return a copy of the 24-byte key
     */
    public static byte[] defaultManagementKey() {
        return DEFAULT_MANAGEMENT_KEY.clone();
    }

    /**
     * Returns the serial number.
     *
     * @return serial
     */
    public long serial() {
        return serial;
    }

    /**
     * Returns the PIN retries left.
     *
     * @return 0 (blocked) to 3
     */
    public int retries() {
        return retries;
    }

    /**
     * Returns how many key agreements (unwraps) the card has performed in its life.
     *
     * @return count
     */
    public int agreements() {
        return agreements;
    }

    /**
     * Returns the PIN and touch policy bytes of a slot's key.
     *
     * @param slot PIV slot, e.g. {@code 0x82}
     * @return {pin policy, touch policy}, or null for an empty slot
     */
    public byte[] policies(final int slot) {
        final SlotKey key = keys.get(slot);
        return key == null ? null : new byte[] {key.pinPolicy(), key.touchPolicy()};
    }

    /**
     * Returns a slot's public key as an uncompressed point.
     *
     * @param slot PIV slot
     * @return 65 bytes, or null for an empty slot
     */
    public byte[] publicPoint(final int slot) {
        final SlotKey key = keys.get(slot);
        return key == null ? null : key.point();
    }

    /**
     * Puts a new P-256 key into a slot (PIN once, touch cached), as a PIV reset followed by a key generated there
     * would, replacing any key in it.
     *
     * @param slot PIV slot, e.g. {@code 0x82}
     * @return the new key's uncompressed public point
     * @throws GeneralSecurityException when the JDK cannot generate P-256 keys
     */
    public byte[] generateKey(final int slot) throws GeneralSecurityException {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        final SlotKey key = new SlotKey(generator.generateKeyPair(), (byte) 2, (byte) 3);
        keys.put(slot, key);
        changed = true;
        return key.point();
    }

    /** Starts a new session, as a new connection does: the PIN and the management key must be given again. */
    public void newSession() {
        pinVerified = false;
        managementAuthenticated = false;
        witness = null;
    }

    /**
     * Tells whether the card state changed since the last call, and clears the flag.
     *
     * @return true when retries, agreements or keys changed
     */
    boolean takeChanged() {
        final boolean was = changed;
        changed = false;
        return was;
    }

    /**
     * Returns the answer to reset.
     *
     * @return ATR bytes
     */
    byte[] atr() {
        return ATR.clone();
    }

    /**
     * Returns the SHA-256 of the padded PIN (for the state file).
     *
     * @return digest
     */
    byte[] pinDigest() {
        return pinDigest.clone();
    }

    /**
     * Returns the keys by slot (for the state file).
     *
     * @return unmodifiable view
     */
    Map<Integer, SlotKey> keys() {
        return Map.copyOf(keys);
    }

    /**
     * Processes one command APDU.
     *
     * @param apdu command, short or extended
     * @return response data followed by the status word
     */
    public byte[] transmit(final byte[] apdu) {
        final CommandAPDU command;
        try {
            command = new CommandAPDU(apdu);
        } catch (final IllegalArgumentException e) {
            return sw(0x6700);
        }
        if ((command.getCLA() & 0x10) != 0) {
            return sw(0x6884);
        }
        final int p1 = command.getP1();
        final int p2 = command.getP2();
        final byte[] data = command.getData();
        try {
            return switch (command.getINS()) {
                case 0xa4 -> Arrays.equals(data, PIV_AID) ? sw(0x9000) : sw(0x6a82);
                case 0xfd -> ok(VERSION);
                case 0xf8 -> ok(ByteBuffer.allocate(4).putInt((int) serial).array());
                case 0xf7 -> metadata(p2);
                case 0x20 -> verify(p2, data);
                case 0x87 -> p2 == SLOT_MANAGEMENT ? authenticate(p1, data) : agree(p1, p2, data);
                case 0x47 -> generate(p2, data);
                default -> sw(0x6d00);
            };
        } catch (final IllegalArgumentException e) {
            return sw(0x6a80);
        } catch (final GeneralSecurityException e) {
            return sw(0x6f00);
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
            final SlotKey key = keys.get(p2);
            if (key == null) {
                return sw(0x6a82);
            }
            tlvs.put(0x01, new byte[] {ALGORITHM_P256});
            tlvs.put(0x02, new byte[] {key.pinPolicy(), key.touchPolicy()});
            tlvs.put(0x03, new byte[] {1});
            tlvs.put(0x04, Tlv.encode(0x86, key.point()));
        }
        return ok(Tlv.encodeAll(tlvs));
    }

    /** VERIFY PIN: an empty body asks for the status; a wrong PIN costs a retry; a blocked PIN stays blocked. */
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
        changed = true;
        if (data.length == PIN_LENGTH && MessageDigest.isEqual(sha256(data), pinDigest)) {
            retries = MAX_RETRIES;
            pinVerified = true;
            return sw(0x9000);
        }
        retries--;
        pinVerified = false;
        return retries == 0 ? sw(0x6983) : sw(0x63c0 | retries);
    }

    /** GENERAL AUTHENTICATE with the 3DES management key: a witness, then the host's challenge. */
    private byte[] authenticate(final int p1, final byte[] data) throws GeneralSecurityException {
        if (p1 != 0x03) {
            return sw(0x6a86);
        }
        final Map<Integer, byte[]> request = Tlv.decode(Tlv.unpack(0x7c, data));
        final Cipher cipher = Cipher.getInstance("DESede/ECB/NoPadding");
        final SecretKeySpec key = new SecretKeySpec(DEFAULT_MANAGEMENT_KEY, "DESede");
        if (request.containsKey(0x80) && request.get(0x80).length == 0) {
            witness = new byte[8];
            random.nextBytes(witness);
            cipher.init(Cipher.ENCRYPT_MODE, key);
            return ok(Tlv.encode(0x7c, Tlv.encode(0x80, cipher.doFinal(witness))));
        }
        if (witness == null || !request.containsKey(0x81)
                || !MessageDigest.isEqual(witness, request.get(0x80))) {
            witness = null;
            return sw(0x6982);
        }
        witness = null;
        managementAuthenticated = true;
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return ok(Tlv.encode(0x7c, Tlv.encode(0x82, cipher.doFinal(request.get(0x81)))));
    }

    /** GENERAL AUTHENTICATE key agreement (tag 85) with a slot's P-256 key, under the key's PIN policy. */
    private byte[] agree(final int p1, final int p2, final byte[] data) throws GeneralSecurityException {
        final SlotKey key = keys.get(p2);
        if (p1 != ALGORITHM_P256 || key == null) {
            return sw(0x6a80);
        }
        if (key.pinPolicy() != SlotKey.PIN_NEVER && !pinVerified) {
            return sw(0x6982);
        }
        final Map<Integer, byte[]> request = Tlv.decode(Tlv.unpack(0x7c, data));
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
        final byte[] secret = agreement.generateSecret();
        try {
            agreements++;
            changed = true;
            if (key.pinPolicy() == SlotKey.PIN_ALWAYS) {
                pinVerified = false;
            }
            return ok(Tlv.encode(0x7c, Tlv.encode(0x82, secret)));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** GENERATE ASYMMETRIC KEY PAIR: P-256 only, after management key authentication; replaces the slot's key. */
    private byte[] generate(final int slot, final byte[] data) throws GeneralSecurityException {
        if (!managementAuthenticated) {
            return sw(0x6982);
        }
        final Map<Integer, byte[]> template = Tlv.decode(Tlv.unpack(0xac, data));
        if (!Arrays.equals(template.get(0x80), new byte[] {ALGORITHM_P256})) {
            return sw(0x6a80);
        }
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        final KeyPair pair = generator.generateKeyPair();
        final byte pinPolicy = template.getOrDefault(0xaa, new byte[] {2})[0];
        final byte touchPolicy = template.getOrDefault(0xab, new byte[] {1})[0];
        final SlotKey key = new SlotKey(pair, pinPolicy == 0 ? 2 : pinPolicy, touchPolicy == 0 ? 1 : touchPolicy);
        keys.put(slot, key);
        changed = true;
        return ok(Tlv.encode(0x7f49, Tlv.encode(0x86, key.point())));
    }

    /** Returns the SHA-256 of a PIN padded as PIV pads it (0xff to 8 bytes). */
    private static byte[] pinDigest(final String pin) {
        Objects.requireNonNull(pin, "PIN required");
        final byte[] raw = pin.getBytes(StandardCharsets.US_ASCII);
        if (raw.length < 6 || raw.length > PIN_LENGTH) {
            throw new IllegalArgumentException("PIN length [" + raw.length + "] not in [6, 8]");
        }
        final byte[] padded = Arrays.copyOf(raw, PIN_LENGTH);
        Arrays.fill(padded, raw.length, PIN_LENGTH, (byte) 0xff);
        return sha256(padded);
    }

    /** Returns SHA-256 of bytes. */
    private static byte[] sha256(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
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
}
