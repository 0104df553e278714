package org.cipherpost.fakepiv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/** The basic channel of a {@link FakeCard}: each APDU goes to the card, and a changed card state is saved. */
final class FakeCardChannel extends CardChannel {
    private final FakeCard card;

    /**
     * Creates the channel.
     *
     * @param card its card
     */
    FakeCardChannel(final FakeCard card) {
        this.card = Objects.requireNonNull(card, "Card required");
    }

    @Override
    public Card getCard() {
        return card;
    }

    @Override
    public int getChannelNumber() {
        card.checkConnected();
        return 0;
    }

    @Override
    public ResponseAPDU transmit(final CommandAPDU command) throws CardException {
        Objects.requireNonNull(command, "Command required");
        return new ResponseAPDU(exchange(command.getBytes()));
    }

    @Override
    public int transmit(final ByteBuffer command, final ByteBuffer response) throws CardException {
        final byte[] bytes = new byte[command.remaining()];
        command.get(bytes);
        final byte[] answer = exchange(bytes);
        if (response.remaining() < answer.length) {
            throw new CardException("Response buffer too small [" + response.remaining() + "] for ["
                    + answer.length + "] bytes");
        }
        response.put(answer);
        return answer.length;
    }

    @Override
    public void close() throws CardException {
        throw new IllegalStateException("The basic channel cannot be closed");
    }

    /** Sends an APDU to the card and saves its state when the APDU changed it. */
    private byte[] exchange(final byte[] apdu) throws CardException {
        card.checkConnected();
        final byte[] answer = card.pivCard().transmit(apdu);
        if (card.pivCard().takeChanged()) {
            try {
                card.reader().save(card.pivCard());
            } catch (final IOException e) {
                throw new CardException("Fake card state not saved: " + e.getMessage(), e);
            }
        }
        return answer;
    }
}
