package org.cipherpost.fakepiv;

import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactorySpi;

/**
 * The {@code TerminalFactory} type {@value FakePivProvider#TERMINAL_TYPE}: one reader, the one of the
 * parameter (a {@link FakePivReader}) or, without one, {@link FakePivReader#configured()}.
 */
final class FakeTerminalFactory extends TerminalFactorySpi {
    private final FakePivReader reader;

    /**
     * Creates the factory.
     *
     * @param parameter a {@link FakePivReader}, or null for the configured one
     */
    FakeTerminalFactory(final Object parameter) {
        if (parameter == null) {
            reader = FakePivReader.configured();
        } else if (parameter instanceof FakePivReader given) {
            reader = given;
        } else {
            throw new IllegalArgumentException("Parameter [" + parameter.getClass().getName()
                    + "] is not a FakePivReader");
        }
    }

    @Override
    protected CardTerminals engineTerminals() {
        return new FakeCardTerminals(reader);
    }
}
