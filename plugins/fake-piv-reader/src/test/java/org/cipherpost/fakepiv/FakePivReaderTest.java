package org.cipherpost.fakepiv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.smartcardio.Card;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake reader through the JDK's javax.smartcardio API: presence, APDUs, state kept in a directory. */
class FakePivReaderTest {
    private static final byte[] SELECT_PIV = HexFormat.of().parseHex("00a4040005a000000308");
    private static final byte[] VERIFY_RIGHT = HexFormat.of().parseHex("0020008008313233343536ffff");
    private static final byte[] VERIFY_WRONG = HexFormat.of().parseHex("0020008008393939393939ffff");

    @TempDir
    Path directory;

    @Test
    void emptyReaderListsNoCardAndRefusesToConnect() throws Exception {
        final CardTerminals terminals = factory(FakePivReader.inMemory()).terminals();
        assertEquals(1, terminals.list().size());
        assertEquals(List.of(), terminals.list(CardTerminals.State.CARD_PRESENT));
        final CardTerminal terminal = terminals.list().getFirst();
        assertFalse(terminal.isCardPresent());
        assertThrows(CardNotPresentException.class, () -> terminal.connect("*"));
    }

    @Test
    void cardAnswersApdusAndCountsPinRetries() throws Exception {
        final FakePivReader reader = FakePivReader.inMemory();
        final FakePivCard card = new FakePivCard(12345678L, "123456");
        reader.insert(card);
        final Card connected = factory(reader).terminals().list(CardTerminals.State.CARD_PRESENT).getFirst()
                .connect("*");
        assertEquals(0x9000, connected.getBasicChannel().transmit(new CommandAPDU(SELECT_PIV)).getSW());
        final byte[] serial = connected.getBasicChannel().transmit(new CommandAPDU(0, 0xf8, 0, 0, 256)).getData();
        assertArrayEquals(HexFormat.of().parseHex("00bc614e"), serial);
        assertEquals(0x63c2, connected.getBasicChannel().transmit(new CommandAPDU(VERIFY_WRONG)).getSW());
        assertEquals(2, card.retries());
        assertEquals(0x9000, connected.getBasicChannel().transmit(new CommandAPDU(VERIFY_RIGHT)).getSW());
        assertEquals(3, card.retries());
        connected.disconnect(false);
        assertThrows(IllegalStateException.class, connected::getBasicChannel);
    }

    @Test
    void stateLivesInTheDirectoryPrivatelyAndWithoutThePin() throws Exception {
        FakePivReader.inDirectory(directory).insert(new FakePivCard(7L, "654321"));
        final Path file = directory.resolve(FakePivReader.STATE_FILE);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertFalse(Files.readString(file, StandardCharsets.US_ASCII).contains("654321"));

        // A second reader object on the same directory stands for the next JVM.
        final Card connected = factory(FakePivReader.inDirectory(directory)).terminals().list().getFirst()
                .connect("T=1");
        assertEquals(0x63c2, connected.getBasicChannel().transmit(new CommandAPDU(VERIFY_WRONG)).getSW());
        assertEquals(2, FakePivReader.inDirectory(directory).card().orElseThrow().retries());

        assertEquals(7L, FakePivReader.inDirectory(directory).eject().orElseThrow().serial());
        assertFalse(Files.exists(file));
        assertTrue(FakePivReader.inDirectory(directory).card().isEmpty());
    }

    @Test
    void providerRefusesAParameterThatIsNotAReader() {
        assertThrows(NoSuchAlgorithmException.class, () -> TerminalFactory.getInstance(FakePivProvider.TERMINAL_TYPE,
                "not a reader", new FakePivProvider()));
    }

    /** Returns the provider's TerminalFactory on a reader. */
    private static TerminalFactory factory(final FakePivReader reader) throws Exception {
        return TerminalFactory.getInstance(FakePivProvider.TERMINAL_TYPE, reader, new FakePivProvider());
    }
}
