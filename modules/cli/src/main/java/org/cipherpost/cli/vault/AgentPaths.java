package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.cipherpost.crypto.SecureFiles;
import org.cipherpost.vault.VaultOptions;

/**
 * Where the vault agent listens: {@code $XDG_RUNTIME_DIR/cipherpost} (else {@code $CIPHERPOST_HOME/run}), a 0700
 * directory owned by the user, holding one socket per vault directory and home: {@code vault-<hash>.sock}.
 */
final class AgentPaths {
    /** Environment variable naming the per-user runtime directory (a tmpfs on systemd machines). */
    static final String RUNTIME_VARIABLE = "XDG_RUNTIME_DIR";

    /** Longest socket path the kernel accepts, less a margin ({@code sun_path} holds 108 bytes). */
    static final int MAXIMUM_SOCKET_PATH = 100;

    private AgentPaths() {
    }

    /**
     * Returns the runtime directory for the given environment and home, without creating it.
     *
     * @param environment environment variables
     * @param home cipherpost home
     * @return directory
     */
    static Path runtimeDirectory(final Map<String, String> environment, final Path home) {
        final String runtime = environment.get(RUNTIME_VARIABLE);
        if (runtime != null && !runtime.isBlank() && Path.of(runtime).isAbsolute()) {
            return Path.of(runtime).resolve("cipherpost");
        }
        return home.toAbsolutePath().resolve("run");
    }

    /**
     * Returns the socket of the agent for a vault: named by a hash of the vault directory and the home, so that two
     * vaults or two homes never share an agent.
     *
     * @param environment environment variables
     * @param options vault options
     * @return socket path
     */
    static Path socket(final Map<String, String> environment, final VaultOptions options) {
        final String key = canonical(options.directory()) + "\n" + canonical(options.home());
        final byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
        final String name = "vault-" + HexFormat.of().formatHex(digest, 0, 8) + ".sock";
        return runtimeDirectory(environment, options.home()).resolve(name);
    }

    /**
     * Creates the runtime directory (0700) if needed and checks that only its owner, this user, can use it.
     *
     * @param directory runtime directory
     * @throws IOException when it is a link, not a directory, owned by someone else or open to others
     */
    static void ensurePrivate(final Path directory) throws IOException {
        SecureFiles.createPrivateDirectories(directory);
        checkPrivate(directory);
    }

    /**
     * Checks that a directory is a real directory owned by this user with no group or other permissions.
     *
     * @param directory directory to check
     * @throws IOException when it is not
     */
    static void checkPrivate(final Path directory) throws IOException {
        if (Files.isSymbolicLink(directory) || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("Agent directory [%s] is not a directory".formatted(directory));
        }
        final int owner = (Integer) Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != currentUid()) {
            throw new IOException("Agent directory [%s] belongs to user [%d], not to this user".formatted(directory, owner));
        }
        final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS);
        if (SecureFiles.isAccessibleByOthers(directory)) {
            throw new IOException("Agent directory [%s] has mode [%s]; it must be 0700"
                    .formatted(directory, SecureFiles.octal(permissions)));
        }
    }

    /**
     * Checks that a socket path fits the kernel's limit.
     *
     * @param socket socket path
     * @throws IOException when it is too long
     */
    static void checkLength(final Path socket) throws IOException {
        final int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAXIMUM_SOCKET_PATH) {
            throw new IOException("Agent socket path [%s] is %d bytes, longer than [%d]; set %s to a shorter directory"
                    .formatted(socket, length, MAXIMUM_SOCKET_PATH, RUNTIME_VARIABLE));
        }
    }

    /**
     * Returns this process's user id.
     *
     * @return uid
     * @throws IOException when it cannot be read
     */
    static int currentUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    /** Returns the real path of a directory, or its normalized absolute path when it does not exist yet. */
    private static String canonical(final Path path) {
        try {
            return path.toRealPath().toString();
        } catch (final IOException e) {
            return path.toAbsolutePath().normalize().toString();
        }
    }
}
