package org.cipherpost.blob.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cipherpost.blob.UnsafeArchiveException;

/**
 * Unpacks a tar archive written to it into a directory, refusing anything unsafe: absolute paths, {@code ..},
 * links pointing outside, hard links, devices, pipes, writing through a symbolic link, and overwriting.
 *
 * <p>Files are created with their final permissions: the archive's owner bits plus owner read and write, nothing
 * for group or others; directories 0700. {@link #finish()} must be called after the last byte to check that the
 * archive ended properly.
 */
public final class TarExtractor extends OutputStream {
    /** Largest pax or GNU long-name block accepted. */
    static final int MAX_META = 64 * 1024;

    private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

    private enum State { HEADER, CONTENT, META, PADDING, END }

    private final Path root;
    private final byte[] header = new byte[TarHeader.BLOCK];
    private int headerFill;
    private State state = State.HEADER;
    private long left;
    private int padding;
    private int zeroBlocks;
    private SeekableByteChannel file;
    private TarHeader current;
    private byte[] meta;
    private int metaFill;
    private byte metaType;
    private String nextPath;
    private String nextLink;
    private Long nextSize;
    private long files;
    private long bytes;

    /**
     * Creates an extractor into an existing, empty directory that nobody else writes to.
     *
     * @param root extraction root
     */
    public TarExtractor(final Path root) {
        this.root = Objects.requireNonNull(root, "Extraction root required");
    }

    /**
     * Returns how many files and directories were created.
     *
     * @return entries
     */
    public long entries() {
        return files;
    }

    /**
     * Returns how many content bytes were written.
     *
     * @return bytes
     */
    public long bytes() {
        return bytes;
    }

    @Override
    public void write(final int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(final byte[] buffer, final int offset, final int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        int position = offset;
        final int end = offset + length;
        while (position < end) {
            switch (state) {
                case HEADER -> {
                    final int n = Math.min(end - position, TarHeader.BLOCK - headerFill);
                    System.arraycopy(buffer, position, header, headerFill, n);
                    headerFill += n;
                    position += n;
                    if (headerFill == TarHeader.BLOCK) {
                        headerFill = 0;
                        onHeader();
                    }
                }
                case CONTENT -> {
                    final int n = (int) Math.min(end - position, left);
                    final ByteBuffer slice = ByteBuffer.wrap(buffer, position, n);
                    while (slice.hasRemaining()) {
                        file.write(slice);
                    }
                    left -= n;
                    bytes += n;
                    position += n;
                    if (left == 0) {
                        closeFile();
                        toPadding(current.size());
                    }
                }
                case META -> {
                    final int n = (int) Math.min(end - position, left);
                    System.arraycopy(buffer, position, meta, metaFill, n);
                    metaFill += n;
                    left -= n;
                    position += n;
                    if (left == 0) {
                        onMeta();
                        toPadding(meta.length);
                    }
                }
                case PADDING -> {
                    final int n = Math.min(end - position, padding);
                    padding -= n;
                    position += n;
                    if (padding == 0) {
                        state = State.HEADER;
                    }
                }
                case END -> {
                    for (int i = position; i < end; i++) {
                        if (buffer[i] != 0) {
                            throw new UnsafeArchiveException("Archive has data after its end");
                        }
                    }
                    position = end;
                }
                default -> throw new IllegalStateException("Unknown state");
            }
        }
    }

    /**
     * Checks that the archive ended with its two zero blocks and nothing is left open.
     *
     * @throws IOException when the archive is truncated
     */
    public void finish() throws IOException {
        if (state != State.END) {
            closeFile();
            throw new UnsafeArchiveException("Archive truncated");
        }
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }

    private void onHeader() throws IOException {
        if (isZero(header)) {
            zeroBlocks++;
            if (zeroBlocks == 2) {
                state = State.END;
            }
            return;
        }
        if (zeroBlocks > 0) {
            throw new UnsafeArchiveException("Archive has an entry after a zero block");
        }
        final TarHeader parsed = TarHeader.parse(header);
        switch (parsed.type()) {
            case 'x', 'g', 'L', 'K' -> startMeta(parsed.type(), parsed.size());
            default -> entry(parsed);
        }
    }

    private void entry(final TarHeader parsed) throws IOException {
        current = new TarHeader(nextPath != null ? nextPath : parsed.name(), parsed.mode(),
                nextSize != null ? nextSize : parsed.size(), parsed.mtime(), parsed.type(),
                nextLink != null ? nextLink : parsed.linkName());
        clearOverrides();
        switch (current.type()) {
            case '0', 0, '7' -> startFile();
            case '5', '2' -> {
                if (current.size() != 0) {
                    throw new UnsafeArchiveException(String.format("Archive entry [%s] has content it cannot have",
                            ArchivePaths.shown(current.name())));
                }
                if (current.type() == '5') {
                    directory(ArchivePaths.segments(current.name()));
                } else {
                    symlink();
                }
                toPadding(0);
            }
            default -> throw new UnsafeArchiveException(String.format(
                    "Archive entry [%s] of type [%s] refused (hard link, device, pipe or unknown)",
                    ArchivePaths.shown(current.name()), ArchivePaths.shown(String.valueOf((char) current.type()))));
        }
    }

    private void clearOverrides() {
        nextPath = null;
        nextLink = null;
        nextSize = null;
    }

    private void startMeta(final byte type, final long size) throws UnsafeArchiveException {
        if (size > MAX_META) {
            throw new UnsafeArchiveException(String.format("Archive metadata block size [%d] greater than maximum [%d]",
                    size, MAX_META));
        }
        metaType = type;
        meta = new byte[(int) size];
        metaFill = 0;
        left = size;
        if (size == 0) {
            onMeta();
            toPadding(0);
        } else {
            state = State.META;
        }
    }

    private void onMeta() throws UnsafeArchiveException {
        switch (metaType) {
            case 'x' -> {
                final Map<String, String> values = TarHeader.parsePax(meta);
                if (values.containsKey("path")) {
                    nextPath = values.get("path");
                }
                if (values.containsKey("linkpath")) {
                    nextLink = values.get("linkpath");
                }
                if (values.containsKey("size")) {
                    try {
                        nextSize = Long.parseLong(values.get("size"));
                    } catch (final NumberFormatException e) {
                        throw new UnsafeArchiveException("Archive pax size malformed");
                    }
                    if (nextSize < 0) {
                        throw new UnsafeArchiveException("Archive pax size negative");
                    }
                }
            }
            case 'L' -> nextPath = cString(meta);
            case 'K' -> nextLink = cString(meta);
            default -> {
                // global pax headers carry nothing we apply
            }
        }
    }

    private void startFile() throws IOException {
        final List<String> segments = ArchivePaths.segments(current.name());
        if (segments.isEmpty()) {
            throw new UnsafeArchiveException("Archive file entry without a name");
        }
        final Path target = parents(segments);
        final Set<PosixFilePermission> permissions = filePermissions(current.mode());
        try {
            file = Files.newByteChannel(target, Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(permissions));
        } catch (final FileAlreadyExistsException e) {
            throw new UnsafeArchiveException(String.format("Archive entry [%s] appears twice",
                    ArchivePaths.shown(current.name())));
        }
        files++;
        left = current.size();
        if (left == 0) {
            closeFile();
            toPadding(0);
        } else {
            state = State.CONTENT;
        }
    }

    private void closeFile() throws IOException {
        if (file != null) {
            final SeekableByteChannel open = file;
            file = null;
            open.close();
            if (left == 0 && current != null && current.mtime() > 0) {
                final Path path = ArchivePaths.resolve(root, ArchivePaths.segments(current.name()));
                Files.getFileAttributeView(path, java.nio.file.attribute.BasicFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.fromMillis(current.mtime() * 1000), null, null);
            }
        }
    }

    private void directory(final List<String> segments) throws IOException {
        Path path = root;
        for (final String segment : segments) {
            path = path.resolve(segment);
            final BasicFileAttributes attributes = attributes(path);
            if (attributes == null) {
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
                files++;
            } else if (!attributes.isDirectory() || attributes.isSymbolicLink()) {
                throw new UnsafeArchiveException(String.format("Archive entry [%s] goes through a non-directory",
                        ArchivePaths.shown(current.name())));
            }
        }
    }

    private Path parents(final List<String> segments) throws IOException {
        directory(segments.subList(0, segments.size() - 1));
        return ArchivePaths.resolve(root, segments);
    }

    private void symlink() throws IOException {
        final List<String> segments = ArchivePaths.segments(current.name());
        if (segments.isEmpty()) {
            throw new UnsafeArchiveException("Archive link entry without a name");
        }
        ArchivePaths.checkLinkTarget(segments, current.linkName());
        final Path link = parents(segments);
        try {
            Files.createSymbolicLink(link, Path.of(current.linkName()));
        } catch (final FileAlreadyExistsException e) {
            throw new UnsafeArchiveException(String.format("Archive entry [%s] appears twice",
                    ArchivePaths.shown(current.name())));
        }
        files++;
    }

    private void toPadding(final long contentLength) {
        padding = TarHeader.padding(contentLength);
        state = padding == 0 ? State.HEADER : State.PADDING;
    }

    private static BasicFileAttributes attributes(final Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (final java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    private static Set<PosixFilePermission> filePermissions(final int mode) {
        final Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        if ((mode & 0100) != 0) {
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
        }
        return permissions;
    }

    private static boolean isZero(final byte[] block) {
        for (final byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(final byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
