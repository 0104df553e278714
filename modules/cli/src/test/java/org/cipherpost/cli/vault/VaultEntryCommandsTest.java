package org.cipherpost.cli.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.FakeTerminal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vault init, add, show, ls, find, grep, mv, cp, rm, export} in process. */
class VaultEntryCommandsTest {
    private static final Pattern RECOVERY_CODE = Pattern.compile("CPVR1(-[0-9A-HJKMNP-TV-Z]{5}){24}\n");
    private static final String SECRET = "s3cr3t-Tr0ub4dor&3";

    @TempDir
    Path root;

    private VaultCli cli;

    @BeforeEach
    void initVault() {
        cli = VaultCli.in(root);
        final VaultCli.Result init = cli.init("--name", "test-device");
        assertEquals(0, init.exitCode(), init::describe);
        assertTrue(RECOVERY_CODE.matcher(init.out()).matches(), init::describe);
        assertTrue(init.err().contains("vault created at"), init::describe);
    }

    private VaultCli.Result add(final String name, final String entry, final String... extra) {
        final List<String> args = new ArrayList<>(List.of("add", name, "--stdin"));
        args.addAll(List.of(extra));
        return cli.withStdin(entry).vault(args.toArray(String[]::new));
    }

    @Test
    void initRefusesAnExistingVaultBeforeAskingForAPassphrase() {
        final VaultCli.Result again = cli.withoutPassphrase().init();
        assertEquals(ExitCodes.GENERIC, again.exitCode(), again::describe);
        assertTrue(again.err().contains("a vault already exists"), again::describe);
    }

    @Test
    void addStdinThenShowWritesTheExactBytes() {
        final VaultCli.Result added = add("mail", SECRET + "\nusername: bob\n\nnotes \u00e9\n", "--field", "url=https://mail.example");
        assertEquals(0, added.exitCode(), added::describe);
        final VaultCli.Result shown = cli.vault("show", "mail");
        assertEquals(0, shown.exitCode(), shown::describe);
        assertEquals(SECRET + "\nusername: bob\nurl: https://mail.example\nname: mail\n\nnotes \u00e9\n", shown.out());
        final VaultCli.Result field = cli.vault("show", "mail", "--field", "USERNAME");
        assertEquals("bob\n", field.out(), field::describe);
        final VaultCli.Result missing = cli.vault("show", "mail", "--field", "pin");
        assertEquals(ExitCodes.GENERIC, missing.exitCode());
        assertTrue(missing.err().contains("has no field [pin]"), missing::describe);
    }

    @Test
    void showIsByteExactForInvalidUtf8() {
        final byte[] entry = {(byte) 0xff, (byte) 0xfe, 'x', '\n', 'k', ':', ' ', (byte) 0xc3, '\n'};
        final VaultCli.Result added = cli.withStdin(entry).vault("add", "binary", "--stdin");
        assertEquals(0, added.exitCode(), added::describe);
        final VaultCli.Result shown = cli.vault("show", "binary");
        final byte[] expected = new byte[entry.length + "name: binary\n".length()];
        System.arraycopy(entry, 0, expected, 0, entry.length);
        System.arraycopy("name: binary\n".getBytes(StandardCharsets.US_ASCII), 0, expected, entry.length, 13);
        assertArrayEquals(expected, shown.stdout());
    }

    @Test
    void addPromptsTwiceOnTheTerminalAndRefusesAMismatch() {
        final FakeTerminal terminal = new FakeTerminal(true, SECRET, SECRET);
        final VaultCli.Result added = cli.withTerminal(terminal).vault("add", "typed");
        assertEquals(0, added.exitCode(), added::describe);
        assertEquals(List.of("Secret for [typed]: ", "Repeat the secret: "), terminal.prompts());
        assertEquals(SECRET + "\nname: typed\n", cli.vault("show", "typed").out());

        final VaultCli.Result mismatch = cli.withTerminal(new FakeTerminal(true, "a", "b")).vault("add", "other");
        assertEquals(ExitCodes.GENERIC, mismatch.exitCode(), mismatch::describe);
        final VaultCli.Result noTerminal = cli.vault("add", "other");
        assertEquals(ExitCodes.USAGE, noTerminal.exitCode(), noTerminal::describe);
        assertTrue(noTerminal.err().contains("use --stdin or --generate"), noTerminal::describe);
    }

    @Test
    void generateMakesPasswordsAndPassphrasesWithoutPrintingThem() {
        final VaultCli.Result password = cli.vault("add", "gen", "--generate", "--length", "32", "--no-symbols");
        assertEquals(0, password.exitCode(), password::describe);
        assertEquals("", password.out());
        final String secret = cli.vault("show", "gen").out().lines().findFirst().orElseThrow();
        assertTrue(secret.matches("[A-Za-z0-9]{32}"), secret);
        assertFalse(password.err().contains(secret));

        assertEquals(0, cli.vault("add", "words", "--generate", "--words", "5").exitCode());
        final String words = cli.vault("show", "words").out().lines().findFirst().orElseThrow();
        assertEquals(5, words.split("-").length, words);

        final VaultCli.Result both = cli.withStdin("x").vault("add", "bad", "--stdin", "--generate");
        assertEquals(ExitCodes.USAGE, both.exitCode(), both::describe);
        final VaultCli.Result lengthAlone = cli.vault("add", "bad", "--length", "8");
        assertEquals(ExitCodes.USAGE, lengthAlone.exitCode(), lengthAlone::describe);
    }

    @Test
    void wrongPassphraseIsExit4AndPrintsNothing() {
        assertEquals(0, add("mail", SECRET + "\n").exitCode());
        final VaultCli.Result wrong = cli.withEnv("CIPHERPOST_PASSPHRASE", "wrong").vault("show", "mail");
        assertEquals(ExitCodes.PASSPHRASE, wrong.exitCode(), wrong::describe);
        assertEquals("", wrong.out());
        assertTrue(wrong.err().startsWith("cipherpost: wrong passphrase"), wrong::describe);
        assertEquals(1, wrong.err().lines().count(), wrong::describe);
        final VaultCli.Result none = cli.withoutPassphrase().vault("ls");
        assertEquals(ExitCodes.PASSPHRASE, none.exitCode(), none::describe);
    }

    @Test
    void missingVaultAndMissingEntryAreExit1() {
        final VaultCli.Result noVault = cli.withoutPassphrase().vault("ls", "--vault", root.resolve("elsewhere").toString());
        assertEquals(ExitCodes.GENERIC, noVault.exitCode(), noVault::describe);
        assertTrue(noVault.err().contains("no vault at"), noVault::describe);
        final VaultCli.Result noEntry = cli.vault("show", "absent");
        assertEquals(ExitCodes.GENERIC, noEntry.exitCode(), noEntry::describe);
        assertTrue(noEntry.err().contains("no entry named [absent]"), noEntry::describe);
        assertEquals(ExitCodes.USAGE, cli.vault("show").exitCode());
    }

    @Test
    void lsJsonFindAndGrepNeverPrintSecrets() throws IOException {
        assertEquals(0, add("mail", SECRET + "\nusername: bob\ntag: work\nurl: https://mail.example\n").exitCode());
        assertEquals(0, add("bank", SECRET + "-2\nusername: alice\ntags: money, home\n").exitCode());
        final VaultCli.Result ls = cli.vault("ls", "--json");
        assertEquals(0, ls.exitCode(), ls::describe);
        assertEquals(List.of("bank", "mail"), names(ls.out()));
        assertTrue(ls.out().contains("\"username\" : \"bob\""), ls::describe);
        assertEquals(List.of("bank", "mail"), cli.vault("ls").out().lines().map(line -> line.split(" ")[0]).toList());

        assertEquals(List.of("mail"), names(cli.vault("find", "BOB", "--json").out()));
        assertEquals(List.of("bank"), names(cli.vault("find", "money", "--json").out()));
        assertEquals(List.of("mail"), names(cli.vault("find", "--tag", "work", "--json").out()));
        assertEquals(List.of(), names(cli.vault("find", "Tr0ub4dor", "--json").out()));
        assertEquals(ExitCodes.USAGE, cli.vault("find").exitCode());
        assertEquals(ExitCodes.USAGE, cli.vault("find", "--field", "pin=1").exitCode());

        final VaultCli.Result grep = cli.vault("grep", "Tr0ub4dor");
        assertEquals(0, grep.exitCode(), grep::describe);
        assertEquals(List.of("bank:1", "mail:1"), grep.out().lines().sorted().toList());
        assertEquals(List.of("bank:2"), cli.vault("grep", "-i", "USERNAME: ALICE").out().lines().toList());
        assertEquals(ExitCodes.USAGE, cli.vault("grep", "(").exitCode());
        for (final VaultCli.Result result : List.of(ls, grep, cli.vault("find", "a"))) {
            assertFalse(result.out().contains(SECRET) || result.err().contains(SECRET), result::describe);
        }
    }

    @Test
    void namesWithControlCharactersAreRefusedAndNeverPrintedRaw() {
        final VaultCli.Result refused = add("evil\u001b[2J", SECRET + "\n");
        assertEquals(ExitCodes.USAGE, refused.exitCode(), refused::describe);
        assertEquals("evil?[2J tab?x\u00e9", Printables.clean("evil\u001b[2J tab\tx\u00e9"));
    }

    @Test
    void aTamperedEntryIsExit1WithAClearLine() throws IOException {
        assertEquals(0, add("mail", SECRET + "\n").exitCode());
        try (var entries = Files.list(cli.vault().resolve("entries"))) {
            final Path entry = entries.findFirst().orElseThrow();
            final byte[] bytes = Files.readAllBytes(entry);
            bytes[bytes.length - 3] ^= 1;
            Files.write(entry, bytes);
        }
        final VaultCli.Result shown = cli.vault("show", "mail");
        assertEquals(ExitCodes.GENERIC, shown.exitCode(), shown::describe);
        assertEquals("", shown.out());
        assertTrue(shown.err().lines().anyMatch(line -> line.startsWith("cipherpost: ")
                && (line.contains("tampered") || line.contains("altered"))), shown::describe);
        assertFalse(shown.err().contains(SECRET), shown::describe);
    }

    @Test
    void moveCopyAndRemove() {
        assertEquals(0, add("a", SECRET + "\n").exitCode());
        assertEquals(0, cli.vault("mv", "a", "b").exitCode());
        assertEquals(ExitCodes.GENERIC, cli.vault("show", "a").exitCode());
        assertEquals(0, cli.vault("cp", "b", "c").exitCode());
        assertEquals(SECRET + "\nname: c\n", cli.vault("show", "c").out());
        final VaultCli.Result clash = cli.vault("mv", "b", "c");
        assertEquals(ExitCodes.GENERIC, clash.exitCode(), clash::describe);

        final VaultCli.Result unconfirmed = cli.vault("rm", "b");
        assertEquals(ExitCodes.GENERIC, unconfirmed.exitCode(), unconfirmed::describe);
        assertTrue(unconfirmed.err().contains("use --force"), unconfirmed::describe);
        final VaultCli.Result declined = cli.withTerminal(new FakeTerminal(true, "n")).vault("rm", "b");
        assertEquals(ExitCodes.GENERIC, declined.exitCode(), declined::describe);
        assertEquals(0, cli.vault("show", "b").exitCode());
        final FakeTerminal yes = new FakeTerminal(true, "y");
        assertEquals(0, cli.withTerminal(yes).vault("rm", "b").exitCode());
        assertEquals(List.of("Remove [b]? [y/N] "), yes.prompts());
        assertEquals(0, cli.vault("rm", "c", "--force").exitCode());
        assertEquals("", cli.vault("ls").out());
        assertEquals(ExitCodes.GENERIC, cli.vault("rm", "c", "--force").exitCode());
    }

    @Test
    void exportIsRefusedWithoutPlaintextAndWritesPrivateFilesWithIt() throws IOException {
        assertEquals(0, add("web/mail", SECRET + "\n").exitCode());
        final Path target = root.resolve("plain");
        final VaultCli.Result refused = cli.vault("export", target.toString());
        assertEquals(ExitCodes.USAGE, refused.exitCode(), refused::describe);
        assertTrue(refused.err().contains("--plaintext"), refused::describe);
        assertFalse(Files.exists(target));

        final VaultCli.Result exported = cli.vault("export", "--plaintext", target.toString());
        assertEquals(0, exported.exitCode(), exported::describe);
        assertTrue(exported.err().contains("WARNING"), exported::describe);
        final Path file = target.resolve("web/mail");
        assertEquals(SECRET + "\nname: web/mail\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(ExitCodes.GENERIC, cli.vault("export", "--plaintext", target.toString()).exitCode());
    }

    /** Returns the names of a JSON listing. */
    static List<String> names(final String json) throws IOException {
        final List<String> names = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            assertEquals(JsonToken.START_ARRAY, parser.nextToken());
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    final String field = parser.currentName();
                    parser.nextToken();
                    if ("name".equals(field)) {
                        names.add(parser.getText());
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        }
        return names;
    }
}
