package org.cipherpost.fakepiv;

import java.util.Objects;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;

/** A connection to the card in the fake reader (protocol T=1, basic channel only). */
final class FakeCard extends Card {
    private final FakePivReader reader;
    private final FakePivCard card;
    private final FakeCardChannel channel;
    private volatile boolean connected = true;

    /**
     * Connects.
     *
     * @param reader the reader, where changed state is saved
     * @param card the card, in a new session
     */
    FakeCard(final FakePivReader reader, final FakePivCard card) {
        this.reader = Objects.requireNonNull(reader, "Reader required");
        this.card = Objects.requireNonNull(card, "Card required");
        this.channel = new FakeCardChannel(this);
    }

    /**
     * Returns the reader.
     *
     * @return reader
     */
    FakePivReader reader() {
        return reader;
    }

    /**
     * Returns the PIV application behind this connection.
     *
     * @return card
     */
    FakePivCard pivCard() {
        return card;
    }

    /** Fails when the connection was closed, as the JDK's cards do. */
    void checkConnected() {
        if (!connected) {
            throw new IllegalStateException("Card has been disconnected");
        }
    }

    @Override
    public ATR getATR() {
        return new ATR(card.atr());
    }

    @Override
    public String getProtocol() {
        return "T=1";
    }

    @Override
    public CardChannel getBasicChannel() {
        checkConnected();
        return channel;
    }

    @Override
    public CardChannel openLogicalChannel() throws CardException {
        checkConnected();
        throw new CardException("Logical channels not supported by the fake card");
    }

    @Override
    public void beginExclusive() {
        checkConnected();
    }

    @Override
    public void endExclusive() {
        checkConnected();
    }

    @Override
    public byte[] transmitControlCommand(final int controlCode, final byte[] command) throws CardException {
        checkConnected();
        throw new CardException("Control commands not supported by the fake reader");
    }

    @Override
    public synchronized void disconnect(final boolean reset) {
        if (connected) {
            connected = false;
            reader.disconnected();
        }
    }
}
