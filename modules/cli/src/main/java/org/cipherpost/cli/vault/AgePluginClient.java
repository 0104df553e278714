package org.cipherpost.cli.vault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.cipherpost.api.AgeStanza;

/**
 * Talks to an {@code age-plugin-NAME} binary on the PATH through the v1 state machines of C2SP age-plugin.md:
 * {@code recipient-v1} to wrap a file key to a plugin recipient, {@code identity-v1} to unwrap it with a plugin
 * identity. Requests for a PIN or confirmation are answered {@code fail} (there is no UI channel here); messages
 * are passed to standard error.
 */
final class AgePluginClient {
    /** Plugin names: what follows {@code age-plugin-} in the binary's name. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private static final int BODY_COLUMNS = 64;
    private static final int MAXIMUM_LINE = 64 * 1024;
    private static final int MAXIMUM_STANZAS = 1024;
    private static final long TIMEOUT_SECONDS = 120;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final String name;
    private final Map<String, String> environment;
    private final Messages messages;

    /** Where the plugin's messages go. */
    interface Messages {
        /**
         * Shows a message from the plugin.
         *
         * @param text message, already made printable
         */
        void show(String text);
    }

    /**
     * Creates a client for one plugin.
     *
     * @param name plugin name ({@code yubikey} for {@code age-plugin-yubikey})
     * @param environment environment (its PATH finds the binary; passed on to the plugin)
     * @param messages receiver of the plugin's messages
     */
    AgePluginClient(final String name, final Map<String, String> environment, final Messages messages) {
        this.name = Objects.requireNonNull(name, "Plugin Name required");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Plugin Name [" + name + "] not valid");
        }
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "Environment required"));
        this.messages = Objects.requireNonNull(messages, "Messages required");
    }

    /**
     * Finds {@code age-plugin-NAME} on the PATH.
     *
     * @return executable
     * @throws IOException when it is not there
     */
    Path binary() throws IOException {
        final String path = environment.getOrDefault("PATH", "");
        for (final String directory : path.split(":")) {
            if (directory.isEmpty()) {
                continue;
            }
            final Path candidate = Path.of(directory).resolve("age-plugin-" + name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException("age plugin [age-plugin-" + name + "] not found on PATH");
    }

    /**
     * Wraps a file key to a plugin recipient ({@code recipient-v1}).
     *
     * @param recipient plugin recipient ({@code age1NAME1...})
     * @param fileKey 16-byte file key
     * @return the stanzas the plugin returned for the file
     * @throws IOException when the plugin cannot be run or speaks out of protocol
     * @throws GeneralSecurityException when the plugin reports an error
     */
    List<AgeStanza> wrap(final String recipient, final byte[] fileKey) throws IOException, GeneralSecurityException {
        final List<AgeStanza> stanzas = new ArrayList<>();
        run("recipient-v1", out -> {
            write(out, "add-recipient", List.of(recipient), new byte[0]);
            write(out, "wrap-file-key", List.of(), fileKey);
            write(out, "done", List.of(), new byte[0]);
        }, (command, out) -> {
            if (command.type().equals("recipient-stanza")) {
                final List<String> arguments = command.arguments();
                if (arguments.size() < 2 || !arguments.getFirst().equals("0")) {
                    throw new IOException("age plugin [" + name + "] sent a malformed recipient-stanza");
                }
                stanzas.add(new AgeStanza(arguments.get(1), arguments.subList(2, arguments.size()), command.body()));
                write(out, "ok", List.of(), new byte[0]);
                return true;
            }
            return false;
        });
        if (stanzas.isEmpty()) {
            throw new GeneralSecurityException("age plugin [" + name + "] returned no stanza for the recipient");
        }
        return List.copyOf(stanzas);
    }

    /**
     * Unwraps a file key with a plugin identity ({@code identity-v1}), offering it the stanzas of one file.
     *
     * @param identity plugin identity ({@code AGE-PLUGIN-NAME-1...})
     * @param stanzas stanzas of the file
     * @return a new array holding the file key, owned by the caller
     * @throws IOException when the plugin cannot be run or speaks out of protocol
     * @throws GeneralSecurityException when the plugin cannot unwrap it
     */
    byte[] unwrap(final String identity, final List<AgeStanza> stanzas) throws IOException, GeneralSecurityException {
        final byte[][] fileKey = new byte[1][];
        run("identity-v1", out -> {
            write(out, "add-identity", List.of(identity), new byte[0]);
            for (final AgeStanza stanza : stanzas) {
                final List<String> arguments = new ArrayList<>();
                arguments.add("0");
                arguments.add(stanza.type());
                arguments.addAll(stanza.arguments());
                write(out, "recipient-stanza", arguments, stanza.body());
            }
            write(out, "done", List.of(), new byte[0]);
        }, (command, out) -> {
            if (command.type().equals("file-key")) {
                final byte[] body = command.body();
                if (!command.arguments().equals(List.of("0")) || body.length != 16 || fileKey[0] != null) {
                    Arrays.fill(body, (byte) 0);
                    throw new IOException("age plugin [" + name + "] sent a malformed file-key");
                }
                fileKey[0] = body;
                write(out, "ok", List.of(), new byte[0]);
                return true;
            }
            return false;
        });
        if (fileKey[0] == null) {
            throw new GeneralSecurityException("age plugin [" + name + "] did not unwrap the device key");
        }
        return fileKey[0];
    }

    /** Phase 1 of a state machine: what the client sends. */
    private interface Phase1 {
        void send(OutputStream out) throws IOException;
    }

    /** Phase 2: handles one plugin command the generic handler does not; false for unknown ones. */
    private interface Phase2 {
        boolean handle(Command command, OutputStream out) throws IOException;
    }

    /** A command as read from the plugin. */
    private record Command(String type, List<String> arguments, byte[] body) {
    }

    /** Runs the plugin through one state machine. */
    private void run(final String machine, final Phase1 phase1, final Phase2 phase2)
            throws IOException, GeneralSecurityException {
        final ProcessBuilder builder = new ProcessBuilder(binary().toString(), "--age-plugin=" + machine);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        final Process process = builder.start();
        String error = null;
        try (OutputStream out = process.getOutputStream();
             BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                     StandardCharsets.UTF_8))) {
            phase1.send(out);
            for (int count = 0; ; count++) {
                if (count > MAXIMUM_STANZAS) {
                    throw new IOException("age plugin [" + name + "] sent too many commands");
                }
                final Command command = read(in);
                if (command.type().equals("done")) {
                    break;
                }
                if (phase2.handle(command, out)) {
                    continue;
                }
                switch (command.type()) {
                    case "msg" -> {
                        messages.show(Printables.clean(new String(command.body(), StandardCharsets.UTF_8)));
                        write(out, "ok", List.of(), new byte[0]);
                    }
                    case "error" -> {
                        if (error == null) {
                            error = Printables.clean(new String(command.body(), StandardCharsets.UTF_8));
                        }
                        write(out, "ok", List.of(), new byte[0]);
                    }
                    case "confirm", "request-public", "request-secret" -> write(out, "fail", List.of(), new byte[0]);
                    default -> write(out, "unsupported", List.of(), new byte[0]);
                }
            }
        } finally {
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (final InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (error != null) {
            throw new GeneralSecurityException("age plugin [" + name + "] reported: " + error);
        }
    }

    /** Writes one stanza: {@code -> type args}, then the body in base64 lines of 64 columns, the last one shorter. */
    private static void write(final OutputStream out, final String type, final List<String> arguments,
                              final byte[] body) throws IOException {
        final StringBuilder text = new StringBuilder("-> ").append(type);
        for (final String argument : arguments) {
            text.append(' ').append(argument);
        }
        text.append('\n');
        final String encoded = ENCODER.encodeToString(body);
        int at = 0;
        while (encoded.length() - at >= BODY_COLUMNS) {
            text.append(encoded, at, at + BODY_COLUMNS).append('\n');
            at += BODY_COLUMNS;
        }
        text.append(encoded, at, encoded.length()).append('\n');
        final byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        try {
            out.write(bytes);
            out.flush();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Reads one stanza from the plugin. */
    private Command read(final BufferedReader in) throws IOException {
        final String first = line(in);
        if (!first.startsWith("-> ")) {
            throw new IOException("age plugin [" + name + "] spoke out of protocol");
        }
        final List<String> words = List.of(first.substring(3).split(" ", -1));
        if (words.isEmpty() || words.stream().anyMatch(String::isEmpty)) {
            throw new IOException("age plugin [" + name + "] sent a malformed stanza");
        }
        final StringBuilder encoded = new StringBuilder();
        while (true) {
            final String body = line(in);
            if (body.length() > BODY_COLUMNS) {
                throw new IOException("age plugin [" + name + "] sent a malformed stanza body");
            }
            encoded.append(body);
            if (body.length() < BODY_COLUMNS) {
                break;
            }
            if (encoded.length() > MAXIMUM_LINE) {
                throw new IOException("age plugin [" + name + "] sent a stanza body that is too long");
            }
        }
        final byte[] body;
        try {
            body = DECODER.decode(encoded.toString());
        } catch (final IllegalArgumentException e) {
            throw new IOException("age plugin [" + name + "] sent a stanza body that is not base64", e);
        }
        return new Command(words.getFirst(), words.subList(1, words.size()), body);
    }

    /** Reads one line, refusing end of stream and overlong lines. */
    private String line(final BufferedReader in) throws IOException {
        final String line = in.readLine();
        if (line == null) {
            throw new IOException("age plugin [" + name + "] ended before finishing");
        }
        if (line.length() > MAXIMUM_LINE) {
            throw new IOException("age plugin [" + name + "] sent a line that is too long");
        }
        return line;
    }
}
