package org.cipherpost.cli.vault;

import org.cipherpost.cli.CliException;
import org.cipherpost.crypto.SecretBytes;

/** The desktop clipboard: copies a secret and clears it later if it is still there. */
interface Clipboard {
    /**
     * Copies a value and arranges for it to be cleared after the clip time, unless the clipboard changed meanwhile.
     *
     * @param value bytes to copy; the caller keeps and closes the holder
     * @param what what was copied, for the message on stderr
     * @throws CliException with exit 1 when no clipboard tool exists or it fails
     */
    void copy(SecretBytes value, String what) throws CliException;
}
