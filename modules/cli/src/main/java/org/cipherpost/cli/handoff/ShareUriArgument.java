package org.cipherpost.cli.handoff;

import java.io.IOException;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.wire.ShareUri;

/** Parses the SHARE-URI argument of receive, receive-large and revoke, with one usage error for all. */
final class ShareUriArgument {
    private ShareUriArgument() {
    }

    /**
     * Parses a share URI as the user typed it (surrounding white space ignored).
     *
     * @param text the argument
     * @param printedBy the command that prints such URIs, named in the error, or null
     * @return the URI
     * @throws CliException with exit 64 when the text is not a share URI
     */
    static ShareUri parse(final String text, final String printedBy) throws CliException {
        try {
            return ShareUri.parse(text.strip());
        } catch (final IOException e) {
            throw new CliException(ExitCodes.USAGE, "expected a share URI cipherpost://<sender-z32>/<share-ref>"
                    + (printedBy == null ? "" : " as '" + printedBy + "' prints it"), e);
        }
    }
}
