package org.cipherpost.vault.internal;

import static org.cipherpost.vault.internal.TestVaults.entry;
import static org.cipherpost.vault.internal.TestVaults.options;
import static org.cipherpost.vault.internal.TestVaults.passphrase;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntryQuery;
import org.cipherpost.vault.InitializedVault;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints (does not assert) how long the index-backed operations take on 2,000 entries with small Argon2 params. */
class VaultTimingTest {
    private static final int ENTRIES = 2000;

    @TempDir
    Path root;

    @Test
    void timesFindAndDeviceAddOnTwoThousandEntries() throws Exception {
        final VaultOptions options = options(root).withParallelism(Runtime.getRuntime().availableProcessors());
        try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop")) {
            final List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < ENTRIES; i++) {
                entries.add(entry("secret-" + i + "\nname: site-" + i + ".example\nusername: user" + (i % 100)
                        + "\ntag: " + (i % 2 == 0 ? "even" : "odd") + "\n"));
            }
            long start = System.nanoTime();
            created.vault().addAll(entries);
            report("import (addAll)", start);
            entries.forEach(Entry::close);
        }
        long start = System.nanoTime();
        try (Vault vault = Vaults.open(options, passphrase())) {
            report("open (unlock + verify + index check)", start);
            start = System.nanoTime();
            assertEquals(20, vault.find(EntryQuery.all().withField("username", "user99").withTag("odd")).entries().size()
                    + vault.find(EntryQuery.all().withField("username", "user99").withTag("even")).entries().size());
            report("2 x find by username and tag", start);
            start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                vault.find(EntryQuery.nameContains("site-1999"));
            }
            report("10 x find by name", start);
            start = System.nanoTime();
            vault.get("site-1234.example").close();
            report("get by name", start);
            start = System.nanoTime();
            vault.list();
            report("list", start);
            start = System.nanoTime();
            try (AgeIdentity tablet = AgeIdentity.generate()) {
                vault.addDevice(tablet.recipient(), "tablet");
            }
            report("device add (re-wrap " + ENTRIES + " key files)", start);
        }
        Files.delete(options.directory().resolve("index.age"));
        start = System.nanoTime();
        try (Vault vault = Vaults.open(options, passphrase())) {
            report("open with index rebuild", start);
            assertEquals(ENTRIES, vault.list().entries().size());
        }
    }

    /** Prints one timing line. */
    private static void report(final String what, final long start) {
        System.out.printf("timing, %d entries, %d cores: %-45s %6d ms%n", ENTRIES,
                Runtime.getRuntime().availableProcessors(), what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
