package org.cipherpost.plugin.yubikey;

import com.yubico.yubikit.core.smartcard.SmartCardConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

/**
 * The cards in the readers that hold a card now, through the JDK's {@code javax.smartcardio}: by default the JDK's
 * default {@link TerminalFactory}, PC/SC unless the security property
 * {@code javax.smartcardio.TerminalFactory.DefaultType} names another type.
 */
final class PcscCardSource implements CardSource {
    private final Supplier<TerminalFactory> factory;

    /** Creates the source on the JDK's default terminal factory. */
    PcscCardSource() {
        this(TerminalFactory::getDefault);
    }

    /**
     * Creates the source on a given terminal factory.
     *
     * @param factory where the readers come from, asked at every connection
     */
    PcscCardSource(final Supplier<TerminalFactory> factory) {
        this.factory = Objects.requireNonNull(factory, "Terminal Factory required");
    }

    @Override
    public List<SmartCardConnection> connectAll() throws IOException {
        final List<CardTerminal> terminals;
        try {
            terminals = factory.get().terminals().list(CardTerminals.State.CARD_PRESENT);
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
