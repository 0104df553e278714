package org.cipherpost.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.cipherpost.crypto.SecretBytes;

/** A scripted terminal for in-process tests of every command package; records the prompts it showed. */
public final class FakeTerminal implements Terminal {
    private final boolean available;
    private final Deque<String> lines = new ArrayDeque<>();
    private final List<String> prompts = new ArrayList<>();

    /**
     * Scripts a terminal.
     *
     * @param available whether it claims to be an interactive terminal
     * @param lines the lines it answers prompts with, in order; null once they run out
     */
    public FakeTerminal(final boolean available, final String... lines) {
        this.available = available;
        this.lines.addAll(List.of(lines));
    }

    /**
     * Returns the prompts shown so far.
     *
     * @return prompts, oldest first
     */
    public List<String> prompts() {
        return List.copyOf(prompts);
    }

    /** Returns whether this terminal claims to be interactive. */
    @Override
    public boolean available() {
        return available;
    }

    /** Records the prompt and answers the next scripted line as a secret. */
    @Override
    public SecretBytes readSecret(final String prompt) {
        prompts.add(prompt);
        final String line = lines.poll();
        return line == null ? null : SecretBytes.copyOf(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Records the prompt and answers the next scripted line. */
    @Override
    public String readLine(final String prompt) {
        prompts.add(prompt);
        return lines.poll();
    }
}
