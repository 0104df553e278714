package org.cipherpost.plugin.yubikey;

import com.yubico.yubikit.core.Transport;
import com.yubico.yubikit.core.smartcard.SmartCardConnection;
import java.io.IOException;
import java.util.Objects;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;

/** yubikit's {@link SmartCardConnection} over a {@code javax.smartcardio} card (PC/SC, so {@code pcscd}). */
final class SmartcardioConnection implements SmartCardConnection {
    private final Card card;

    /**
     * Wraps a connected card; closing this connection disconnects it.
     *
     * @param card connected card
     */
    SmartcardioConnection(final Card card) {
        this.card = Objects.requireNonNull(card, "Card required");
    }

    @Override
    public byte[] sendAndReceive(final byte[] apdu) throws IOException {
        try {
            return card.getBasicChannel().transmit(new CommandAPDU(apdu)).getBytes();
        } catch (final CardException | IllegalArgumentException | IllegalStateException e) {
            throw new IOException("Smart card transmit failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Transport getTransport() {
        return Transport.USB;
    }

    @Override
    public boolean isExtendedLengthApduSupported() {
        return true;
    }

    @Override
    public byte[] getAtr() {
        return card.getATR().getBytes();
    }

    @Override
    public void close() throws IOException {
        try {
            card.disconnect(false);
        } catch (final CardException | IllegalStateException e) {
            throw new IOException("Smart card disconnect failed: " + e.getMessage(), e);
        }
    }
}
