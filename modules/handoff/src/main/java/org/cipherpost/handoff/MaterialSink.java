package org.cipherpost.handoff;

import java.io.IOException;
import org.cipherpost.crypto.SecretBytes;

/** Where an accepted share's material is written, before the ledger marks the share (emit before mark). */
@FunctionalInterface
public interface MaterialSink {
    /** A sink that writes nothing, for callers that emit the material themselves. */
    MaterialSink NONE = material -> { };

    /**
     * Writes the material; when this fails, nothing is marked and the share stays receivable.
     *
     * @param material secret bytes, valid during the call only
     * @throws IOException when writing fails
     */
    void write(SecretBytes material) throws IOException;
}
