package org.cipherpost.vault.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.VaultOptions;

/** Shared fixtures for vault tests: small Argon2id cost, a vault and a home under a temporary directory. */
final class TestVaults {
    /** Cheap Argon2id parameters for tests. */
    static final Argon2Params FAST = new Argon2Params(8192, 1, 1);

    /** The Primary Passphrase used by tests. */
    static final String PASSPHRASE = "correct horse battery staple";

    private TestVaults() {
    }

    /** Returns options for a vault at {@code root/vault} with home {@code root/home}. */
    static VaultOptions options(final Path root) {
        return options(root.resolve("vault"), root.resolve("home"));
    }

    /** Returns options for a vault directory and a home, with fast Argon2id, collecting warnings. */
    static VaultOptions options(final Path vault, final Path home) {
        return VaultOptions.of(vault, home).withArgon2(FAST).withParallelism(2);
    }

    /** Returns options that collect warnings into a list. */
    static VaultOptions collecting(final VaultOptions options, final List<String> warnings) {
        return options.withWarnings(Collections.synchronizedList(warnings)::add);
    }

    /** Returns a passphrase holder. */
    static SecretBytes secret(final String text) {
        return SecretBytes.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the test Primary Passphrase. */
    static SecretBytes passphrase() {
        return secret(PASSPHRASE);
    }

    /** Parses entry text. */
    static Entry entry(final String text) {
        return Entry.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns an entry's bytes as text (tests only: test secrets are not secret). */
    static String text(final Entry entry) {
        try (SecretBytes bytes = entry.toBytes()) {
            return new String(bytes.bytes(), StandardCharsets.UTF_8);
        }
    }

    /** Returns a list with a warnings collector. */
    static List<String> warnings() {
        return Collections.synchronizedList(new ArrayList<>());
    }

    /** Returns the first {@code AGE-SECRET-KEY-} line of an identity file, as a secret the caller closes. */
    static SecretBytes identityLine(final SecretBytes identityFile) {
        final byte[] bytes = identityFile.bytes();
        final byte[] prefix = "AGE-SECRET-KEY-".getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + prefix.length <= bytes.length; at++) {
            if ((at == 0 || bytes[at - 1] == '\n') && java.util.Arrays.equals(bytes, at, at + prefix.length, prefix, 0,
                    prefix.length)) {
                int end = at;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                return SecretBytes.copyOf(bytes, at, end - at);
            }
        }
        throw new AssertionError("no identity line");
    }
}
