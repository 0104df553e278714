package org.cipherpost.blob.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A POSIX tar archive of a file or of a directory's contents, produced on demand as it is read: nothing is staged
 * on disk or in memory beyond one header. Entries are sorted by path; symbolic links are stored, not followed;
 * sockets, pipes and devices are refused; a file that changes size while being read fails the stream.
 */
public final class TarSource extends InputStream {
    private final Path root;
    private final Iterator<Path> entries;
    private byte[] pending = new byte[0];
    private int pendingOffset;
    private InputStream content;
    private long contentLeft;
    private long contentLength;
    private Path contentPath;
    private boolean finished;

    private TarSource(final Path root, final List<Path> entries) {
        this.root = root;
        this.entries = entries.iterator();
    }

    /**
     * Opens an archive of a file (one entry named after it) or of a directory's contents (paths relative to it).
     *
     * @param source regular file or directory, not a symbolic link
     * @return stream of the archive
     * @throws IOException when the source is missing, is a link or cannot be listed
     */
    public static TarSource of(final Path source) throws IOException {
        Objects.requireNonNull(source, "Source path required");
        final BasicFileAttributes attributes = Files.readAttributes(source, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.isRegularFile()) {
            return new TarSource(source.toAbsolutePath().getParent(), List.of(source.toAbsolutePath()));
        }
        if (!attributes.isDirectory()) {
            throw new IOException(String.format("Source [%s] not a regular file or directory", source));
        }
        final Path base = source.toAbsolutePath();
        final List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base)) {
            walk.filter(path -> !path.equals(base)).forEach(paths::add);
        }
        paths.sort(Comparator.comparing(path -> base.relativize(path).toString()));
        return new TarSource(base, paths);
    }

    @Override
    public int read() throws IOException {
        final byte[] one = new byte[1];
        final int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (pendingOffset < pending.length) {
                final int n = Math.min(length, pending.length - pendingOffset);
                System.arraycopy(pending, pendingOffset, buffer, offset, n);
                pendingOffset += n;
                return n;
            }
            if (content != null) {
                if (contentLeft > 0) {
                    final int n = content.read(buffer, offset, (int) Math.min(length, contentLeft));
                    if (n < 0) {
                        throw new IOException(String.format("File [%s] shrank while being archived", contentPath));
                    }
                    contentLeft -= n;
                    return n;
                }
                final boolean grew = content.read() >= 0;
                content.close();
                content = null;
                if (grew) {
                    throw new IOException(String.format("File [%s] grew while being archived", contentPath));
                }
                pend(new byte[TarHeader.padding(contentLength)]);
                continue;
            }
            if (finished) {
                return -1;
            }
            if (entries.hasNext()) {
                next(entries.next());
            } else {
                pend(new byte[2 * TarHeader.BLOCK]);
                finished = true;
            }
        }
    }

    private void next(final Path path) throws IOException {
        final String name = root.relativize(path).toString().replace('\\', '/');
        final BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        final long mtime = attributes.lastModifiedTime().toInstant().getEpochSecond();
        final int mode = mode(path, attributes.isDirectory() ? 0755 : 0644);
        if (attributes.isDirectory()) {
            pend(new TarHeader(name + "/", mode, 0, mtime, TarHeader.DIRECTORY, "").encode());
        } else if (attributes.isSymbolicLink()) {
            final String target = Files.readSymbolicLink(path).toString();
            pend(new TarHeader(name, 0777, 0, mtime, TarHeader.SYMLINK, target).encode());
        } else if (attributes.isRegularFile()) {
            contentLength = attributes.size();
            contentLeft = contentLength;
            contentPath = path;
            content = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
            pend(new TarHeader(name, mode, contentLength, mtime, TarHeader.REGULAR, "").encode());
        } else {
            throw new IOException(String.format("Source entry [%s] is a socket, pipe or device: refused", path));
        }
    }

    private void pend(final byte[] bytes) {
        pending = bytes;
        pendingOffset = 0;
    }

    private static int mode(final Path path, final int fallback) {
        try {
            final PosixFileAttributes posix = Files.readAttributes(path, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (final PosixFilePermission permission : posix.permissions()) {
                mode |= 1 << (8 - permission.ordinal());
            }
            return mode;
        } catch (final UnsupportedOperationException | IOException e) {
            return fallback;
        }
    }

    @Override
    public void close() throws IOException {
        finished = true;
        if (content != null) {
            content.close();
            content = null;
        }
    }
}
