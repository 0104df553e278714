package org.cipherpost.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property tests: print(parse(x)) == x for thousands of random inputs, the parser agrees with an independent
 * line-splitting model, and every builder result re-parses to the model it was built as.
 */
class EntryPropertyTest {
    private static final int ITERATIONS = 2000;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20261121})
    void printOfParseIsIdentityOnRandomBytes(final long seed) {
        final EntryProperties gen = new EntryProperties(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            final byte[] input = i % 2 == 0 ? gen.anyBytes() : gen.entryShaped();
            try (Entry entry = Entry.parse(input); SecretBytes printed = entry.toBytes()) {
                assertArrayEquals(input, printed.bytes(), EntryProperties.describe(seed, i, input));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20261121})
    void parserAgreesWithLineModel(final long seed) {
        final EntryProperties gen = new EntryProperties(seed);
        int withFields = 0;
        int withBlank = 0;
        int withNotes = 0;
        int withEmptyValue = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            final byte[] input = i % 2 == 0 ? gen.anyBytes() : gen.entryShaped();
            try (Entry entry = Entry.parse(input)) {
                final LineModel model = LineModel.of(entry);
                assertEquals(LineModel.of(input), model, EntryProperties.describe(seed, i, input));
                withFields += model.fields().isEmpty() ? 0 : 1;
                withBlank += model.blank() ? 1 : 0;
                withNotes += model.notes().isEmpty() ? 0 : 1;
                withEmptyValue += model.fields().stream().anyMatch(f -> f.value().length == 0) ? 1 : 0;
            }
        }
        final String coverage = "fields [%d] blank [%d] notes [%d] empty values [%d]"
                .formatted(withFields, withBlank, withNotes, withEmptyValue);
        assertTrue(withFields > ITERATIONS / 5 && withBlank > ITERATIONS / 50 && withNotes > ITERATIONS / 5
                && withEmptyValue > ITERATIONS / 50, coverage);
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void withFieldSetsExactlyOneValue(final long seed) {
        final EntryProperties gen = new EntryProperties(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            final byte[] input = gen.entryShaped();
            final String name = gen.name();
            final byte[] value = gen.lineContent();
            final String why = EntryProperties.describe(seed, i, input) + " name [" + name + "]";
            try (Entry entry = Entry.parse(input); SecretBytes v = SecretBytes.copyOf(value);
                    Entry changed = checkedDerived(entry.withField(name, v), why)) {
                final LineModel before = LineModel.of(entry);
                final LineModel after = LineModel.of(changed);
                assertEquals(1, after.count(name), why);
                assertArrayEquals(value, after.value(name), why);
                assertEquals(before.without(name), after.without(name), why);
                assertEquals(before.secret(), after.secret(), why);
                assertEquals(before.rest(), after.rest(), why);
                assertEquals(endsWithLineFeed(input), endsWithLineFeed(changed), why);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {10, 11, 12})
    void withAddedFieldAppendsAndWithoutFieldUndoesIt(final long seed) {
        final EntryProperties gen = new EntryProperties(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            final byte[] input = gen.entryShaped();
            final String name = gen.name();
            final byte[] value = gen.lineContent();
            final String why = EntryProperties.describe(seed, i, input) + " name [" + name + "]";
            try (Entry entry = Entry.parse(input); SecretBytes v = SecretBytes.copyOf(value);
                    Entry added = checkedDerived(entry.withAddedField(name, v), why);
                    Entry removed = checkedDerived(added.withoutField(name), why)) {
                final LineModel before = LineModel.of(entry);
                final LineModel after = LineModel.of(added);
                final List<FieldModel> expected = new ArrayList<>(before.fields());
                expected.add(new FieldModel(name.getBytes(StandardCharsets.UTF_8), value));
                assertEquals(expected, after.fields(), why);
                assertEquals(before.secret(), after.secret(), why);
                assertEquals(before.rest(), after.rest(), why);
                assertEquals(endsWithLineFeed(input), endsWithLineFeed(added), why);
                assertEquals(0, LineModel.of(removed).count(name), why);
                assertEquals(before.without(name), LineModel.of(removed).fields(), why);
                if (before.count(name) == 0) {
                    assertArrayEquals(input, bytes(removed), why);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {13, 14, 15})
    void withSecretChangesOnlyTheSecret(final long seed) {
        final EntryProperties gen = new EntryProperties(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            final byte[] input = gen.entryShaped();
            final byte[] secret = gen.lineContent();
            final String why = EntryProperties.describe(seed, i, input);
            try (Entry entry = Entry.parse(input); SecretBytes s = SecretBytes.copyOf(secret);
                    Entry changed = checkedDerived(entry.withSecret(s), why);
                    SecretBytes original = entry.secret(); SecretBytes changedSecret = changed.secret()) {
                assertArrayEquals(secret, changedSecret.bytes(), why);
                assertEquals(LineModel.of(entry).fields(), LineModel.of(changed).fields(), why);
                assertEquals(LineModel.of(entry).rest(), LineModel.of(changed).rest(), why);
                final byte[] old = original.bytes();
                if (old.length == 0 || old[old.length - 1] != '\r') {
                    try (Entry back = changed.withSecret(original)) {
                        assertArrayEquals(input, bytes(back), why);
                    }
                }
            }
        }
    }

    /** Asserts that a derived entry re-parses to exactly the model it holds, and returns it. */
    private static Entry checkedDerived(final Entry derived, final String why) {
        final byte[] printed = bytes(derived);
        try (Entry again = Entry.parse(printed)) {
            assertEquals(LineModel.of(derived), LineModel.of(again), why);
            assertTrue(Arrays.equals(printed, bytes(again)), why);
        }
        return derived;
    }

    private static boolean endsWithLineFeed(final byte[] bytes) {
        return bytes.length > 0 && bytes[bytes.length - 1] == '\n';
    }

    private static boolean endsWithLineFeed(final Entry entry) {
        return endsWithLineFeed(bytes(entry));
    }

    private static byte[] bytes(final Entry entry) {
        try (SecretBytes printed = entry.toBytes()) {
            return printed.copy();
        }
    }

    /** A field as name and value bytes, with value equality. */
    record FieldModel(byte[] name, byte[] value) {
        @Override
        public boolean equals(final Object other) {
            return other instanceof FieldModel o && Arrays.equals(name, o.name) && Arrays.equals(value, o.value);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(name) + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return new String(name, StandardCharsets.ISO_8859_1) + "=" + new String(value, StandardCharsets.ISO_8859_1);
        }
    }

    /** An entry as secret, fields, blank line and notes, computed by splitting lines of Latin-1 text. */
    record LineModel(String secret, List<FieldModel> fields, boolean blank, String notes) {
        static LineModel of(final byte[] input) {
            final String text = new String(input, StandardCharsets.ISO_8859_1);
            final List<String> lines = new ArrayList<>(Arrays.asList(text.split("(?<=\n)")));
            if (text.isEmpty()) {
                return new LineModel("", List.of(), false, "");
            }
            final String secret = content(lines.remove(0));
            final List<FieldModel> fields = new ArrayList<>();
            while (!lines.isEmpty()) {
                final String line = content(lines.get(0));
                final int colon = line.indexOf(": ");
                if (colon <= 0) {
                    break;
                }
                fields.add(new FieldModel(latin1(line.substring(0, colon)), latin1(line.substring(colon + 2))));
                lines.remove(0);
            }
            final boolean blank = !lines.isEmpty() && content(lines.get(0)).isEmpty();
            if (blank) {
                lines.remove(0);
            }
            return new LineModel(secret, fields, blank, String.join("", lines));
        }

        static LineModel of(final Entry entry) {
            try (SecretBytes secret = entry.secret(); SecretBytes notes = entry.notes()) {
                final Function<Field, FieldModel> model = field -> new FieldModel(field.nameBytes(), field.valueBytes());
                return new LineModel(new String(secret.bytes(), StandardCharsets.ISO_8859_1),
                        entry.fields().stream().map(model).toList(), entry.hasBlankLine(),
                        new String(notes.bytes(), StandardCharsets.ISO_8859_1));
            }
        }

        int count(final String name) {
            return (int) fields.stream().filter(f -> matches(f, name)).count();
        }

        byte[] value(final String name) {
            return fields.stream().filter(f -> matches(f, name)).findFirst().orElseThrow().value();
        }

        List<FieldModel> without(final String name) {
            return fields.stream().filter(f -> !matches(f, name)).toList();
        }

        List<Object> rest() {
            return List.of(blank, notes);
        }

        private static boolean matches(final FieldModel field, final String name) {
            return new String(field.name(), StandardCharsets.UTF_8).equalsIgnoreCase(name)
                    && Arrays.equals(new String(field.name(), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8), field.name());
        }

        private static String content(final String line) {
            if (line.endsWith("\r\n")) {
                return line.substring(0, line.length() - 2);
            }
            return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        }

        private static byte[] latin1(final String text) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
