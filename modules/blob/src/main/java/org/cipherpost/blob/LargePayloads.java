package org.cipherpost.blob;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.cipherpost.blob.internal.BackgroundDigest;
import org.cipherpost.blob.internal.DigestingOutputStream;
import org.cipherpost.blob.internal.TarExtractor;
import org.cipherpost.blob.internal.TarSource;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.AgeRecipient;

/**
 * The large-payload pipeline: seal (tar a file or directory straight into age, spooling only ciphertext), fetch
 * (resumable download, then the SHA-256 check before anything is decrypted), and unpack (age straight into a safe
 * tar extraction in a staging directory, moved into place only when everything verified). Memory stays flat.
 */
public final class LargePayloads {
    private static final int BUFFER = 1 << 20;
    private static final String SPOOL_SUFFIX = ".age";
    private static final String PARTIAL_SUFFIX = ".age.part";

    private LargePayloads() {
    }

    /**
     * Tars a file or directory into age for the recipients, writing only ciphertext to a spool file in the given
     * directory (created 0700 if missing) named after its SHA-256.
     *
     * @param source regular file or directory
     * @param recipients age recipients
     * @param spool spool directory
     * @return the sealed blob
     * @throws IOException when the source cannot be read or changes while being read, or the spool cannot be
     *         written
     * @throws GeneralSecurityException when a recipient cannot wrap the file key
     */
    public static SealedBlob seal(final Path source, final Collection<AgeRecipient> recipients, final Path spool)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(recipients, "Recipients required");
        final Path directory = spoolDirectory(spool);
        final Path temporary = Files.createTempFile(directory, ".seal-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        boolean done = false;
        try {
            final long size;
            final byte[] hash;
            try (TarSource tar = TarSource.of(source);
                    BackgroundDigest sha256 = new BackgroundDigest();
                    OutputStream file = Files.newOutputStream(temporary, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = new BufferedOutputStream(new DigestingOutputStream(file, sha256), BUFFER)) {
                Age.encrypt(tar, out, recipients, false);
                out.flush();
                size = Files.size(temporary);
                hash = sha256.digest();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("Interrupted while hashing");
            }
            final Path sealed = directory.resolve(HexFormat.of().formatHex(hash) + SPOOL_SUFFIX);
            Files.move(temporary, sealed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
            return new SealedBlob(sealed, size, hash);
        } finally {
            if (!done) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Downloads a blob into the spool directory, resuming a partial download left there earlier, and checks its
     * size and SHA-256 against the manifest. A mismatching download is deleted.
     *
     * @param store blob store holding the blob
     * @param manifest manifest from a verified share record
     * @param spool spool directory (created 0700 if missing)
     * @param progress called with the bytes held so far
     * @return verified ciphertext file in the spool
     * @throws BlobIntegrityException when the blob does not match the manifest
     * @throws BlobNotFoundException when the store does not hold the blob
     * @throws IOException when the download failed; a partial file stays in the spool for a later resume
     * @throws InterruptedException when interrupted
     */
    public static Path fetch(final BlobStore store, final BlobManifest manifest, final Path spool,
            final LongConsumer progress) throws IOException, BlobIntegrityException, InterruptedException {
        Objects.requireNonNull(store, "Blob store required");
        Objects.requireNonNull(manifest, "Manifest required");
        final Path directory = spoolDirectory(spool);
        final String address = HexFormat.of().formatHex(manifest.sha256());
        final Path verified = directory.resolve(address + SPOOL_SUFFIX);
        final Path partial = directory.resolve(address + PARTIAL_SUFFIX);
        final byte[] hash = store.get(manifest.locator(), partial, manifest.size(), progress);
        if (Files.size(partial) != manifest.size() || !MessageDigest.isEqual(hash, manifest.sha256())) {
            Files.delete(partial);
            throw new BlobIntegrityException("Downloaded blob does not match the signed SHA-256");
        }
        Files.move(partial, verified, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return verified;
    }

    /**
     * Checks that a target can receive a payload: absent, an empty directory, or a non-empty directory when asked.
     * Call it before downloading so that a refusal costs nothing.
     *
     * @param target target directory
     * @param allowNonEmpty whether a non-empty directory may receive new entries (never overwriting)
     * @throws IOException when the target is not acceptable
     */
    public static void checkTarget(final Path target, final boolean allowNonEmpty) throws IOException {
        Objects.requireNonNull(target, "Target required");
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (target.toAbsolutePath().getParent() == null
                    || !Files.isDirectory(target.toAbsolutePath().getParent())) {
                throw new IOException(String.format("Target parent of [%s] not a directory", target));
            }
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(String.format("Target [%s] exists and is not a directory", target));
        }
        if (!allowNonEmpty && !isEmpty(target)) {
            throw new IOException(String.format("Target [%s] not empty; choose an empty or new directory", target));
        }
    }

    /**
     * Decrypts a verified ciphertext and unpacks it safely into the target. Everything lands in a 0700 staging
     * directory beside the target first and is moved into place only after the archive and its age authentication
     * completed; on any failure the staging directory is deleted and the target is untouched.
     *
     * @param ciphertext verified ciphertext file
     * @param identities age identities
     * @param target target directory (see {@link #checkTarget(Path, boolean)})
     * @param allowNonEmpty whether a non-empty target may receive new entries
     * @return what was unpacked
     * @throws UnsafeArchiveException when the archive holds anything unsafe, or an entry already exists in the target
     * @throws IOException when the ciphertext is malformed or truncated, or writing fails
     * @throws GeneralSecurityException when no identity opens the file or authentication fails
     */
    public static Unpacked open(final Path ciphertext, final Collection<AgeIdentity> identities, final Path target,
            final boolean allowNonEmpty) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(ciphertext, "Ciphertext file required");
        Objects.requireNonNull(identities, "Identities required");
        checkTarget(target, allowNonEmpty);
        final Path absolute = target.toAbsolutePath();
        final Path staging = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".partial-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        boolean done = false;
        try {
            final TarExtractor extractor = new TarExtractor(staging);
            try (InputStream in = Files.newInputStream(ciphertext, LinkOption.NOFOLLOW_LINKS);
                    OutputStream out = new BufferedOutputStream(extractor, BUFFER)) {
                Age.decrypt(in, out, identities);
                out.flush();
                extractor.finish();
            } finally {
                extractor.close();
            }
            install(staging, absolute);
            done = true;
            return new Unpacked(absolute, extractor.entries(), extractor.bytes());
        } finally {
            if (!done) {
                deleteTree(staging);
            }
        }
    }

    private static void install(final Path staging, final Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        if (isEmpty(target)) {
            Files.delete(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        final List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
            entries.forEach(children::add);
        }
        for (final Path child : children) {
            if (Files.exists(target.resolve(child.getFileName().toString()), LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafeArchiveException(String.format("Target already holds [%s]; nothing was written",
                        child.getFileName()));
            }
        }
        for (final Path child : children) {
            Files.move(child, target.resolve(child.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.delete(staging);
    }

    private static boolean isEmpty(final Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return !entries.iterator().hasNext();
        }
    }

    private static Path spoolDirectory(final Path spool) throws IOException {
        Objects.requireNonNull(spool, "Spool directory required");
        if (!Files.isDirectory(spool, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(spool, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        return spool;
    }

    private static void deleteTree(final Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(final Path file, final IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path directory, final IOException e) throws IOException {
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
