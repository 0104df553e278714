package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.vault.VaultOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vault lock}: stop the agent, wiping the key it holds. */
@Command(name = "lock",
        mixinStandardHelpOptions = true,
        description = "Stop the vault agent of this vault: it wipes the key it holds and exits.",
        footer = {"", "Example:", "  cipherpost vault lock"})
final class VaultLockCommand implements Callable<Integer> {
    private static final long STOP_WAIT_MILLIS = 2000;

    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    VaultLockCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final VaultOptions options = location.options(context);
        final Path socket = AgentPaths.socket(context.environment(), options);
        try {
            if (stop(new AgentClient(socket), socket)) {
                context.err().println("cipherpost: vault locked");
            } else {
                context.err().println("cipherpost: vault was not unlocked");
            }
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot lock: " + VaultFailures.line(e), e);
        }
        return ExitCodes.OK;
    }

    /**
     * Stops the agent on a socket if one answers, and removes a stale socket file.
     *
     * @param client client for the socket
     * @param socket socket path
     * @return true when a running agent was stopped
     * @throws IOException when a stale socket file cannot be removed
     */
    static boolean stop(final AgentClient client, final Path socket) throws IOException {
        if (!client.present()) {
            return false;
        }
        boolean stopped;
        try {
            client.lock();
            stopped = true;
        } catch (final IOException e) {
            stopped = false;
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        while (stopped && Files.exists(socket) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Files.deleteIfExists(socket);
        return stopped;
    }
}
