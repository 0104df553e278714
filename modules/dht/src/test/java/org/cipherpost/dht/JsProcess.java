package org.cipherpost.dht;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node script speaking one JSON command per stdin line and one JSON reply per stdout line. */
final class JsProcess implements AutoCloseable {
    private static final long REPLY_SECONDS = 30;

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    /**
     * Starts {@code node script} with {@code INTEROP_DIR} set; the script's stderr goes to ours.
     *
     * @param script script path
     * @param modules directory holding node_modules
     * @throws IOException when node cannot start
     */
    JsProcess(final Path script, final Path modules) throws IOException {
        final ProcessBuilder builder = new ProcessBuilder("node", script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("INTEROP_DIR", modules.toString());
        process = builder.start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        final BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        Thread.ofVirtual().start(() -> stdout.lines().forEach(replies::add));
    }

    /**
     * Sends a command and returns its reply, failing the test on an error reply or a timeout.
     *
     * @param command one-line JSON
     * @return one-line JSON reply
     * @throws IOException when the process is gone
     * @throws InterruptedException when interrupted while waiting
     */
    String call(final String command) throws IOException, InterruptedException {
        stdin.write(command + "\n");
        stdin.flush();
        final String reply = replies.poll(REPLY_SECONDS, TimeUnit.SECONDS);
        assertNotNull(reply, () -> "no reply to " + command);
        assertFalse(reply.contains("\"error\""), reply);
        return reply;
    }

    /**
     * Reads a string, number or null field from a flat JSON reply.
     *
     * @param json reply
     * @param name field name
     * @return value text ({@code null} for JSON null)
     */
    static String field(final String json, final String name) {
        final Matcher matcher = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        assertTrue(matcher.find(), () -> name + " missing in " + json);
        return matcher.group(1);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
