package org.cipherpost.fakepiv;

import java.util.List;
import java.util.Objects;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

/** The fake reader list: exactly one reader. */
final class FakeCardTerminals extends CardTerminals {
    private final FakeCardTerminal terminal;

    /**
     * Creates the list.
     *
     * @param reader the one reader's slot
     */
    FakeCardTerminals(final FakePivReader reader) {
        this.terminal = new FakeCardTerminal(Objects.requireNonNull(reader, "Reader required"));
    }

    @Override
    public List<CardTerminal> list(final State state) throws CardException {
        Objects.requireNonNull(state, "State required");
        return switch (state) {
            case ALL -> List.of(terminal);
            case CARD_PRESENT -> terminal.isCardPresent() ? List.of(terminal) : List.of();
            case CARD_ABSENT -> terminal.isCardPresent() ? List.of() : List.of(terminal);
            case CARD_INSERTION, CARD_REMOVAL -> List.of();
        };
    }

    @Override
    public boolean waitForChange(final long timeout) throws CardException {
        throw new CardException("The fake reader raises no events");
    }
}
