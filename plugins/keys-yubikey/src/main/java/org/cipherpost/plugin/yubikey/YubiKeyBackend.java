package org.cipherpost.plugin.yubikey;

import com.yubico.yubikit.core.application.ApplicationNotAvailableException;
import com.yubico.yubikit.core.application.CommandException;
import com.yubico.yubikit.core.application.InvalidPinException;
import com.yubico.yubikit.core.keys.EllipticCurveValues;
import com.yubico.yubikit.core.keys.PublicKeyValues;
import com.yubico.yubikit.core.smartcard.ApduException;
import com.yubico.yubikit.core.smartcard.SW;
import com.yubico.yubikit.core.smartcard.SmartCardConnection;
import com.yubico.yubikit.piv.KeyType;
import com.yubico.yubikit.piv.PinPolicy;
import com.yubico.yubikit.piv.PivSession;
import com.yubico.yubikit.piv.Slot;
import com.yubico.yubikit.piv.SlotMetadata;
import com.yubico.yubikit.piv.TouchPolicy;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cipherpost.api.AgeStanza;
import org.cipherpost.api.DeviceInfo;
import org.cipherpost.api.KeyBackend;
import org.pf4j.Extension;

/**
 * Device keys on a YubiKey: a P-256 key generated in a PIV retired slot ({@code 0x82} by default) under a PIN and
 * touch policy; file keys are wrapped to its public key by ECDH ({@link PivWrap}) and unwrapped by the card's ECDH
 * (PIV GENERAL AUTHENTICATE), after the PIN is verified. The private key never leaves the card.
 */
@Extension
public final class YubiKeyBackend implements KeyBackend {
    private static final String NAME = "yubikey";

    private final CardSource cards;
    private final PinSource pins;
    private final Slot slot;
    private final PinPolicy pinPolicy;
    private final TouchPolicy touchPolicy;

    /** Creates the backend on PC/SC readers, asking for the PIN on the terminal; slot 0x82, PIN once, touch cached. */
    public YubiKeyBackend() {
        this(new PcscCardSource(), new ConsolePinSource(), Slot.RETIRED1, PinPolicy.ONCE, TouchPolicy.CACHED);
    }

    /**
     * Creates the backend on given cards and PIN source.
     *
     * @param cards where the cards come from
     * @param pins where PIN and management key come from
     * @param slot PIV slot for new keys
     * @param pinPolicy PIN policy for new keys
     * @param touchPolicy touch policy for new keys
     */
    YubiKeyBackend(final CardSource cards, final PinSource pins, final Slot slot, final PinPolicy pinPolicy,
            final TouchPolicy touchPolicy) {
        this.cards = Objects.requireNonNull(cards, "Card Source required");
        this.pins = Objects.requireNonNull(pins, "PIN Source required");
        this.slot = Objects.requireNonNull(slot, "Slot required");
        this.pinPolicy = Objects.requireNonNull(pinPolicy, "PIN Policy required");
        this.touchPolicy = Objects.requireNonNull(touchPolicy, "Touch Policy required");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<DeviceInfo> listDevices() throws IOException {
        final List<DeviceInfo> devices = new ArrayList<>();
        final List<SmartCardConnection> connections = cards.connectAll();
        try {
            for (final SmartCardConnection connection : connections) {
                final PivSession session = open(connection);
                if (session == null || !session.supports(PivSession.FEATURE_METADATA)) {
                    continue;
                }
                final long serial = serialOf(session);
                final byte[] point = slotPoint(session, slot);
                if (point != null) {
                    final DeviceId id = new DeviceId(serial, slot.value, point);
                    devices.add(new DeviceInfo(id.toString(), labelOf(id), id.recipient()));
                }
            }
        } catch (final CommandException | GeneralSecurityException e) {
            throw new IOException("YubiKey listing failed: " + e.getMessage(), e);
        } finally {
            closeAll(connections);
        }
        return devices;
    }

    @Override
    public DeviceInfo createDevice(final String label) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(label, "Label required");
        final List<SmartCardConnection> connections = cards.connectAll();
        try {
            final List<PivSession> sessions = new ArrayList<>();
            for (final SmartCardConnection connection : connections) {
                final PivSession session = open(connection);
                if (session != null) {
                    sessions.add(session);
                }
            }
            if (sessions.isEmpty()) {
                throw new IOException("No YubiKey found: plug one in (and check that pcscd is running)");
            }
            if (sessions.size() != 1) {
                throw new IOException("YubiKeys present [" + sessions.size() + "]: leave only the one to use plugged in");
            }
            final PivSession session = sessions.get(0);
            final long serial = serialOf(session);
            if (session.supports(PivSession.FEATURE_METADATA) && slotPoint(session, slot) != null) {
                throw new GeneralSecurityException("Slot [" + Integer.toHexString(slot.value) + "] of YubiKey ["
                        + serial + "] already holds a key");
            }
            session.checkKeySupport(KeyType.ECCP256, pinPolicy, touchPolicy, true);
            final byte[] managementKey = pins.managementKey(serial);
            try {
                session.authenticate(managementKey);
            } finally {
                Arrays.fill(managementKey, (byte) 0);
            }
            final PublicKeyValues generated = session.generateKey(slot, KeyType.ECCP256, pinPolicy, touchPolicy);
            if (!(generated instanceof PublicKeyValues.Ec ec) || ec.getCurveParams() != EllipticCurveValues.SECP256R1) {
                throw new GeneralSecurityException("YubiKey [" + serial + "] generated no P-256 key");
            }
            final DeviceId id = new DeviceId(serial, slot.value, P256.check(ec.getEncodedPoint()));
            return new DeviceInfo(id.toString(), label.isBlank() ? labelOf(id) : label, id.recipient());
        } catch (final UnsupportedOperationException | IllegalArgumentException e) {
            throw new GeneralSecurityException("YubiKey cannot hold this key: " + e.getMessage(), e);
        } catch (final CommandException e) {
            throw refused(e);
        } finally {
            closeAll(connections);
        }
    }

    @Override
    public DeviceInfo loadDevice(final String deviceId) throws IOException, GeneralSecurityException {
        final DeviceId id = DeviceId.parse(deviceId);
        return withCard(id, session -> {
            requireDeviceKey(session, id);
            return new DeviceInfo(id.toString(), labelOf(id), id.recipient());
        });
    }

    @Override
    public AgeStanza wrap(final String deviceId, final byte[] fileKey) throws IOException, GeneralSecurityException {
        return PivWrap.wrap(DeviceId.parse(deviceId).point(), fileKey);
    }

    @Override
    public byte[] unwrap(final String deviceId, final AgeStanza stanza) throws IOException, GeneralSecurityException {
        final DeviceId id = DeviceId.parse(deviceId);
        Objects.requireNonNull(stanza, "Stanza required");
        if (!PivWrap.addressedTo(id.point(), stanza)) {
            throw new GeneralSecurityException("Stanza [" + stanza.type() + "] not addressed to this device");
        }
        return withCard(id, session -> {
            requireDeviceKey(session, id);
            return PivWrap.unwrap(id.point(), stanza, peer -> agree(session, id, peer));
        });
    }

    /**
     * Refuses a card whose slot no longer holds the device's key (reset, or a key generated over it) before the PIN
     * is asked for; without slot metadata (firmware below 5.3) the unwrap itself fails instead.
     */
    private static void requireDeviceKey(final PivSession session, final DeviceId id)
            throws IOException, CommandException, GeneralSecurityException {
        if (!session.supports(PivSession.FEATURE_METADATA)) {
            return;
        }
        final byte[] point = slotPoint(session, slotOf(id));
        if (point == null || !Arrays.equals(point, id.point())) {
            throw new GeneralSecurityException("Slot [" + Integer.toHexString(id.slot()) + "] of YubiKey ["
                    + id.serial() + "] no longer holds this device's key (reset, or a new key generated there)");
        }
    }

    /** Verifies the PIN and runs the card's ECDH with the device key. */
    private byte[] agree(final PivSession session, final DeviceId id, final byte[] peer)
            throws IOException, GeneralSecurityException {
        final char[] pin = pins.pin(id.serial());
        try {
            session.verifyPin(pin);
            if (needsTouch(session, id)) {
                pins.touchNeeded(id.serial());
            }
            return session.calculateSecret(slotOf(id),
                    PublicKeyValues.Ec.fromEncodedPoint(EllipticCurveValues.SECP256R1, peer));
        } catch (final CommandException e) {
            throw refused(e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /**
     * Tells whether the device's slot asks for a touch (policy always or cached: the first use after the cache ran out
     * waits); without slot metadata (firmware below 5.3) the user is told anyway.
     */
    private static boolean needsTouch(final PivSession session, final DeviceId id)
            throws IOException, CommandException, GeneralSecurityException {
        if (!session.supports(PivSession.FEATURE_METADATA)) {
            return true;
        }
        try {
            return session.getSlotMetadata(slotOf(id)).getTouchPolicy() != TouchPolicy.NEVER;
        } catch (final ApduException e) {
            return true;
        }
    }

    /** Work on the card of one device. */
    private interface SessionCall<T> {
        /** Runs the work. */
        T run(PivSession session) throws IOException, GeneralSecurityException, CommandException;
    }

    /** Finds the card holding a device and runs work on it, closing every connection after. */
    private <T> T withCard(final DeviceId id, final SessionCall<T> call) throws IOException, GeneralSecurityException {
        final List<SmartCardConnection> connections = cards.connectAll();
        try {
            for (final SmartCardConnection connection : connections) {
                final PivSession session = open(connection);
                if (session != null && session.supports(PivSession.FEATURE_SERIAL) && serialOf(session) == id.serial()) {
                    return call.run(session);
                }
            }
            throw new IOException("YubiKey [" + id.serial() + "] not present");
        } catch (final CommandException e) {
            throw refused(e);
        } finally {
            closeAll(connections);
        }
    }

    /** Selects PIV on a card, or returns null when the card has no PIV application. */
    private static PivSession open(final SmartCardConnection connection) throws IOException {
        try {
            return new PivSession(connection);
        } catch (final ApplicationNotAvailableException | ApduException e) {
            return null;
        }
    }

    /** Returns the unsigned serial number of a card. */
    private static long serialOf(final PivSession session) throws IOException, CommandException {
        return Integer.toUnsignedLong(session.getSerialNumber());
    }

    /** Returns the PIV slot of a device, refusing a value that names no slot. */
    private static Slot slotOf(final DeviceId id) throws GeneralSecurityException {
        try {
            return Slot.fromValue(id.slot());
        } catch (final IllegalArgumentException e) {
            throw new GeneralSecurityException("Slot [" + Integer.toHexString(id.slot()) + "] is not a PIV key slot",
                    e);
        }
    }

    /** Returns the P-256 point in a slot, or null when the slot holds no P-256 key. */
    private static byte[] slotPoint(final PivSession session, final Slot slot)
            throws IOException, CommandException, GeneralSecurityException {
        final SlotMetadata metadata;
        try {
            metadata = session.getSlotMetadata(slot);
        } catch (final ApduException e) {
            if (e.getSw() == SW.FILE_NOT_FOUND) {
                return null;
            }
            throw e;
        }
        if (metadata.getKeyType() != KeyType.ECCP256
                || !(metadata.getPublicKeyValues() instanceof PublicKeyValues.Ec ec)) {
            return null;
        }
        return P256.check(ec.getEncodedPoint());
    }

    /** Turns a card's refusal into a security exception naming the retries left for a wrong PIN. */
    private static GeneralSecurityException refused(final CommandException e) {
        if (e instanceof InvalidPinException pin) {
            return new GeneralSecurityException("YubiKey PIN wrong, retries left [" + pin.getAttemptsRemaining() + "]",
                    e);
        }
        return new GeneralSecurityException("YubiKey refused: " + e.getMessage(), e);
    }

    /** Returns the default label of a device. */
    private static String labelOf(final DeviceId id) {
        return "YubiKey " + id.serial() + " slot " + Integer.toHexString(id.slot());
    }

    /** Closes connections, keeping the first failure. */
    private static void closeAll(final List<SmartCardConnection> connections) throws IOException {
        IOException failure = null;
        for (final SmartCardConnection connection : connections) {
            try {
                connection.close();
            } catch (final IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
