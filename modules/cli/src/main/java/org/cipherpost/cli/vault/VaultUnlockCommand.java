package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vault unlock}: start the agent that holds this device's key for a while. */
@Command(name = "unlock",
        mixinStandardHelpOptions = true,
        description = {"Keep this device's key in a background agent for a while.",
            "Unlocks the key once so that later commands ask for no passphrase, skip Argon2id and do not need the hardware token (an age plugin or key backend such as keys-yubikey is asked once, now). The agent holds the key in memory only, answers only this user on a Unix socket in a 0700 directory ($XDG_RUNTIME_DIR/cipherpost, else $CIPHERPOST_HOME/run), and wipes the key and exits after --timeout (counted from now) or on 'vault lock'. Unlocking again replaces the agent. While it runs, plain 'show NAME' and 'find QUERY' are answered by the agent through a small native client in a few milliseconds, with the same output (CIPHERPOST_FAST=0 turns that off)."},
        footer = {"", "Examples:", "  cipherpost vault unlock", "  ciphey unlock --timeout 1h"})
final class VaultUnlockCommand implements Callable<Integer> {
    /** Longest time an agent may hold the key. */
    static final Duration MAXIMUM_TIMEOUT = Duration.ofDays(1);

    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "15m",
            description = "How long the key stays unlocked: 90s, 15m, 1h30m... (default: ${DEFAULT-VALUE}, at most 1d).")
    String timeout;

    VaultUnlockCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final Duration lifetime = lifetime();
        final VaultOpener opener = new VaultOpener(context, location, passphrase);
        final VaultOptions options = opener.options();
        VaultOpener.requireVault(options.directory());
        final Path socket = AgentPaths.socket(context.environment(), options);
        try {
            AgentPaths.checkLength(socket);
            AgentPaths.ensurePrivate(socket.getParent());
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot use the agent directory: " + VaultFailures.line(e), e);
        }
        try (AgePluginDevices.Unlocked unlocked = unlock(opener, options)) {
            VaultLockCommand.stop(new AgentClient(socket), socket);
            final long pid = AgentLauncher.launch(context.environment(), socket, lifetime, unlocked.identity(),
                    unlocked.fingerprint(), options);
            final Instant until = Instant.now().plus(lifetime);
            context.err().println("cipherpost: vault unlocked until " + DateTimeFormatter.ofPattern("HH:mm:ss")
                    .withZone(ZoneId.systemDefault()).format(until) + " (agent pid " + pid + "); 'cipherpost vault lock' locks it now");
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }

    /**
     * Unlocks this device's key once: through its age plugin or key backend (the hardware is asked now, not by every
     * later command), else with the passphrase; either way checked against the vault.
     */
    private AgePluginDevices.Unlocked unlock(final VaultOpener opener, final VaultOptions options)
            throws CliException, IOException, GeneralSecurityException {
        final AgePluginDevices.Unlocked pluginHeld = AgePluginDevices.unlockForAgent(context, options);
        if (pluginHeld != null) {
            return pluginHeld;
        }
        try (SecretBytes secret = opener.readPassphrase(options)) {
            final SecretBytes identity = Vaults.exportDeviceIdentity(options, secret);
            try {
                final HeldKeyBackend held = new HeldKeyBackend(identity);
                try (Vault vault = Vaults.open(options.withBackend(held), SecretBytes.wrap(new byte[0]))) {
                    vault.id();
                }
                return new AgePluginDevices.Unlocked(identity, held.fingerprint());
            } catch (final IOException | GeneralSecurityException | RuntimeException e) {
                identity.close();
                throw e;
            }
        }
    }

    /** Parses and bounds the timeout. */
    private Duration lifetime() throws CliException {
        final Duration parsed;
        try {
            parsed = Durations.parse(timeout);
        } catch (final IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--timeout: " + VaultFailures.line(e), e);
        }
        if (parsed.isZero() || parsed.compareTo(MAXIMUM_TIMEOUT) > 0) {
            throw new CliException(ExitCodes.USAGE, "--timeout [" + timeout + "] must be more than 0 and at most 1d");
        }
        return parsed;
    }
}
