package org.cipherpost.fakepiv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;

/**
 * The one slot of the fake reader: empty or holding one {@link FakePivCard}. In memory (unit tests: the card object
 * is the live card) or in a directory (every CLI run is a new JVM: the card's state lives in {@value #STATE_FILE},
 * loaded at each connection and written after each command; no file means no card in the reader).
 */
public final class FakePivReader {
    /** System property naming the state directory that {@link #configured()} uses. */
    public static final String DIRECTORY_PROPERTY = "cipherpost.fakepiv.dir";

    /** Name of the state file in the directory. */
    public static final String STATE_FILE = "card.properties";

    private static final FakePivReader SHARED = new FakePivReader(null);

    private final Path directory;
    private FakePivCard card;
    private int connections;

    /**
     * Creates a reader.
     *
     * @param directory state directory, or null for a reader in memory
     */
    private FakePivReader(final Path directory) {
        this.directory = directory;
    }

    /**
     * Returns a new empty reader in memory.
     *
     * @return reader
     */
    public static FakePivReader inMemory() {
        return new FakePivReader(null);
    }

    /**
     * Returns the reader whose state lives in a directory (created 0700 when missing at the first insert).
     *
     * @param directory state directory
     * @return reader
     */
    public static FakePivReader inDirectory(final Path directory) {
        return new FakePivReader(Objects.requireNonNull(directory, "Directory required").toAbsolutePath());
    }

    /**
     * Returns the reader the JDK's {@code TerminalFactory} gets without parameters: the directory of the system
     * property {@value #DIRECTORY_PROPERTY}, else one reader in memory shared by the whole JVM.
     *
     * @return reader
     */
    public static FakePivReader configured() {
        final String directory = System.getProperty(DIRECTORY_PROPERTY);
        return directory == null || directory.isBlank() ? SHARED : inDirectory(Path.of(directory));
    }

    /**
     * Puts a card into the reader, replacing any card there.
     *
     * @param inserted card
     * @throws IOException when the state cannot be written
     */
    public synchronized void insert(final FakePivCard inserted) throws IOException {
        Objects.requireNonNull(inserted, "Card required");
        if (directory == null) {
            card = inserted;
            return;
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        CardStateFile.write(stateFile(), inserted);
    }

    /**
     * Takes the card out of the reader.
     *
     * @return the card as it was, or empty when the reader was empty
     * @throws IOException when the state cannot be read or removed
     */
    public synchronized Optional<FakePivCard> eject() throws IOException {
        final Optional<FakePivCard> current = card();
        if (directory == null) {
            card = null;
        } else {
            Files.deleteIfExists(stateFile());
        }
        return current;
    }

    /**
     * Returns the card in the reader: the live card in memory, a snapshot of the state file otherwise.
     *
     * @return card, or empty when the reader is empty
     * @throws IOException when the state cannot be read
     */
    public synchronized Optional<FakePivCard> card() throws IOException {
        if (directory == null) {
            return Optional.ofNullable(card);
        }
        if (!Files.exists(stateFile(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(CardStateFile.read(stateFile()));
    }

    /**
     * Tells whether a card is in the reader.
     *
     * @return true when present
     */
    synchronized boolean present() {
        return directory == null ? card != null : Files.exists(stateFile(), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Connects to the card: a new session on it.
     *
     * @return the card, or empty when the reader is empty
     * @throws IOException when the state cannot be read
     */
    synchronized Optional<FakePivCard> connect() throws IOException {
        final Optional<FakePivCard> connected = card();
        connected.ifPresent(FakePivCard::newSession);
        if (connected.isPresent()) {
            connections++;
        }
        return connected;
    }

    /** Records that a connection made by {@link #connect()} was closed. */
    synchronized void disconnected() {
        connections--;
    }

    /**
     * Returns how many connections to this reader object are open (connected and not yet disconnected).
     *
     * @return count; a client that closes what it opens leaves 0
     */
    public synchronized int openConnections() {
        return connections;
    }

    /**
     * Stores a connected card's state after a command (nothing to do in memory).
     *
     * @param connected card
     * @throws IOException when the state cannot be written
     */
    synchronized void save(final FakePivCard connected) throws IOException {
        if (directory != null) {
            CardStateFile.write(stateFile(), connected);
        }
    }

    /** Returns the state file. */
    private Path stateFile() {
        return directory.resolve(STATE_FILE);
    }

    @Override
    public String toString() {
        return directory == null ? "FakePivReader[memory]" : "FakePivReader[" + directory + "]";
    }
}
