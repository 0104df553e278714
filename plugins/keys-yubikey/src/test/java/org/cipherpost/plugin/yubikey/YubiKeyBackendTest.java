package org.cipherpost.plugin.yubikey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yubico.yubikit.core.smartcard.SmartCardConnection;
import com.yubico.yubikit.piv.PinPolicy;
import com.yubico.yubikit.piv.Slot;
import com.yubico.yubikit.piv.TouchPolicy;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.smartcardio.TerminalFactory;
import org.cipherpost.api.AgeStanza;
import org.cipherpost.api.DeviceInfo;
import org.cipherpost.fakepiv.FakePivCard;
import org.cipherpost.fakepiv.FakePivProvider;
import org.cipherpost.fakepiv.FakePivReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The YubiKey backend against a fake PIV card in a fake javax.smartcardio reader, through the plugin's own PC/SC
 * path ({@link PcscCardSource}, {@link SmartcardioConnection}): create, wrap, unwrap, wrong PIN, tampered stanzas.
 */
class YubiKeyBackendTest {
    private static final String PIN = "123456";

    private final FakePivCard card = new FakePivCard(12345678L, PIN);
    private final FakePivReader reader = FakePivReader.inMemory();
    private final FakePivReader secondReader = FakePivReader.inMemory();
    private final Pins pins = new Pins();
    private final YubiKeyBackend backend = new YubiKeyBackend(() -> {
        final List<SmartCardConnection> connections = new ArrayList<>(source(reader).connectAll());
        connections.addAll(source(secondReader).connectAll());
        return connections;
    }, pins, Slot.RETIRED1, PinPolicy.ONCE, TouchPolicy.CACHED);

    @BeforeEach
    void insertCard() throws IOException {
        reader.insert(card);
    }

    /** Returns the plugin's PC/SC card source on a fake reader. */
    private static PcscCardSource source(final FakePivReader fake) {
        return new PcscCardSource(() -> {
            try {
                return TerminalFactory.getInstance(FakePivProvider.TERMINAL_TYPE, fake, new FakePivProvider());
            } catch (final GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** PIN and management key given by the test. */
    private static final class Pins implements PinSource {
        private String pin = PIN;
        private byte[] managementKey = FakePivCard.defaultManagementKey();
        private int asked;
        private int touches;

        @Override
        public char[] pin(final long serial) {
            asked++;
            return pin.toCharArray();
        }

        @Override
        public void touchNeeded(final long serial) {
            touches++;
        }

        @Override
        public byte[] managementKey(final long serial) {
            return managementKey.clone();
        }
    }

    @Test
    void createWrapUnwrapRoundTrip() throws Exception {
        final DeviceInfo device = backend.createDevice("laptop key");
        assertEquals("laptop key", device.label());
        assertTrue(device.id().startsWith("12345678-82-"), device.id());
        assertTrue(device.recipient().startsWith("cipherpost-piv-p256:"), device.recipient());
        assertArrayEquals(new byte[] {2, 3}, card.policies(0x82), "PIN once, touch cached");
        assertEquals(List.of(device.id()), backend.listDevices().stream().map(DeviceInfo::id).toList());
        assertEquals(device.id(), backend.loadDevice(device.id()).id());

        final byte[] fileKey = new byte[16];
        new SecureRandom().nextBytes(fileKey);
        final AgeStanza stanza = backend.wrap(device.id(), fileKey);
        assertEquals("cipherpost-piv-p256", stanza.type());
        assertEquals(2, stanza.arguments().size());
        assertEquals(32, stanza.body().length);
        assertNotEquals(stanza, backend.wrap(device.id(), fileKey), "fresh ephemeral key per wrap");

        assertArrayEquals(fileKey, backend.unwrap(device.id(), stanza));
        assertEquals(1, card.agreements());
        assertEquals(1, pins.asked);
        assertEquals(1, pins.touches, "the user is told to touch (policy cached)");
        assertEquals(0, reader.openConnections(), "every connection closed after use");
    }

    @Test
    void wrapNeedsNoCard() throws Exception {
        final DeviceInfo device = backend.createDevice("");
        reader.eject();
        final byte[] fileKey = new byte[16];
        final AgeStanza stanza = backend.wrap(device.id(), fileKey);
        final IOException absent = assertThrows(IOException.class, () -> backend.unwrap(device.id(), stanza));
        assertEquals("YubiKey [12345678] not present", absent.getMessage());
        assertEquals(0, pins.asked, "no PIN asked without the card");
        reader.insert(card);
        assertArrayEquals(fileKey, backend.unwrap(device.id(), stanza));
    }

    @Test
    void wrongPinRefusedAndRetriesDecrease() throws Exception {
        final DeviceInfo device = backend.createDevice("k");
        final byte[] fileKey = new byte[16];
        fileKey[0] = 7;
        final AgeStanza stanza = backend.wrap(device.id(), fileKey);
        pins.pin = "654321";
        final GeneralSecurityException first =
                assertThrows(GeneralSecurityException.class, () -> backend.unwrap(device.id(), stanza));
        assertTrue(first.getMessage().contains("retries left [2]"), first.getMessage());
        assertEquals(2, card.retries());
        final GeneralSecurityException second =
                assertThrows(GeneralSecurityException.class, () -> backend.unwrap(device.id(), stanza));
        assertTrue(second.getMessage().contains("retries left [1]"), second.getMessage());
        assertEquals(1, card.retries());
        assertEquals(0, card.agreements(), "no key agreement without the PIN");
        assertEquals(0, pins.touches, "no touch asked for after a wrong PIN");

        pins.pin = PIN;
        assertArrayEquals(fileKey, backend.unwrap(device.id(), stanza));
        assertEquals(3, card.retries(), "right PIN resets the counter");
    }

    @Test
    void pinBlockedAfterLastRetry() throws Exception {
        final DeviceInfo device = backend.createDevice("k");
        final AgeStanza stanza = backend.wrap(device.id(), new byte[16]);
        pins.pin = "000000";
        for (int i = 0; i < 3; i++) {
            assertThrows(GeneralSecurityException.class, () -> backend.unwrap(device.id(), stanza));
        }
        assertEquals(0, card.retries());
        pins.pin = PIN;
        final GeneralSecurityException blocked =
                assertThrows(GeneralSecurityException.class, () -> backend.unwrap(device.id(), stanza));
        assertTrue(blocked.getMessage().contains("retries left [0]"), blocked.getMessage());
    }

    @Test
    void tamperedStanzaRefused() throws Exception {
        final DeviceInfo device = backend.createDevice("k");
        final AgeStanza stanza = backend.wrap(device.id(), new byte[16]);

        final byte[] body = stanza.body();
        body[5] ^= 1;
        final AgeStanza flippedBody = new AgeStanza(stanza.type(), stanza.arguments(), body);
        assertThrows(AEADBadTagException.class, () -> backend.unwrap(device.id(), flippedBody));

        final AgeStanza other = backend.wrap(device.id(), new byte[16]);
        final AgeStanza swappedEphemeral = new AgeStanza(stanza.type(),
                List.of(stanza.arguments().get(0), other.arguments().get(1)), stanza.body());
        assertThrows(AEADBadTagException.class, () -> backend.unwrap(device.id(), swappedEphemeral));

        final byte[] point = PivWrap.decode(stanza.arguments().get(1));
        point[64] ^= 1;
        final AgeStanza offCurve = new AgeStanza(stanza.type(),
                List.of(stanza.arguments().get(0), PivWrap.encode(point)), stanza.body());
        final int before = card.agreements();
        final GeneralSecurityException off =
                assertThrows(GeneralSecurityException.class, () -> backend.unwrap(device.id(), offCurve));
        assertTrue(off.getMessage().contains("not on the curve"), off.getMessage());
        assertEquals(before, card.agreements(), "an invalid point never reaches the card");

        final AgeStanza wrongTag = new AgeStanza(stanza.type(), List.of("AAAAAA", stanza.arguments().get(1)),
                stanza.body());
        assertThrows(GeneralSecurityException.class, () -> backend.unwrap(device.id(), wrongTag));
        final AgeStanza wrongType = new AgeStanza("X25519", stanza.arguments(), stanza.body());
        assertThrows(GeneralSecurityException.class, () -> backend.unwrap(device.id(), wrongType));
        final AgeStanza shortBody = new AgeStanza(stanza.type(), stanza.arguments(), new byte[31]);
        assertThrows(GeneralSecurityException.class, () -> backend.unwrap(device.id(), shortBody));
        assertEquals(before, card.agreements(), "stanzas not for this device never reach the card");
    }

    @Test
    void stanzaForAnotherDeviceRefused() throws Exception {
        final DeviceInfo first = backend.createDevice("k");
        final FakePivCard second = new FakePivCard(87654321L, PIN);
        reader.eject();
        secondReader.insert(second);
        final DeviceInfo other = backend.createDevice("k2");
        reader.insert(card);
        final AgeStanza toOther = backend.wrap(other.id(), new byte[16]);
        assertThrows(GeneralSecurityException.class, () -> backend.unwrap(first.id(), toOther));
        assertEquals(2, backend.listDevices().size());
    }

    @Test
    void aSlotHoldingAnotherKeyIsRefusedBeforeThePin() throws Exception {
        final DeviceInfo device = backend.createDevice("k");
        final AgeStanza stanza = backend.wrap(device.id(), new byte[16]);
        // The same YubiKey after a PIV reset and a new key in the slot: same serial, another key.
        final FakePivCard reset = new FakePivCard(12345678L, PIN);
        reader.insert(reset);
        backend.createDevice("new");
        final GeneralSecurityException refused =
                assertThrows(GeneralSecurityException.class, () -> backend.unwrap(device.id(), stanza));
        assertTrue(refused.getMessage().contains("Slot [82] of YubiKey [12345678] no longer holds this device's key"),
                refused.getMessage());
        assertEquals(0, pins.asked, "refused before the PIN is asked");
        assertEquals(0, reset.agreements());
        assertThrows(GeneralSecurityException.class, () -> backend.loadDevice(device.id()));
    }

    @Test
    void createNeedsExactlyOneCard() throws Exception {
        reader.eject();
        final IOException none = assertThrows(IOException.class, () -> backend.createDevice("k"));
        assertEquals("No YubiKey found: plug one in (and check that pcscd is running)", none.getMessage());
        assertEquals(0, reader.openConnections());
    }

    @Test
    void createNeedsManagementKeyAndFreeSlot() throws Exception {
        pins.managementKey = new byte[24];
        assertThrows(GeneralSecurityException.class, () -> backend.createDevice("k"));
        assertNull(card.policies(0x82), "no key generated without the management key");
        pins.managementKey = FakePivCard.defaultManagementKey();
        backend.createDevice("k");
        final GeneralSecurityException occupied =
                assertThrows(GeneralSecurityException.class, () -> backend.createDevice("k"));
        assertTrue(occupied.getMessage().contains("already holds a key"), occupied.getMessage());
    }

    @Test
    void malformedIdsAndKeysRefused() throws Exception {
        final DeviceInfo device = backend.createDevice("k");
        assertThrows(GeneralSecurityException.class, () -> backend.wrap("12345678-82-xyz", new byte[16]));
        assertThrows(GeneralSecurityException.class, () -> backend.wrap(device.id(), new byte[32]));
        assertThrows(GeneralSecurityException.class, () -> backend.loadDevice("nonsense"));
        final String otherSerial = "99" + device.id().substring(device.id().indexOf('-'));
        assertThrows(IOException.class, () -> backend.loadDevice(otherSerial));
        assertEquals("yubikey", backend.name());
        assertFalse(device.id().contains(" "));
    }
}
