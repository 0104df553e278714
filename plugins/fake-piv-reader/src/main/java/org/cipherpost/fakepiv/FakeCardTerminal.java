package org.cipherpost.fakepiv;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;

/** The fake reader as a {@code javax.smartcardio} terminal; it raises no insertion or removal events. */
final class FakeCardTerminal extends CardTerminal {
    /** The reader's name, as PC/SC would list it. */
    static final String NAME = "Cipherpost Fake PIV Reader 00 00";

    private final FakePivReader reader;

    /**
     * Creates the terminal.
     *
     * @param reader the reader slot
     */
    FakeCardTerminal(final FakePivReader reader) {
        this.reader = Objects.requireNonNull(reader, "Reader required");
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Card connect(final String protocol) throws CardException {
        Objects.requireNonNull(protocol, "Protocol required");
        if (!protocol.equals("*") && !protocol.equals("T=1")) {
            throw new CardException("Protocol [" + protocol + "] not supported by the fake card");
        }
        final Optional<FakePivCard> card;
        try {
            card = reader.connect();
        } catch (final IOException e) {
            throw new CardException("Fake card state not readable: " + e.getMessage(), e);
        }
        if (card.isEmpty()) {
            throw new CardNotPresentException("No card present in [" + NAME + "]");
        }
        return new FakeCard(reader, card.get());
    }

    @Override
    public boolean isCardPresent() {
        return reader.present();
    }

    @Override
    public boolean waitForCardPresent(final long timeout) {
        checkTimeout(timeout);
        return isCardPresent();
    }

    @Override
    public boolean waitForCardAbsent(final long timeout) {
        checkTimeout(timeout);
        return !isCardPresent();
    }

    /** Refuses a negative timeout, as the JDK's terminals do. */
    private static void checkTimeout(final long timeout) {
        if (timeout < 0) {
            throw new IllegalArgumentException("Timeout [" + timeout + "] negative");
        }
    }
}
