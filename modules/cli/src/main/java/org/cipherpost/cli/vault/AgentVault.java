package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.AmbiguousNameException;
import org.cipherpost.vault.DeviceKeyBackend;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.EntryNotFoundException;
import org.cipherpost.vault.EntryQuery;
import org.cipherpost.vault.EntrySummary;
import org.cipherpost.vault.Listing;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;

/**
 * The agent's own view of its vault, for the show and find requests of the thin client: opened with the agent's key on the
 * first request and then kept open, so that a show costs a lookup in a warm index and two small decryptions; the
 * vault reloads by itself whatever another process changed. Requests are served one at a time. Any failure answers
 * "not here" and the client runs the full CLI, which reports it exactly as without the agent.
 */
final class AgentVault implements AutoCloseable {
    /** Largest entry the agent hands out (the protocol's payload limit, less the warnings). */
    static final int MAXIMUM_ENTRY = AgentProtocol.MAXIMUM_PAYLOAD / 2;

    /** Entries read once after unlock to warm the show path up (plaintexts are closed at once). */
    private static final int WARM_READS = 16;

    /** Times those entries are read. */
    private static final int WARM_ROUNDS = 8;

    /** Where device key files live under the home (docs/VAULT-FORMAT.md): {@code <home>/vault-devices/<vault-id>.key}. */
    private static final String DEVICE_DIRECTORY = "vault-devices";

    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> warnings = new ArrayList<>();
    private final VaultOptions options;
    private final byte[] fingerprint;
    private Vault vault;
    private boolean closed;

    /**
     * Creates the view; nothing is opened yet.
     *
     * @param location vault directory and home
     * @param backend opens the device key with the agent's key
     * @param fingerprint SHA-256 of the device key file the agent's key came from
     */
    AgentVault(final VaultOptions location, final DeviceKeyBackend backend, final byte[] fingerprint) {
        Objects.requireNonNull(location, "Location required");
        this.fingerprint = Objects.requireNonNull(fingerprint, "Fingerprint required").clone();
        this.options = location.withBackend(Objects.requireNonNull(backend, "Backend required")).withWarnings(warnings::add);
    }

    /**
     * Returns an entry exactly as stored, preceded by the warning lines the lookup raised (as the CLI prints them):
     * {@code warnings length (4 bytes, big-endian) | warnings (UTF-8) | entry}.
     *
     * @param name entry name
     * @return the payload, owned by the caller, or null when the entry cannot be shown here (no such entry, an
     *     ambiguous name, a damaged file, a locked agent): the CLI then says why
     */
    SecretBytes show(final String name) {
        Objects.requireNonNull(name, "Name required");
        return answer(open -> {
            try (Entry entry = open.get(name); SecretBuffer buffer = new SecretBuffer(MAXIMUM_ENTRY)) {
                writeWarnings(buffer, List.of());
                entry.writeTo(buffer);
                return buffer.toSecret();
            } catch (final EntryNotFoundException | AmbiguousNameException e) {
                return null;
            }
        });
    }

    /**
     * Answers {@code vault find QUERY} as the CLI prints it: the warnings for unreadable entries, then one line per
     * entry whose name, username, url or a tag contains the query (any case), in index order.
     *
     * @param query free text
     * @return payload as for {@link #show}, or null when it cannot be answered here
     */
    SecretBytes find(final String query) {
        Objects.requireNonNull(query, "Query required");
        return answer(open -> {
            final Listing listing = open.find(EntryQuery.all());
            final StringBuilder lines = new StringBuilder();
            for (final EntrySummary entry : listing.entries()) {
                if (VaultFindCommand.matches(entry, query)) {
                    lines.append(ListingOutput.text(entry)).append('\n');
                }
            }
            try (SecretBuffer buffer = new SecretBuffer(AgentProtocol.MAXIMUM_PAYLOAD)) {
                writeWarnings(buffer, listing.problems().stream().map(ListingOutput::skipped).toList());
                buffer.write(lines.toString().getBytes(StandardCharsets.UTF_8));
                return buffer.toSecret();
            }
        });
    }

    /** A request answered from the open vault. */
    @FunctionalInterface
    private interface Request {
        /** Computes the payload, or null when the CLI must answer instead. */
        SecretBytes apply(Vault open) throws IOException, GeneralSecurityException;
    }

    /**
     * Runs a request under the lock on the vault, opening it first; null when the agent is closed, the device key
     * file changed, or the request failed (the vault is then reopened on the next request: its files may have been
     * replaced under us).
     */
    private SecretBytes answer(final Request request) {
        lock.lock();
        try {
            if (closed) {
                return null;
            }
            warnings.clear();
            try {
                if (vault == null) {
                    vault = Vaults.open(options, SecretBytes.wrap(new byte[0]));
                }
                if (!sameDeviceKeyFile()) {
                    closeVault();
                    return null;
                }
                return request.apply(vault);
            } catch (final IOException | GeneralSecurityException | RuntimeException e) {
                closeVault();
                return null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes the warnings length and lines: the vault's warnings, then the given lines, as the CLI prints them. */
    private void writeWarnings(final SecretBuffer buffer, final List<String> more) throws IOException {
        final StringBuilder lines = new StringBuilder();
        warnings.forEach(warning -> lines.append("cipherpost: warning: ").append(warning).append('\n'));
        more.forEach(line -> lines.append(line).append('\n'));
        final byte[] text = lines.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(ByteBuffer.allocate(4).putInt(text.length).array());
        buffer.write(text);
    }

    /**
     * Opens the vault ahead of the first request (the agent calls it once it listens), then reads a few entries so
     * that the just-in-time compiler has seen the show path before the first real request; a failure waits for a
     * request. Requests that arrive meanwhile are served between the reads.
     */
    void warm() {
        final List<EntryId> sample = new ArrayList<>();
        lock.lock();
        try {
            if (!closed && vault == null) {
                vault = Vaults.open(options, SecretBytes.wrap(new byte[0]));
            }
            if (vault != null) {
                vault.find(EntryQuery.all()).entries().stream().filter(entry -> !entry.attachment()).limit(WARM_READS)
                        .forEach(entry -> sample.add(entry.id()));
            }
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            // the first request tries again and falls back to the CLI, which reports the problem
            return;
        } finally {
            warnings.clear();
            lock.unlock();
        }
        for (int round = 0; round < WARM_ROUNDS; round++) {
            for (final EntryId id : sample) {
                lock.lock();
                try {
                    if (closed || vault == null) {
                        return;
                    }
                    vault.get(id).close();
                } catch (final IOException | GeneralSecurityException | RuntimeException e) {
                    return;
                } finally {
                    warnings.clear();
                    lock.unlock();
                }
            }
        }
    }

    /** Closes the vault (waiting for a request in progress); later requests answer null. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            closeVault();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells whether this device's key file is still the one the agent's key came from, as the CLI checks with its info
     * request before using the agent: a replaced file (a new device key) is the CLI's to handle.
     */
    private boolean sameDeviceKeyFile() throws IOException {
        final Path file = options.home().resolve(DEVICE_DIRECTORY).resolve(vault.id() + ".key");
        final byte[] stored = Files.readAllBytes(file);
        try {
            return MessageDigest.isEqual(Fingerprints.sha256(stored), fingerprint);
        } finally {
            Arrays.fill(stored, (byte) 0);
        }
    }

    /** Closes and forgets the open vault, if any. */
    private void closeVault() {
        if (vault != null) {
            vault.close();
            vault = null;
        }
    }
}
