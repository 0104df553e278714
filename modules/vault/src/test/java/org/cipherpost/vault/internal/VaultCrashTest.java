package org.cipherpost.vault.internal;

import static org.cipherpost.vault.internal.TestVaults.entry;
import static org.cipherpost.vault.internal.TestVaults.options;
import static org.cipherpost.vault.internal.TestVaults.passphrase;
import static org.cipherpost.vault.internal.TestVaults.text;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.crypto.NoMatchingIdentityException;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Device;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntrySummary;
import org.cipherpost.vault.InitializedVault;
import org.cipherpost.vault.Listing;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: each change is interrupted at every one of its crash points in turn (an exception thrown between two
 * file operations, exactly where a power cut would leave the directory); the vault must then open, repair itself,
 * decrypt every entry, and hold the state before or after the change.
 */
class VaultCrashTest {
    private static final byte[] FILE = "attachment ".repeat(3000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @TempDir
    Path root;

    private Path template;
    private String friend;
    private int copies;

    /** A change under test. */
    @FunctionalInterface
    private interface Change {
        /** Applies the change. */
        void apply(Vault vault) throws IOException, GeneralSecurityException;
    }

    /** Thrown at the chosen crash point. */
    private static final class SimulatedCrash extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        /** Creates the crash. */
        SimulatedCrash(final String point) {
            super("Simulated crash at [" + point + "]");
        }
    }

    /** Counts crash points and throws at the n-th. */
    private static final class CrashAt implements CrashPoints {
        private final int target;
        private final AtomicInteger count = new AtomicInteger();

        /** Crashes at the given 1-based point; 0 never crashes. */
        CrashAt(final int target) {
            this.target = target;
        }

        @Override
        public void reached(final String point) {
            if (count.incrementAndGet() == target) {
                throw new SimulatedCrash(point);
            }
        }
    }

    @BeforeEach
    void createTemplate() throws Exception {
        template = root.resolve("template");
        try (InitializedVault created = Vaults.init(laptop(template), passphrase(), null, "laptop");
             AgeIdentity person = AgeIdentity.generate()) {
            final Vault vault = created.vault();
            for (final String name : List.of("a", "b", "c")) {
                try (Entry e = entry("secret-" + name + "\nusername: " + name + "\n")) {
                    vault.add(name, e);
                }
            }
            vault.attach("file", new ByteArrayInputStream(FILE), (done, total) -> { });
            vault.addDevice(AgeRecipient.parse(Vaults.join(phone(template), passphrase())), "phone");
            friend = person.recipient().encoded();
        }
    }

    @Test
    void add() throws Exception {
        crashEverywhere(vault -> {
            try (Entry e = entry("secret-d\n")) {
                vault.add("d", e);
            }
        }, true);
    }

    @Test
    void edit() throws Exception {
        crashEverywhere(vault -> {
            try (Entry e = entry("changed\n")) {
                vault.edit("a", e);
            }
        }, true);
    }

    @Test
    void moveRemoveCopy() throws Exception {
        crashEverywhere(vault -> vault.move("b", "b2"), true);
        crashEverywhere(vault -> vault.remove("c"), true);
        crashEverywhere(vault -> vault.remove("file"), true);
        crashEverywhere(vault -> vault.copy("file", "file-copy"), true);
    }

    @Test
    void attachAndShare() throws Exception {
        crashEverywhere(vault -> vault.attach("file2", new ByteArrayInputStream(FILE), (done, total) -> { }), true);
        crashEverywhere(vault -> vault.share("a", AgeRecipient.parse(friend)), true);
    }

    @Test
    void importMany() throws Exception {
        crashEverywhere(vault -> {
            final List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                entries.add(entry("s" + i + "\nname: import-" + i + "\n"));
            }
            vault.addAll(entries);
            entries.forEach(Entry::close);
        }, false);
    }

    @Test
    void addDevice() throws Exception {
        crashEverywhere(vault -> {
            try (AgeIdentity tablet = AgeIdentity.generate()) {
                vault.addDevice(tablet.recipient(), "tablet");
            }
        }, true);
    }

    @Test
    void revokeDevice() throws Exception {
        final int points = crashEverywhere(vault -> vault.revokeDevice(deviceId(vault, "phone")), true);
        assertTrue(points > 15, "revocation has many crash points: " + points);
    }

    /**
     * Runs a change once to count its crash points and learn the state after it, then once per crash point on a fresh
     * copy of the template, crashing there; each time the vault must reopen in the state before or after the change
     * (as a whole for an atomic change, entry by entry otherwise).
     */
    private int crashEverywhere(final Change change, final boolean atomic) throws Exception {
        final Path clean = copyTemplate("clean");
        final Map<String, String> before;
        final Map<String, String> after;
        final CrashAt counter = new CrashAt(0);
        try (StandardVault vault = StandardVaultFactory.open(laptop(clean), passphrase(), CrashPoints.NONE)) {
            before = state(vault);
        }
        try (StandardVault vault = StandardVaultFactory.open(laptop(clean), passphrase(), counter)) {
            change.apply(vault);
            after = state(vault);
        }
        final int points = counter.count.get();
        assertTrue(points > 0, "the change reached no crash point");
        System.out.printf("crash test: %d crash points%n", points);
        for (int target = 1; target <= points; target++) {
            final Path copy = copyTemplate("crash-" + target);
            try (StandardVault vault = StandardVaultFactory.open(laptop(copy), passphrase(), new CrashAt(target))) {
                final int at = target;
                assertThrows(SimulatedCrash.class, () -> change.apply(vault), () -> "no crash at point " + at);
            }
            final List<String> warnings = TestVaults.warnings();
            try (Vault vault = Vaults.open(TestVaults.collecting(laptop(copy), warnings), passphrase())) {
                final Listing listing = vault.list();
                assertTrue(listing.problems().isEmpty(), () -> "crash at " + copy + ": " + listing.problems());
                final Map<String, String> state = state(vault);
                if (atomic) {
                    if (!state.equals(before) && !state.equals(after)) {
                        fail("Crash at point [%d]: state %s is neither %s nor %s".formatted(target, state, before, after));
                    }
                } else {
                    final Set<String> names = new HashSet<>(before.keySet());
                    names.addAll(after.keySet());
                    assertTrue(names.containsAll(state.keySet()), state.toString());
                    for (final String name : names) {
                        final String actual = state.get(name);
                        if (!Objects.equals(actual, before.get(name)) && !Objects.equals(actual, after.get(name))) {
                            fail("Crash at point [%d]: entry [%s] is [%s]".formatted(target, name, actual));
                        }
                    }
                }
                checkRevocation(vault, copy);
            }
        }
        return points;
    }

    /**
     * Once the phone is gone from the device list, neither its key nor any keyring it could derive before (from the
     * template's vault key) may open a key file.
     */
    private void checkRevocation(final Vault vault, final Path copy) throws Exception {
        if (vault.devices().stream().anyMatch(device -> device.name().equals("phone"))) {
            return;
        }
        try (SecretBytes exported = Vaults.exportDeviceIdentity(phone(copy), passphrase());
             AgeIdentity phone = AgeIdentity.parse(exported);
             SecretBytes known = Age.decrypt(Files.readAllBytes(template.resolve("vault").resolve("vault.key")),
                     List.of(phone));
             VaultSecrets secrets = VaultSecrets.decode(known);
             Stream<Path> keys = Files.list(copy.resolve("vault").resolve("keys"))) {
            final List<AgeIdentity> stolen = new java.util.ArrayList<>(secrets.keyrings());
            stolen.add(phone);
            try {
                for (final Path key : keys.toList()) {
                    assertThrows(NoMatchingIdentityException.class, () -> Age.decrypt(Files.readAllBytes(key), stolen),
                            () -> "revoked phone still opens " + key.getFileName());
                }
            } finally {
                stolen.subList(0, stolen.size() - 1).forEach(AgeIdentity::close);
            }
        }
    }

    /** Reads every entry: name to content (attached files as a hash of their bytes). */
    private static Map<String, String> state(final Vault vault) throws IOException, GeneralSecurityException {
        final Map<String, String> state = new TreeMap<>();
        for (final EntrySummary summary : vault.list().entries()) {
            if (summary.attachment()) {
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                vault.detach(summary.name(), out, (done, total) -> { });
                state.put(summary.name(), "file:" + Hashes.hex(Hashes.sha256(out.toByteArray())));
            } else {
                try (Entry entry = vault.get(summary.id())) {
                    state.put(summary.name(), text(entry));
                }
            }
        }
        return state;
    }

    /** Returns the id of a device by name. */
    private static String deviceId(final Vault vault, final String name) throws IOException, GeneralSecurityException {
        return vault.devices().stream().filter(device -> device.name().equals(name)).map(Device::id).findFirst()
                .orElseThrow();
    }

    /** Copies the template (vault and both homes) to a fresh directory. */
    private Path copyTemplate(final String name) throws IOException {
        final Path target = root.resolve(name + "-" + ++copies);
        try (Stream<Path> files = Files.walk(template)) {
            for (final Path source : files.toList()) {
                final Path destination = target.resolve(template.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    /** Options of the laptop in a copy. */
    private static VaultOptions laptop(final Path base) {
        return options(base.resolve("vault"), base.resolve("laptop"));
    }

    /** Options of the phone in a copy. */
    private static VaultOptions phone(final Path base) {
        return options(base.resolve("vault"), base.resolve("phone"));
    }
}
