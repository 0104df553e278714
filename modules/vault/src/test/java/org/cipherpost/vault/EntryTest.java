package org.cipherpost.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Entry parsing, printing and editing on hand-picked inputs, each edge case of the format once. */
class EntryTest {
    private static final String SEED_EXAMPLE = """
            correct horse battery staple
            tag: comics
            username: Tr0ub4dor&3
            To anyone who understands information theory and security and is in an
            infuriating argument with someone who does not (possibly involving mixed case),
            I sincerely apologize.
            """;

    @Test
    void parsesTheSeedExample() {
        try (Entry entry = parse(SEED_EXAMPLE)) {
            assertEquals("correct horse battery staple", text(entry.secret()));
            assertEquals(List.of("tag", "username"), names(entry));
            assertEquals("comics", entry.first("tag").orElseThrow().valueText());
            assertEquals("Tr0ub4dor&3", entry.first(Fields.USERNAME).orElseThrow().valueText());
            assertTrue(text(entry.notes()).startsWith("To anyone who understands"));
            assertTrue(text(entry.notes()).endsWith("apologize.\n"));
            assertFalse(entry.hasBlankLine());
            assertRoundTrip(SEED_EXAMPLE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "\n",
        "\r\n",
        "secret",
        "secret\n",
        "secret\r\n",
        "secret\r",
        "secret\r\r\n",
        "\n\n\n",
        "pw\r\nname: a\r\nnotes\r\n",
        "pw\nname: a\r\nurl: b\nnotes without newline",
        "pw\n: starts with colon space\nname: x\n",
        "pw\nk: \n",
        "pw\nk:\nv: w\n",
        "pw\nname: a\n\nnote: looks like a field\n",
        "pw\nname: a\n\n\n\nnotes after blank lines\n",
        "pw\nname: a\nplain\nx: y\n",
        "pw\nname: value: with: colons\n",
        "pw\n\u0000: \u0000\n\u0000",
        "\u00ff\u00fe\u0080\nk\u0080: \u00c3\u0028\n\u0080",
        "pw\n\tk: v\n \n",
        "pw\nk: v\r",
        "pw\n\r\nk: v\n",
    })
    void printsExactlyWhatItParsed(final String input) {
        assertRoundTrip(input);
    }

    @Test
    void keepsCarriageReturnLineFeedPerLine() {
        try (Entry entry = parse("pw\r\nname: a\r\nurl: b\nrest")) {
            assertEquals("pw", text(entry.secret()));
            assertEquals("a", entry.first("name").orElseThrow().valueText());
            assertEquals("b", entry.first("url").orElseThrow().valueText());
            assertEquals("rest", text(entry.notes()));
        }
    }

    @Test
    void emptyInputHasEmptySecretAndNothingElse() {
        try (Entry entry = parse("")) {
            assertFalse(entry.hasSecret());
            assertEquals(0, entry.secret().length());
            assertTrue(entry.fields().isEmpty());
            assertFalse(entry.hasNotes());
        }
    }

    @Test
    void blankFirstLineMeansNoSecret() {
        try (Entry entry = parse("\nname: example\n")) {
            assertFalse(entry.hasSecret());
            assertEquals("example", entry.first("name").orElseThrow().valueText());
        }
    }

    @Test
    void firstLineIsTheSecretEvenWhenItLooksLikeAField() {
        try (Entry entry = parse("name: example\nurl: x\n")) {
            assertTrue(entry.hasSecret());
            assertEquals("name: example", text(entry.secret()));
            assertTrue(entry.first("name").isEmpty());
            assertEquals(List.of("url"), names(entry));
        }
    }

    @Test
    void lineStartingWithColonSpaceStartsTheNotes() {
        try (Entry entry = parse("pw\n: value\nname: x\n")) {
            assertTrue(entry.fields().isEmpty());
            assertEquals(": value\nname: x\n", text(entry.notes()));
        }
    }

    @Test
    void fieldWithoutSpaceAfterColonStartsTheNotes() {
        try (Entry entry = parse("pw\nname: a\nk:\nurl: b\n")) {
            assertEquals(List.of("name"), names(entry));
            assertEquals("k:\nurl: b\n", text(entry.notes()));
        }
    }

    @Test
    void fieldWithEmptyValueIsAField() {
        try (Entry entry = parse("pw\nk: \nname: a\n")) {
            assertEquals(List.of("k", "name"), names(entry));
            assertEquals("", entry.first("k").orElseThrow().valueText());
        }
    }

    @Test
    void valueKeepsLaterColons() {
        try (Entry entry = parse("pw\nurl: https://example.com: 8443\n")) {
            assertEquals("https://example.com: 8443", entry.first("url").orElseThrow().valueText());
        }
    }

    @Test
    void blankLineSeparatesFieldsFromNotesThatLookLikeFields() {
        try (Entry entry = parse("pw\nname: a\n\nx: y\nz: w\n")) {
            assertEquals(List.of("name"), names(entry));
            assertTrue(entry.hasBlankLine());
            assertEquals("x: y\nz: w\n", text(entry.notes()));
        }
    }

    @Test
    void fieldLikeLinesAfterTheFirstNoteLineStayNotes() {
        try (Entry entry = parse("pw\nname: a\nfree text\npin: 1234\n")) {
            assertEquals(List.of("name"), names(entry));
            assertTrue(entry.all("pin").isEmpty());
            assertEquals("free text\npin: 1234\n", text(entry.notes()));
        }
    }

    @Test
    void lookupsIgnoreCaseAndKeepOrder() {
        try (Entry entry = parse("pw\nTag: one\nname: a\ntag: two\nTAG: three\n")) {
            assertEquals("a", entry.first("NAME").orElseThrow().valueText());
            assertEquals(List.of("one", "two", "three"),
                    entry.all("tag").stream().map(Field::valueText).toList());
            assertEquals("Tag", entry.first("tag").orElseThrow().name());
            assertTrue(entry.first("missing").isEmpty());
        }
    }

    @Test
    void nameThatIsNotUtf8NeverMatches() {
        try (Entry entry = Entry.parse(new byte[] {'p', '\n', (byte) 0xff, ':', ' ', 'v', '\n'})) {
            assertEquals(1, entry.fields().size());
            assertEquals("\ufffd", entry.fields().get(0).name());
            assertFalse(entry.fields().get(0).hasName("\ufffd"));
        }
    }

    @Test
    void valueBytesSurviveWithoutDecoding() {
        final byte[] input = {'p', '\n', 'k', ':', ' ', 0, (byte) 0x80, (byte) 0xff, '\n'};
        try (Entry entry = Entry.parse(input); SecretBytes value = entry.first("k").orElseThrow().value()) {
            assertArrayEquals(new byte[] {0, (byte) 0x80, (byte) 0xff}, value.bytes());
        }
    }

    @Test
    void withSecretReplacesOnlyTheFirstLine() {
        try (Entry entry = parse("old\r\nname: a\r\n\r\nnotes"); SecretBytes secret = bytes("new pass");
                Entry changed = entry.withSecret(secret)) {
            assertEquals("new pass\r\nname: a\r\n\r\nnotes", printed(changed));
        }
    }

    @Test
    void withSecretOnEmptyEntryAddsNoNewline() {
        try (Entry entry = parse(""); SecretBytes secret = bytes("pw"); Entry changed = entry.withSecret(secret)) {
            assertEquals("pw", printed(changed));
        }
    }

    @Test
    void withFieldReplacesFirstMatchAndDropsLaterOnes() {
        try (Entry entry = parse("pw\nTag: one\nname: a\ntag: two\n\nnotes\n");
                Entry changed = entry.withField("tag", "only")) {
            assertEquals("pw\nTag: only\nname: a\n\nnotes\n", printed(changed));
        }
    }

    @Test
    void withFieldAddsAfterLastFieldBeforeNotes() {
        try (Entry entry = parse("pw\nname: a\nfree text\n"); Entry changed = entry.withField("url", "u")) {
            assertEquals("pw\nname: a\nurl: u\nfree text\n", printed(changed));
        }
    }

    @Test
    void addedFieldUsesTheEntryNewline() {
        try (Entry entry = parse("pw\r\nname: a\r\n"); Entry changed = entry.withAddedField("tag", "t")) {
            assertEquals("pw\r\nname: a\r\ntag: t\r\n", printed(changed));
        }
    }

    @Test
    void addedFieldKeepsAMissingFinalNewlineMissing() {
        try (Entry entry = parse("pw\nname: a"); Entry changed = entry.withAddedField("tag", "t")) {
            assertEquals("pw\nname: a\ntag: t", printed(changed));
        }
        try (Entry entry = parse("pw"); Entry changed = entry.withAddedField("tag", "t")) {
            assertEquals("pw\ntag: t", printed(changed));
        }
        try (Entry entry = parse(""); Entry changed = entry.withAddedField("name", "n")) {
            assertEquals("\nname: n", printed(changed));
        }
    }

    @Test
    void withoutFieldRemovesEveryMatchAndKeepsTheRest() {
        try (Entry entry = parse("pw\ntag: a\nname: n\nTAG: b\n\ntag: in notes\n");
                Entry changed = entry.withoutField("Tag")) {
            assertEquals("pw\nname: n\n\ntag: in notes\n", printed(changed));
        }
    }

    @Test
    void withoutLastUnterminatedFieldKeepsTheEntryUnterminated() {
        try (Entry entry = parse("pw\nname: n\ntag: a"); Entry changed = entry.withoutField("tag")) {
            assertEquals("pw\nname: n", printed(changed));
        }
        try (Entry entry = parse("pw\ntag: a"); Entry changed = entry.withoutField("tag")) {
            assertEquals("pw", printed(changed));
        }
    }

    @Test
    void createEndsTheSecretLine() {
        try (SecretBytes secret = bytes("pw"); Entry entry = Entry.create(secret);
                Entry named = entry.withField(Fields.NAME, "example.com")) {
            assertEquals("pw\n", printed(entry));
            assertEquals("pw\nname: example.com\n", printed(named));
        }
    }

    @Test
    void rejectsLinesThatWouldNotParseBack() {
        try (Entry entry = parse("pw\n"); SecretBytes lineFeed = bytes("a\nb"); SecretBytes cr = bytes("a\r")) {
            assertThrows(IllegalArgumentException.class, () -> entry.withSecret(lineFeed));
            assertThrows(IllegalArgumentException.class, () -> entry.withSecret(cr));
            assertThrows(IllegalArgumentException.class, () -> entry.withField("k", lineFeed));
            assertThrows(IllegalArgumentException.class, () -> entry.withAddedField("k", cr));
            assertThrows(IllegalArgumentException.class, () -> entry.withField("", "v"));
            assertThrows(IllegalArgumentException.class, () -> entry.withField("a: b", "v"));
            assertThrows(IllegalArgumentException.class, () -> entry.withField("a\nb", "v"));
            assertThrows(IllegalArgumentException.class, () -> entry.withField("a\rb", "v"));
            assertThrows(IllegalArgumentException.class, () -> entry.withField("\ud800", "v"));
        }
    }

    @Test
    void secretValueMessagesDoNotEchoTheValue() {
        try (Entry entry = parse("pw\n"); SecretBytes secret = bytes("hunter2\nmore")) {
            final IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> entry.withSecret(secret));
            assertFalse(e.getMessage().contains("hunter2"));
        }
    }

    @Test
    void namesEndingInColonAndValuesStartingWithColonSpaceParseBack() {
        try (Entry entry = parse("pw\n"); Entry changed = entry.withField("a:", ": b")) {
            assertEquals("pw\na:: : b\n", printed(changed));
            try (Entry again = parse(printed(changed))) {
                assertEquals("a:", again.fields().get(0).name());
                assertEquals(": b", again.fields().get(0).valueText());
            }
        }
    }

    @Test
    void writeToPrintsTheSameBytes() throws IOException {
        final String input = "pw\r\nname: a\n\nnotes";
        try (Entry entry = parse(input)) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            entry.writeTo(out);
            assertArrayEquals(input.getBytes(StandardCharsets.ISO_8859_1), out.toByteArray());
        }
    }

    @Test
    void closeWipesAndBlocksAccess() {
        final Entry entry = parse("pw\nname: a\nnotes");
        final Field field = entry.fields().get(0);
        entry.close();
        assertTrue(entry.isDestroyed());
        assertThrows(IllegalStateException.class, entry::secret);
        assertThrows(IllegalStateException.class, entry::toBytes);
        assertThrows(IllegalStateException.class, field::value);
        assertThrows(IllegalStateException.class, field::valueText);
        assertEquals("Entry[1 fields, destroyed]", entry.toString());
    }

    @Test
    void derivedEntriesOwnTheirBytes() {
        try (Entry entry = parse("pw\nname: a\nnotes")) {
            final Entry changed = entry.withField("url", "u");
            changed.close();
            assertEquals("pw\nname: a\nnotes", printed(entry));
        }
    }

    @Test
    void toStringShowsNoSecret() {
        try (Entry entry = parse("hunter2\npin: 1234\nnote secret")) {
            assertFalse(entry.toString().contains("hunter2"));
            assertFalse(entry.fields().get(0).toString().contains("1234"));
            assertEquals("Field[pin]", entry.fields().get(0).toString());
        }
    }

    static Entry parse(final String latin1) {
        return Entry.parse(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String printed(final Entry entry) {
        return text(entry.toBytes());
    }

    private static void assertRoundTrip(final String input) {
        try (Entry entry = parse(input)) {
            assertEquals(input, printed(entry));
        }
    }

    private static SecretBytes bytes(final String latin1) {
        return SecretBytes.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String text(final SecretBytes bytes) {
        try (bytes) {
            return new String(bytes.bytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static List<String> names(final Entry entry) {
        return entry.fields().stream().map(Field::name).toList();
    }
}
