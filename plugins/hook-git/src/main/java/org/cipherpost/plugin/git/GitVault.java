package org.cipherpost.plugin.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cipherpost.api.StoredVersion;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.EmptyCommitException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/** A vault directory as a git repository: commit everything, list and read a file's versions, push. */
final class GitVault implements AutoCloseable {
    /** Repository configuration key naming the remote to push to after each commit. */
    static final String PUSH_SECTION = "cipherpost";

    /** Key within {@link #PUSH_SECTION}: {@code git config cipherpost.push origin}. */
    static final String PUSH_KEY = "push";

    /** Largest file version read back (the vault's own limit for entry files). */
    static final int MAXIMUM_FILE = 64 << 20;

    /** Ignored: the writers' lock and interrupted atomic writes. */
    static final String GITIGNORE = "# written by the cipherpost hook-git plugin\n/.lock\n.*.tmp-*\n";

    /**
     * Every file is age ciphertext: no text conversion or merging, and a {@code cipherpost} diff driver that only
     * someone who can decrypt configures (docs/PLUGINS.md).
     */
    static final String GITATTRIBUTES = "# written by the cipherpost hook-git plugin: every file is age ciphertext\n"
            + "*.age -text -merge diff=cipherpost\n"
            + "*.key -text -merge diff=cipherpost\n"
            + "vault.manifest -merge\n";

    /** The diff driver the attributes name: {@code diff.cipherpost.*} in the repository configuration. */
    static final String DIFF_SECTION = "diff";

    /** Name of the diff driver. */
    static final String DIFF_DRIVER = "cipherpost";

    private static final String AUTHOR = "cipherpost";
    private static final String EMAIL = "cipherpost@localhost";
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");

    private final Git git;

    private GitVault(final Git git) {
        this.git = git;
    }

    /**
     * Tells whether a vault directory is a git repository already.
     *
     * @param directory vault directory
     * @return true when it has a {@code .git} directory
     */
    static boolean exists(final Path directory) {
        return Files.isDirectory(directory.resolve(".git"), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Opens the repository of a vault directory.
     *
     * @param directory vault directory
     * @return repository, to be closed
     * @throws IOException when it cannot be opened
     */
    static GitVault open(final Path directory) throws IOException {
        return new GitVault(Git.open(directory.toFile()));
    }

    /**
     * Writes the ignore and attribute files unless they are there, and makes the {@code cipherpost} diff driver
     * binary unless configured otherwise (so that diffs never print ciphertext as text; a {@code textconv} set by
     * someone who can decrypt takes precedence).
     *
     * @throws IOException when they cannot be written
     */
    void prepare() throws IOException {
        final Path directory = git.getRepository().getWorkTree().toPath();
        writeIfMissing(directory.resolve(".gitignore"), GITIGNORE);
        writeIfMissing(directory.resolve(".gitattributes"), GITATTRIBUTES);
        final StoredConfig config = git.getRepository().getConfig();
        if (config.getString(DIFF_SECTION, DIFF_DRIVER, "binary") == null) {
            config.setBoolean(DIFF_SECTION, DIFF_DRIVER, "binary", true);
            config.save();
        }
    }

    /** Writes a small text file unless one is there. */
    private static void writeIfMissing(final Path file, final String text) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }

    /**
     * Stages every addition, change and deletion in the directory and commits it.
     *
     * @param message commit message
     * @param at time of the change (author and committer time)
     * @return true when a commit was made, false when nothing changed
     * @throws IOException when git fails
     */
    boolean commit(final String message, final Instant at) throws IOException {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            final PersonIdent ident = new PersonIdent(AUTHOR, EMAIL, at, ZoneOffset.UTC);
            git.commit().setMessage(message).setAuthor(ident).setCommitter(ident).setSign(Boolean.FALSE)
                    .setAllowEmpty(false).setNoVerify(true).call();
            return true;
        } catch (final EmptyCommitException e) {
            return false;
        } catch (final GitAPIException e) {
            throw new IOException("git commit failed: " + e.getMessage(), e);
        }
    }

    /**
     * Pushes the current branch to the remote named by {@code cipherpost.push}, if any.
     *
     * @throws IOException when the push fails or the remote refuses it
     */
    void pushIfConfigured() throws IOException {
        final String remote = git.getRepository().getConfig().getString(PUSH_SECTION, null, PUSH_KEY);
        if (remote == null || remote.isBlank()) {
            return;
        }
        try {
            final PushCommand push = git.push().setRemote(remote).add(git.getRepository().getFullBranch());
            for (final PushResult result : push.call()) {
                for (final RemoteRefUpdate update : result.getRemoteUpdates()) {
                    if (update.getStatus() != RemoteRefUpdate.Status.OK
                            && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new IOException("push to [" + remote + "] refused: " + update.getStatus());
                    }
                }
            }
        } catch (final GitAPIException e) {
            throw new IOException("push to [" + remote + "] failed: " + e.getMessage(), e);
        }
    }

    /**
     * Lists the commits in which a file exists and changed, oldest first.
     *
     * @param path vault-relative path
     * @return versions
     * @throws IOException when the history cannot be read
     */
    List<StoredVersion> versions(final String path) throws IOException {
        final Repository repository = git.getRepository();
        if (repository.resolve("HEAD") == null) {
            return List.of();
        }
        final List<StoredVersion> newestFirst = new ArrayList<>();
        try {
            for (final RevCommit commit : git.log().addPath(path).call()) {
                try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
                    if (walk != null) {
                        newestFirst.add(new StoredVersion(commit.getName(),
                                commit.getCommitterIdent().getWhenAsInstant(),
                                CommitMessages.kind(commit.getFullMessage())));
                    }
                }
            }
        } catch (final GitAPIException e) {
            throw new IOException("git log failed: " + e.getMessage(), e);
        }
        return List.copyOf(newestFirst.reversed());
    }

    /**
     * Reads a file as one commit holds it.
     *
     * @param path vault-relative path
     * @param revision full commit id
     * @return file bytes
     * @throws IOException when the commit or the file in it does not exist
     */
    byte[] read(final String path, final String revision) throws IOException {
        if (!COMMIT_ID.matcher(revision).matches()) {
            throw new IOException("Revision [" + revision + "] is not a commit id");
        }
        final Repository repository = git.getRepository();
        try (RevWalk revisions = new RevWalk(repository)) {
            final RevCommit commit = revisions.parseCommit(ObjectId.fromString(revision));
            try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
                if (walk == null) {
                    throw new IOException("File [" + path + "] not in revision [" + revision + "]");
                }
                final ObjectLoader loader = repository.open(walk.getObjectId(0));
                return loader.getBytes(MAXIMUM_FILE);
            }
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
