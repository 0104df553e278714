package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.Locale;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.NoMatchingIdentityException;
import org.cipherpost.crypto.WrongPassphraseException;
import org.cipherpost.vault.AmbiguousNameException;
import org.cipherpost.vault.DeviceExistsException;
import org.cipherpost.vault.EntryExistsException;
import org.cipherpost.vault.EntryNotFoundException;
import org.cipherpost.vault.HookRejectedException;
import org.cipherpost.vault.InvalidRecoveryCodeException;
import org.cipherpost.vault.ManifestAuthenticationException;
import org.cipherpost.vault.MissingDeviceKeyException;
import org.cipherpost.vault.MissingFileException;
import org.cipherpost.vault.NotAVaultException;
import org.cipherpost.vault.NotWrappedToDeviceException;
import org.cipherpost.vault.TamperedFileException;
import org.cipherpost.vault.TruncatedFileException;
import org.cipherpost.vault.UnknownDeviceException;
import org.cipherpost.vault.VaultExistsException;
import org.cipherpost.vault.VaultIntegrityException;

/** The one place where vault failures become a one-line message and an exit code. */
final class VaultFailures {
    private VaultFailures() {
    }

    /**
     * Maps a failure of the vault library to the exit code and line the user sees.
     *
     * @param failure what the vault threw
     * @return exception to throw from the command
     */
    static CliException map(final Exception failure) {
        return switch (failure) {
            case CliException cli -> cli;
            case WrongPassphraseException e ->
                    new CliException(ExitCodes.PASSPHRASE, "wrong passphrase for this device's vault key", e);
            case NotWrappedToDeviceException e -> new CliException(ExitCodes.PASSPHRASE,
                    "this device cannot decrypt the vault: " + line(e) + " (revoked, or not added yet?)", e);
            case NoMatchingIdentityException e ->
                    new CliException(ExitCodes.PASSPHRASE, "this device holds no key for that file", e);
            case InvalidRecoveryCodeException e -> new CliException(ExitCodes.PASSPHRASE, line(e), e);
            case TamperedFileException e -> new CliException(ExitCodes.GENERIC,
                    "refusing to use tampered data: " + line(e), e);
            case ManifestAuthenticationException e -> new CliException(ExitCodes.GENERIC,
                    "refusing to use tampered data: " + line(e), e);
            case VaultIntegrityException e -> new CliException(ExitCodes.GENERIC,
                    "refusing to use tampered data: " + line(e), e);
            case TruncatedFileException e -> new CliException(ExitCodes.GENERIC, line(e), e);
            case MissingFileException e -> new CliException(ExitCodes.GENERIC, line(e), e);
            case EntryNotFoundException e -> new CliException(ExitCodes.GENERIC, line(e), e);
            case AmbiguousNameException e -> new CliException(ExitCodes.GENERIC, line(e), e);
            case EntryExistsException e -> new CliException(ExitCodes.GENERIC, line(e), e);
            case NotAVaultException e -> new CliException(ExitCodes.GENERIC,
                    line(e).replace("run init first", "create one with 'cipherpost vault init'"), e);
            case MissingDeviceKeyException e -> new CliException(ExitCodes.GENERIC, line(e)
                    + " ('cipherpost vault join' or 'cipherpost vault recover')", e);
            case VaultExistsException e -> new CliException(ExitCodes.GENERIC, line(e), e);
            case DeviceExistsException e -> new CliException(ExitCodes.GENERIC, line(e), e);
            case UnknownDeviceException e -> new CliException(ExitCodes.GENERIC, line(e), e);
            case HookRejectedException e -> new CliException(ExitCodes.GENERIC, line(e), e);
            case AgentUnavailableException e -> new CliException(ExitCodes.GENERIC, line(e)
                    + "; run the command again (it will ask for the passphrase)", e);
            case UncheckedIOException e -> new CliException(ExitCodes.GENERIC, line(e.getCause()), e);
            case GeneralSecurityException e -> new CliException(ExitCodes.PASSPHRASE,
                    "decryption failed: " + line(e), e);
            case IOException e -> new CliException(ExitCodes.GENERIC, line(e), e);
            case IllegalArgumentException e -> new CliException(ExitCodes.USAGE, line(e), e);
            default -> new CliException(ExitCodes.GENERIC, "unexpected error (" + failure.getClass().getSimpleName()
                    + "); run with --verbose for details", failure);
        };
    }

    /**
     * Returns an exception's message as one line starting in lower case, or its type when it has none.
     *
     * @param failure exception
     * @return one line
     */
    static String line(final Throwable failure) {
        final String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        final String first = message.lines().findFirst().orElse(message).strip();
        if (first.length() > 1 && Character.isUpperCase(first.charAt(0)) && !Character.isUpperCase(first.charAt(1))) {
            return first.substring(0, 1).toLowerCase(Locale.ROOT) + first.substring(1);
        }
        return first;
    }
}
