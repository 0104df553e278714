package org.cipherpost.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cipherpost.fakepiv.FakePivCard;
import org.cipherpost.fakepiv.FakePivProvider;
import org.cipherpost.fakepiv.FakePivReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped keys-yubikey plugin through the real launcher, as a user runs it, against a fake YubiKey: the
 * fake-piv-reader jar goes on the class path through {@code CIPHERPOST_JAVA_OPTS} with a security properties file
 * that installs its provider, and {@code javax.smartcardio.TerminalFactory.DefaultType} makes its reader the JDK's
 * default, so the plugin's own PC/SC code talks to it unchanged. The card's state lives in a directory, shared by the
 * test (which inserts, ejects and inspects cards) and every CLI run (a new JVM each). PIN and management key are typed
 * on a real pseudo-terminal.
 */
class YubiKeyVaultIT {
    private static final long SERIAL = 12345678L;
    private static final String PIN = "481516";
    private static final String WRONG_PIN = "273649";
    private static final String MANAGEMENT_KEY = "010203040506070801020304050607080102030405060708";
    private static final String PASS = "correct horse battery staple";
    private static final String PIN_PROMPT = "YubiKey [" + SERIAL + "] PIV PIN: ";
    private static final String PLUGIN = "key backend [keys-yubikey ";
    private static final Pattern PROVIDER = Pattern.compile("security\\.provider\\.(\\d+)\\s*=.*");

    private Path home;
    private Path runtime;
    private Path passphrase;
    private FakePivReader reader;
    private String javaOptions;

    @BeforeEach
    void setUp() throws Exception {
        final Path fakeJar = Path.of(System.getProperty("cipherpost.it.plugins"))
                .resolve("cipherpost-fake-piv-reader.jar");
        assertTrue(Files.isRegularFile(fakeJar), fakeJar::toString);
        final Path work = Launcher.newPrivateDirectory("yubikey-");
        final Path cardDirectory = work.resolve("card");
        reader = FakePivReader.inDirectory(cardDirectory);
        reader.insert(new FakePivCard(SERIAL, PIN));
        // Appended after the runtime's own providers: the next free security.provider.N.
        final Path security = work.resolve("fakepiv.security");
        Files.writeString(security, "security.provider." + nextProviderNumber() + "=" + FakePivProvider.NAME + "\n",
                StandardCharsets.US_ASCII);
        javaOptions = String.join(" ", "-cp", fakeJar.toString(), "-Djava.security.properties=" + security,
                "-Djavax.smartcardio.TerminalFactory.DefaultType=" + FakePivProvider.TERMINAL_TYPE,
                "-D" + FakePivReader.DIRECTORY_PROPERTY + "=" + cardDirectory);
        home = Launcher.newPrivateDirectory("home-");
        runtime = Launcher.newRuntimeDirectory();
        passphrase = work.resolve("recovery-passphrase.txt");
        Files.writeString(passphrase, PASS + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passphrase, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theImageShipsThePluginAndLaunchesCleanlyWithTheFakeReader() throws Exception {
        final LaunchResult list = Launcher.cipherpost().run("plugin", "list");
        assertEquals(0, list.exitCode(), list::describe);
        assertTrue(list.out().contains("keys-yubikey 0.1.0-SNAPSHOT  started  "
                + Launcher.image().resolve("plugins/cipherpost-keys-yubikey.jar")), list::describe);
        assertTrue(list.out().contains("provides key-backend yubikey"), list::describe);
        assertEquals("", list.err(), list::describe);

        // The extra class path entry and security file neither break the launch, nor print, nor lose the AOT cache.
        final Launcher withFake = launcher();
        final LaunchResult version = withFake.run("--version");
        assertEquals(0, version.exitCode(), version::describe);
        assertEquals("", version.err(), version::describe);
        if (Files.isRegularFile(Launcher.image().resolve("lib/cipherpost.aot"))) {
            final LaunchResult loaded = withFake.withEnv("CIPHERPOST_JAVA_OPTS",
                    javaOptions + " -Xlog:class+load=info:stdout").run("--version");
            assertTrue(loaded.out().contains("org.cipherpost.cli.Main source: shared objects file"),
                    loaded::describe);
        }
    }

    @Test
    void everyOpenInAFreshJvmGoesThroughTheCard() throws Exception {
        final String device = initVault();
        final Path deviceKey = deviceKeyFile();
        final String stored = Files.readString(deviceKey, StandardCharsets.US_ASCII);
        assertTrue(stored.startsWith("cipherpost key-backend device key v1\nbackend: yubikey\ndevice: " + device
                + "\n"), stored);
        assertEquals(0, card().agreements(), "init wraps to the public key only");

        // The secret is piped in, so the PIN is read from /dev/tty (standard input is not the terminal).
        final TerminalSession add = session("printf 'held secret\\n' | " + command("vault", "add", "mail", "--stdin"));
        add.answer(PIN_PROMPT, PIN);
        assertEquals(0, add.finish(), add::transcript);
        assertFalse(add.transcript().contains(PIN), add::transcript);
        assertEquals(1, card().agreements(), "add unlocked the device key on the card");

        final TerminalSession show = session(command("vault", "show", "mail"));
        show.answer(PIN_PROMPT, PIN);
        assertEquals(0, show.finish(), show::transcript);
        assertTrue(show.transcript().contains("held secret"), show::transcript);
        assertFalse(show.transcript().contains(PIN), show::transcript);
        assertEquals(2, card().agreements(), "show unlocked it again in its own JVM");
        assertEquals(3, card().retries());

        for (final Path file : files(home)) {
            final String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(PIN), () -> "PIN in " + file);
        }
    }

    @Test
    void aWrongPinIsOneLineExitFourAndChangesNothing() throws Exception {
        initVault();
        addEntry();
        final Map<Path, byte[]> before = snapshot(home.resolve("vault"));
        final int agreements = card().agreements();

        final TerminalSession wrong = session(command("--verbose", "vault", "show", "mail"));
        wrong.answer(PIN_PROMPT, WRONG_PIN);
        assertEquals(4, wrong.finish(), wrong::transcript);
        final String transcript = wrong.transcript();
        assertFalse(transcript.contains(WRONG_PIN), "neither echoed nor in a message or the stack trace");
        assertFalse(transcript.contains("held secret"), transcript);
        final String summary = "cipherpost: decryption failed: " + PLUGIN;
        assertTrue(transcript.contains(summary), transcript);
        assertTrue(transcript.contains("unwrap: YubiKey PIN wrong, retries left [2]"), transcript);
        assertEquals(2, card().retries());
        assertEquals(agreements, card().agreements(), "no key agreement without the PIN");
        assertSnapshot(before, home.resolve("vault"));

        final TerminalSession quiet = session(command("vault", "show", "mail"));
        quiet.answer(PIN_PROMPT, WRONG_PIN);
        assertEquals(4, quiet.finish(), quiet::transcript);
        final List<String> lines = afterPrompt(quiet.transcript());
        assertEquals(1, lines.size(), quiet::transcript);
        assertTrue(lines.getFirst().startsWith(summary) && lines.getFirst().endsWith("retries left [1]"),
                quiet::transcript);
        assertSnapshot(before, home.resolve("vault"));

        final TerminalSession right = session(command("vault", "show", "mail"));
        right.answer(PIN_PROMPT, PIN);
        assertEquals(0, right.finish(), right::transcript);
        assertTrue(right.transcript().contains("held secret"), right::transcript);
        assertTrue(right.transcript().contains("Touch YubiKey [" + SERIAL + "] now"), right::transcript);
        assertEquals(3, card().retries(), "the right PIN resets the counter");
    }

    @Test
    void noCardAnotherCardOrAnotherKeyIsRefusedClearlyWithoutAskingForThePin() throws Exception {
        initVault();
        addEntry();
        final Map<Path, byte[]> before = snapshot(home.resolve("vault"));
        // No terminal at all: a prompt would fail differently, so these prove the card is checked before the PIN.
        final Launcher noTerminal = launcher();
        final FakePivCard original = reader.eject().orElseThrow();

        final LaunchResult empty = noTerminal.run("vault", "show", "mail");
        assertEquals(1, empty.exitCode(), empty::describe);
        assertEquals("", empty.out(), empty::describe);
        assertOneLine(empty, "unwrap: YubiKey [" + SERIAL + "] not present");

        reader.insert(new FakePivCard(87654321L, PIN));
        final LaunchResult another = noTerminal.run("vault", "show", "mail");
        assertEquals(1, another.exitCode(), another::describe);
        assertOneLine(another, "unwrap: YubiKey [" + SERIAL + "] not present");

        // The same YubiKey after a PIV reset with a new key generated in the slot.
        final FakePivCard reset = new FakePivCard(SERIAL, PIN);
        reset.generateKey(0x82);
        reader.insert(reset);
        final LaunchResult otherKey = noTerminal.run("vault", "show", "mail");
        assertEquals(4, otherKey.exitCode(), otherKey::describe);
        assertEquals("", otherKey.out(), otherKey::describe);
        assertOneLine(otherKey, "decryption failed: " + PLUGIN);
        assertOneLine(otherKey, "unwrap: Slot [82] of YubiKey [" + SERIAL + "] no longer holds this device's key");
        assertEquals(0, card().agreements());
        assertEquals(3, card().retries());
        assertSnapshot(before, home.resolve("vault"));

        reader.insert(original);
        final TerminalSession back = session(command("vault", "show", "mail"));
        back.answer(PIN_PROMPT, PIN);
        assertEquals(0, back.finish(), back::transcript);
        assertTrue(back.transcript().contains("held secret"), back::transcript);
    }

    @Test
    void anUnlockedAgentShowsWithoutAskingTheCardAgain() throws Exception {
        initVault();
        addEntry();
        final TerminalSession unlock = session(command("vault", "unlock", "--timeout", "2m"));
        unlock.answer(PIN_PROMPT, PIN);
        assertEquals(0, unlock.finish(), unlock::transcript);
        final int agreements = card().agreements();
        try {
            reader.eject();
            final LaunchResult shown = launcher().run("vault", "show", "mail");
            assertEquals(0, shown.exitCode(), shown::describe);
            assertEquals("held secret\nname: mail\n", shown.out(), shown::describe);
            assertEquals(agreements, reader.card().map(FakePivCard::agreements).orElse(agreements));
        } finally {
            launcher().run("vault", "lock");
        }
    }

    /** Runs {@code vault init --key-backend yubikey} on the terminal, typing the management key; returns the id. */
    private String initVault() throws Exception {
        final TerminalSession init = session(command("vault", "init", "--key-backend", "yubikey",
                "--passphrase-file", passphrase.toString(), "--kdf-memory", "8192", "--kdf-iterations", "1"));
        init.answer("YubiKey [" + SERIAL + "] PIV management key (hex): ", MANAGEMENT_KEY);
        assertEquals(0, init.finish(), init::transcript);
        assertTrue(init.transcript().contains("cipherpost: vault created at"), init::transcript);
        assertFalse(init.transcript().contains(MANAGEMENT_KEY), "management key not echoed");
        final byte[] point = card().publicPoint(0x82);
        assertEquals(65, point.length, "a key was generated in slot 82");
        assertArrayEquals(new byte[] {2, 3}, card().policies(0x82), "PIN once, touch cached");
        final String text = Files.readString(deviceKeyFile(), StandardCharsets.US_ASCII);
        final Matcher device = Pattern.compile("\ndevice: (" + SERIAL + "-82-[A-Za-z0-9_-]{87})\n").matcher(text);
        assertTrue(device.find(), text);
        return device.group(1);
    }

    /** Adds the entry {@code mail} on the terminal, typing the PIN. */
    private void addEntry() throws Exception {
        final TerminalSession add = session("printf 'held secret\\n' | " + command("vault", "add", "mail", "--stdin"));
        add.answer(PIN_PROMPT, PIN);
        assertEquals(0, add.finish(), add::transcript);
    }

    /** Returns the card in the reader now. */
    private FakePivCard card() throws IOException {
        return reader.card().orElseThrow(() -> new AssertionError("no card in the reader"));
    }

    /** Returns a launcher without a terminal on this test's home, with the fake reader. */
    private Launcher launcher() throws IOException {
        return Launcher.cipherpost().withHome(home).withEnv("CIPHERPOST_JAVA_OPTS", javaOptions)
                .withEnv("XDG_RUNTIME_DIR", runtime.toString());
    }

    /** Starts a shell command line on a pseudo-terminal with this test's home. */
    private TerminalSession session(final String commandLine) throws IOException {
        return TerminalSession.start(home, commandLine);
    }

    /** Returns the shell words running bin/cipherpost with the fake reader's JVM options. */
    private String command(final String... args) {
        final List<String> words = new ArrayList<>();
        words.add("CIPHERPOST_JAVA_OPTS=" + quote(javaOptions));
        words.add("XDG_RUNTIME_DIR=" + quote(runtime.toString()));
        words.add(quote(Launcher.image().resolve("bin/cipherpost").toString()));
        for (final String arg : args) {
            words.add(quote(arg));
        }
        return String.join(" ", words);
    }

    /** Quotes a word for the shell. */
    private static String quote(final String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Returns this device's key file (exactly one). */
    private Path deviceKeyFile() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("vault-devices"))) {
            final List<Path> keys = files.filter(file -> file.toString().endsWith(".key")).toList();
            assertEquals(1, keys.size(), keys::toString);
            return keys.getFirst();
        }
    }

    /** Asserts that stderr is exactly one line naming the plugin and giving the reason. */
    private static void assertOneLine(final LaunchResult result, final String reason) {
        final List<String> lines = result.err().lines().toList();
        assertEquals(1, lines.size(), result::describe);
        assertTrue(lines.getFirst().startsWith("cipherpost: ") && lines.getFirst().contains(PLUGIN)
                && lines.getFirst().contains(reason), result::describe);
    }

    /** Returns the non-blank terminal lines after the last PIN prompt. */
    private static List<String> afterPrompt(final String transcript) {
        return transcript.substring(transcript.lastIndexOf(PIN_PROMPT) + PIN_PROMPT.length()).lines()
                .map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** Reads every file under a directory (the lock file's contents included). */
    private static Map<Path, byte[]> snapshot(final Path directory) throws IOException {
        final Map<Path, byte[]> contents = new TreeMap<>();
        for (final Path file : files(directory)) {
            contents.put(directory.relativize(file), Files.readAllBytes(file));
        }
        return contents;
    }

    /** Asserts a directory holds the same files with the same bytes as before. */
    private static void assertSnapshot(final Map<Path, byte[]> before, final Path directory) throws IOException {
        final Map<Path, byte[]> after = snapshot(directory);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file::toString));
    }

    /** Lists the regular files under a directory. */
    private static List<Path> files(final Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }

    /** Returns the first free {@code security.provider.N} of the image's runtime. */
    private static int nextProviderNumber() throws IOException {
        final Path file = Launcher.image().resolve("runtime/conf/security/java.security");
        int highest = 0;
        for (final String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            final Matcher matcher = PROVIDER.matcher(line.strip());
            if (matcher.matches()) {
                highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
            }
        }
        assertTrue(highest > 0, "no security.provider.N in " + file);
        return highest + 1;
    }
}
