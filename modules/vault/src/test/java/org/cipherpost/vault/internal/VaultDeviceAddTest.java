package org.cipherpost.vault.internal;

import static org.cipherpost.vault.internal.TestVaults.options;
import static org.cipherpost.vault.internal.TestVaults.passphrase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.InitializedVault;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device add grows key file headers only: payloads stay, new devices read, an index rebuild adds no duplicates. */
class VaultDeviceAddTest {
    private static final byte[] MAC_LINE = "\n--- ".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path root;

    @Test
    void deviceAddKeepsPayloadsAndAnIndexRebuildAddsNoDuplicateStanzas() throws Exception {
        final VaultOptions options = options(root);
        final Path keys = options.directory().resolve("keys");
        try (AgeIdentity phone = AgeIdentity.generate(); AgeIdentity tablet = AgeIdentity.generate()) {
            try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop")) {
                final Vault vault = created.vault();
                VaultDevicesTest.fill(vault, 6);
                final Map<Path, byte[]> before = read(keys);
                vault.addDevice(phone.recipient(), "phone");
                final Map<Path, byte[]> after = read(keys);
                assertEquals(before.keySet(), after.keySet());
                for (final Path key : before.keySet()) {
                    assertArrayEquals(payload(before.get(key)), payload(after.get(key)), "payload kept: " + key);
                    assertEquals(AgeShape.stanzas(before.get(key)) + 1, AgeShape.stanzas(after.get(key)), key.toString());
                    try (SecretBytes opened = Age.decrypt(after.get(key), java.util.List.of(phone))) {
                        assertTrue(opened.length() > 0);
                    }
                }
                VaultDevicesTest.assertContent(vault, 6);
            }
            Files.delete(options.directory().resolve("index.age"));
            try (Vault vault = Vaults.open(options, passphrase())) {
                VaultDevicesTest.assertContent(vault, 6);
                final Map<Path, byte[]> rebuilt = read(keys);
                vault.addDevice(tablet.recipient(), "tablet");
                for (final Map.Entry<Path, byte[]> key : read(keys).entrySet()) {
                    assertEquals(4, AgeShape.stanzas(key.getValue()), "laptop, recovery, phone, tablet: " + key.getKey());
                    assertArrayEquals(payload(rebuilt.get(key.getKey())), payload(key.getValue()));
                    try (SecretBytes opened = Age.decrypt(key.getValue(), java.util.List.of(tablet))) {
                        assertTrue(opened.length() > 0);
                    }
                }
            }
        }
    }

    /** Reads every key file. */
    private static Map<Path, byte[]> read(final Path keys) throws IOException {
        final Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(keys)) {
            for (final Path file : list.filter(path -> path.getFileName().toString().endsWith(".key")).toList()) {
                files.put(file.getFileName(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** Returns the bytes after the header MAC line. */
    private static byte[] payload(final byte[] ageFile) {
        int at = 0;
        while (!Arrays.equals(ageFile, at, at + MAC_LINE.length, MAC_LINE, 0, MAC_LINE.length)) {
            at++;
        }
        int end = at + 1;
        while (ageFile[end] != '\n') {
            end++;
        }
        return Arrays.copyOfRange(ageFile, end + 1, ageFile.length);
    }
}
