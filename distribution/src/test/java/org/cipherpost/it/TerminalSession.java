package org.cipherpost.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command on a real pseudo-terminal through util-linux {@code script} and answers its prompts
 * only once they appear, the way a person types: input sent early would be echoed by the terminal
 * before the program could switch echo off, so waiting for the prompt is what makes echo testable.
 */
final class TerminalSession {
    private static final long TIMEOUT_SECONDS = 60;

    private final Process process;
    private final InputStream output;
    private final OutputStream input;
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();

    private TerminalSession(final Process process) {
        this.process = process;
        this.output = process.getInputStream();
        this.input = process.getOutputStream();
    }

    /**
     * Starts a shell command on a pseudo-terminal with a given CIPHERPOST_HOME.
     *
     * @param home home directory
     * @param command shell command line
     * @return session
     * @throws IOException when script cannot start
     */
    static TerminalSession start(final Path home, final String command) throws IOException {
        final ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null")
                .redirectErrorStream(true);
        final Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("CIPHERPOST_") || name.endsWith("JAVA_OPTS")
                || name.equals("JAVA_TOOL_OPTIONS") || name.equals("JDK_JAVA_OPTIONS"));
        environment.put("CIPHERPOST_HOME", home.toString());
        return new TerminalSession(builder.start());
    }

    /**
     * Waits until the output contains the prompt, then types a line.
     *
     * @param prompt text to wait for
     * @param line line to type
     * @throws IOException when the program ends before prompting
     */
    void answer(final String prompt, final String line) throws IOException {
        final byte[] wanted = prompt.getBytes(StandardCharsets.UTF_8);
        final int from = transcript.size();
        while (indexOf(transcript.toByteArray(), wanted, from) < 0) {
            final int b = output.read();
            if (b < 0) {
                throw new IOException("program ended before prompting [" + prompt + "]: " + transcript());
            }
            transcript.write(b);
        }
        input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    /**
     * Reads the rest of the output and waits for the exit code.
     *
     * @return exit code
     * @throws Exception when the program does not end in time
     */
    int finish() throws Exception {
        input.close();
        output.transferTo(transcript);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("terminal session timed out: " + transcript());
        }
        return process.exitValue();
    }

    /**
     * Returns everything the terminal showed.
     *
     * @return transcript
     */
    String transcript() {
        return transcript.toString(StandardCharsets.UTF_8);
    }

    private static int indexOf(final byte[] haystack, final byte[] needle, final int from) {
        outer:
        for (int i = Math.max(0, from - needle.length); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
