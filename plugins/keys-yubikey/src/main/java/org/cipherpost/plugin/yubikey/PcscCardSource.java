package org.cipherpost.plugin.yubikey;

import com.yubico.yubikit.core.smartcard.SmartCardConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

/** The cards in PC/SC readers that hold a card now, through the JDK's {@code javax.smartcardio}. */
final class PcscCardSource implements CardSource {
    @Override
    public List<SmartCardConnection> connectAll() throws IOException {
        final List<CardTerminal> terminals;
        try {
            terminals = TerminalFactory.getDefault().terminals().list(CardTerminals.State.CARD_PRESENT);
        } catch (final CardException | SecurityException e) {
            throw new IOException("PC/SC not available (is pcscd running?): " + e.getMessage(), e);
        }
        final List<SmartCardConnection> connections = new ArrayList<>();
        for (final CardTerminal terminal : terminals) {
            try {
                connections.add(new SmartcardioConnection(terminal.connect("*")));
            } catch (final CardException e) {
                // A reader whose card cannot be reached (e.g. held exclusively by another program) is skipped.
                continue;
            }
        }
        return connections;
    }
}
