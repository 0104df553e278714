package org.cipherpost.fakepiv;

import java.io.Serial;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;

/**
 * A security provider with one service, the {@code javax.smartcardio} {@code TerminalFactory} type
 * {@value #TERMINAL_TYPE}: one reader holding a fake YubiKey PIV card. Installed into a JVM without code with a
 * security properties file ({@code -Djava.security.properties=FILE} and the jar on the class path):
 *
 * <pre>
 * security.provider.N=org.cipherpost.fakepiv.FakePivProvider
 * javax.smartcardio.TerminalFactory.DefaultType=CipherpostFakePiv
 * </pre>
 */
public final class FakePivProvider extends Provider {
    /** Provider name. */
    public static final String NAME = "CipherpostFakePiv";

    /** The {@code TerminalFactory} type. */
    public static final String TERMINAL_TYPE = "CipherpostFakePiv";

    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the provider. */
    public FakePivProvider() {
        super(NAME, "1.0", "Cipherpost tests: a javax.smartcardio reader holding a fake YubiKey PIV card");
        putService(new TerminalService(this));
    }

    /** The TerminalFactory service, instantiated without reflection. */
    private static final class TerminalService extends Service {
        /**
         * Creates the service.
         *
         * @param provider its provider
         */
        TerminalService(final Provider provider) {
            super(provider, "TerminalFactory", TERMINAL_TYPE, FakeTerminalFactory.class.getName(), null, null);
        }

        @Override
        public Object newInstance(final Object constructorParameter) throws NoSuchAlgorithmException {
            try {
                return new FakeTerminalFactory(constructorParameter);
            } catch (final IllegalArgumentException e) {
                throw new NoSuchAlgorithmException(e.getMessage(), e);
            }
        }
    }
}
