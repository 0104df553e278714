package org.cipherpost.cli.vault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.cipherpost.cli.Terminal;
import org.cipherpost.crypto.SecretBytes;

/** A scripted terminal for in-process tests; records the prompts it showed. */
final class ScriptedTerminal implements Terminal {
    private final boolean available;
    private final Deque<String> lines = new ArrayDeque<>();
    final List<String> prompts = new ArrayList<>();

    ScriptedTerminal(final boolean available, final String... lines) {
        this.available = available;
        this.lines.addAll(List.of(lines));
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public SecretBytes readSecret(final String prompt) {
        prompts.add(prompt);
        final String line = lines.poll();
        return line == null ? null : SecretBytes.copyOf(line.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String readLine(final String prompt) {
        prompts.add(prompt);
        return lines.poll();
    }
}
