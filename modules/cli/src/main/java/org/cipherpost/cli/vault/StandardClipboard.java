package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.SecretBytes;

/**
 * The clipboard through {@code wl-copy}/{@code wl-paste} (Wayland) or {@code xclip} (X11). The value goes to the
 * tool's standard input, never to argv. A detached {@code sh} helper gets only the value's SHA-256 (on its standard
 * input), waits the clip time ({@value #TIME_VARIABLE}, default {@value #DEFAULT_SECONDS} s), and clears the clipboard
 * only if it still holds our value.
 */
final class StandardClipboard implements Clipboard {
    /** Environment variable holding the seconds before the clipboard is cleared. */
    static final String TIME_VARIABLE = "CIPHERPOST_CLIP_TIME";

    /** Seconds before the clipboard is cleared when the variable is not set. */
    static final int DEFAULT_SECONDS = 45;

    /**
     * The clearing helper: {@code $1} seconds, {@code $2} kind (wl or x), {@code $3} paste tool, {@code $4} copy tool;
     * the expected SHA-256 arrives on standard input.
     */
    private static final String CLEARER = """
            IFS= read -r want || exit 0
            sleep "$1" || exit 0
            if [ "$2" = wl ]; then have=$("$3" --no-newline 2>/dev/null | sha256sum); \
            else have=$("$3" -selection clipboard -o 2>/dev/null | sha256sum); fi
            [ "${have%% *}" = "$want" ] || exit 0
            if [ "$2" = wl ]; then exec "$4" --clear; else exec "$4" -selection clipboard -i /dev/null; fi
            """;

    private final CliContext context;

    /**
     * Creates the clipboard for a command.
     *
     * @param context command context (its PATH, display variables and stderr)
     */
    StandardClipboard(final CliContext context) {
        this.context = Objects.requireNonNull(context, "Context required");
    }

    /** A clipboard tool: its kind, and the programs that copy and paste. */
    private record Tool(String kind, Path copy, Path paste) {
        List<String> copyCommand() {
            return "wl".equals(kind) ? List.of(copy.toString()) : List.of(copy.toString(), "-selection", "clipboard");
        }
    }

    @Override
    public void copy(final SecretBytes value, final String what) throws CliException {
        final Tool tool = tool().orElseThrow(() -> new CliException(ExitCodes.GENERIC,
                "no clipboard tool: install wl-clipboard (wl-copy) or xclip; nothing was copied"));
        final int seconds = seconds();
        run(tool, value);
        scheduleClear(tool, seconds, Fingerprints.sha256Hex(value.bytes()));
        context.err().println("cipherpost: copied " + what + " to the clipboard; it is cleared in " + seconds
                + " s if it is still there");
        context.err().flush();
    }

    /** Picks wl-copy on Wayland, else xclip, else wl-copy. */
    private Optional<Tool> tool() {
        final Optional<Path> wlCopy = Executables.find("wl-copy", context.environment());
        final Optional<Path> wlPaste = Executables.find("wl-paste", context.environment());
        final Optional<Path> xclip = Executables.find("xclip", context.environment());
        final Optional<Tool> wayland = wlCopy.isPresent() && wlPaste.isPresent()
                ? Optional.of(new Tool("wl", wlCopy.get(), wlPaste.get())) : Optional.empty();
        final Optional<Tool> x11 = xclip.map(path -> new Tool("x", path, path));
        if (context.environment().get("WAYLAND_DISPLAY") != null && wayland.isPresent()) {
            return wayland;
        }
        return x11.isPresent() ? x11 : wayland;
    }

    /** Reads the clip time from the environment. */
    private int seconds() throws CliException {
        final String configured = context.environment().get(TIME_VARIABLE);
        if (configured == null || configured.isBlank()) {
            return DEFAULT_SECONDS;
        }
        try {
            final int seconds = Integer.parseInt(configured.strip());
            if (seconds >= 1 && seconds <= 3600) {
                return seconds;
            }
        } catch (final NumberFormatException e) {
            // Reported below.
        }
        throw new CliException(ExitCodes.USAGE, TIME_VARIABLE + " [" + configured + "] is not a number of seconds from 1 to 3600");
    }

    /** Pipes the value into the copy tool and checks that it succeeded. */
    private void run(final Tool tool, final SecretBytes value) throws CliException {
        final ProcessBuilder builder = Executables.withEnvironment(new ProcessBuilder(tool.copyCommand()), context.environment())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            final Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(value.bytes());
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CliException(ExitCodes.GENERIC, "clipboard tool [" + tool.copy() + "] did not finish");
            }
            if (process.exitValue() != 0) {
                throw new CliException(ExitCodes.GENERIC, "clipboard tool [" + tool.copy() + "] failed with exit ["
                        + process.exitValue() + "]; is a display available (DISPLAY or WAYLAND_DISPLAY)?");
            }
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot run clipboard tool [" + tool.copy() + "]: "
                    + VaultFailures.line(e), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.GENERIC, "interrupted while copying to the clipboard", e);
        }
    }

    /** Starts the detached helper that clears the clipboard later if it still holds the value. */
    private void scheduleClear(final Tool tool, final int seconds, final String sha256) throws CliException {
        final List<String> command = new ArrayList<>();
        Executables.find("setsid", context.environment()).ifPresent(path -> command.add(path.toString()));
        command.addAll(List.of("/bin/sh", "-c", CLEARER, "cipherpost-clip-clear", Integer.toString(seconds), tool.kind(),
                tool.paste().toString(), tool.copy().toString()));
        final ProcessBuilder builder = Executables.withEnvironment(new ProcessBuilder(command), context.environment())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            final Process helper = builder.start();
            try (OutputStream in = helper.getOutputStream()) {
                in.write((sha256 + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "copied, but cannot start the helper that clears the clipboard: "
                    + VaultFailures.line(e) + "; clear it yourself", e);
        }
    }
}
