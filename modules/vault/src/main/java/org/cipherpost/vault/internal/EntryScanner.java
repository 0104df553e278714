package org.cipherpost.vault.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.NotAVaultException;

/**
 * Compares the entry directory with the index by file stamps alone (no decryption): which entry files are new or
 * changed, which indexed ones vanished, and on a full scan which files are leftovers of interrupted writes.
 */
final class EntryScanner {
    private EntryScanner() {
    }

    /**
     * An entry file whose stamp the index does not know.
     *
     * @param id entry id
     * @param stamp current stamp
     * @param known index record, or null for a new entry
     */
    record Candidate(EntryId id, FileStamp stamp, IndexRecord known) {
    }

    /**
     * What a directory scan found.
     *
     * @param present ids of every entry file
     * @param candidates entries to hash or index
     * @param missing indexed ids without an entry file
     * @param leftovers temporary files and key or attached files without an entry (full scans only)
     * @param directory stamp of the entry directory before it was listed
     * @param startedAt wall-clock time the scan started, nanoseconds since the epoch
     */
    record Scan(Set<EntryId> present, List<Candidate> candidates, List<EntryId> missing, List<Path> leftovers,
            FileStamp directory, long startedAt) {
        /** Tells whether applying the scan changes anything. */
        boolean changes() {
            return !candidates.isEmpty() || !missing.isEmpty() || !leftovers.isEmpty();
        }
    }

    /**
     * Lists the entry directory (and on a full scan the key and attached file directories) and compares it with the
     * index.
     *
     * @param layout vault layout
     * @param index index to compare with
     * @param full whether to look for leftovers of interrupted writes too
     * @return what was found
     * @throws IOException when a directory cannot be listed
     */
    static Scan scan(final VaultLayout layout, final Index index, final boolean full) throws IOException {
        final Instant now = Instant.now();
        final long startedAt = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        final FileStamp directory = FileStamp.of(layout.entries());
        final Set<EntryId> present = new HashSet<>();
        final List<Candidate> candidates = new ArrayList<>();
        final List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.entries())) {
            for (final Path file : entries) {
                final String fileName = file.getFileName().toString();
                if (AtomicFiles.isTemporary(fileName)) {
                    if (full) {
                        leftovers.add(file);
                    }
                    continue;
                }
                final EntryId id = idOf(fileName, VaultLayout.ENTRY_SUFFIX);
                if (id == null) {
                    continue;
                }
                final BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (final NoSuchFileException e) {
                    continue;
                }
                present.add(id);
                final FileStamp stamp = FileStamp.of(attributes);
                final IndexRecord known = index.get(id);
                if (known == null || !known.matches(stamp)) {
                    candidates.add(new Candidate(id, stamp, known));
                }
            }
        } catch (final NoSuchFileException e) {
            throw new NotAVaultException(layout.root().toString());
        }
        final List<EntryId> missing = index.records().stream().map(IndexRecord::id).filter(id -> !present.contains(id))
                .toList();
        if (full) {
            collectLeftovers(layout.keys(), VaultLayout.KEY_SUFFIX, present, leftovers);
            collectLeftovers(layout.blobs(), VaultLayout.ENTRY_SUFFIX, present, leftovers);
            try (DirectoryStream<Path> root = Files.newDirectoryStream(layout.root())) {
                for (final Path file : root) {
                    if (AtomicFiles.isTemporary(file.getFileName().toString())) {
                        leftovers.add(file);
                    }
                }
            }
        }
        return new Scan(present, candidates, missing, leftovers, directory, startedAt);
    }

    /** Adds temporary files and files of entries that do not exist. */
    private static void collectLeftovers(final Path directory, final String suffix, final Set<EntryId> present,
            final List<Path> leftovers) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (final Path file : stream) {
                final String fileName = file.getFileName().toString();
                final EntryId id = idOf(fileName, suffix);
                if (AtomicFiles.isTemporary(fileName) || id != null && !present.contains(id)) {
                    leftovers.add(file);
                }
            }
        }
    }

    /** Returns the id named by a file name with a suffix, or null. */
    static EntryId idOf(final String fileName, final String suffix) {
        if (!fileName.endsWith(suffix)) {
            return null;
        }
        final String id = fileName.substring(0, fileName.length() - suffix.length());
        return EntryId.isWellFormed(id) ? new EntryId(id) : null;
    }
}
