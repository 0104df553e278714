package org.cipherpost.cli;

import java.io.IOException;
import org.cipherpost.crypto.SecretBytes;

/** The user's terminal, used for prompts that must not come from pipes. */
public interface Terminal {
    /**
     * Tells whether a terminal is available for prompts.
     *
     * @return true when prompts can be shown
     */
    boolean available();

    /**
     * Shows a prompt and reads one line without echo.
     *
     * @param prompt text to show
     * @return the line without its newline, or null at end of input
     * @throws IOException when the terminal cannot be used
     */
    SecretBytes readSecret(String prompt) throws IOException;

    /**
     * Shows a prompt and reads one visible line.
     *
     * @param prompt text to show
     * @return the line without its newline, or null at end of input
     * @throws IOException when the terminal cannot be used
     */
    String readLine(String prompt) throws IOException;
}
