package org.cipherpost.crypto.internal.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tries every identity against the header's stanzas, enforcing file-wide rules first.
 *
 * <p>jagged receives this one reader, so the error it reports is always ours.
 */
final class IdentityStanzaReader implements RecipientStanzaReader {
    private final List<RecipientStanzaReader> readers;

    /**
     * Creates a reader over identities, tried in order.
     *
     * @param readers one reader per identity
     */
    IdentityStanzaReader(final List<RecipientStanzaReader> readers) {
        this.readers = List.copyOf(readers);
    }

    @Override
    public FileKey getFileKey(final Iterable<RecipientStanza> recipientStanzas) throws GeneralSecurityException {
        final List<RecipientStanza> stanzas = new ArrayList<>();
        recipientStanzas.forEach(stanzas::add);
        final boolean scrypt = stanzas.stream().anyMatch(stanza -> ScryptStanzaReader.TYPE.equals(stanza.getType()));
        if (scrypt && stanzas.size() != 1) {
            throw new RejectedHeaderException(ScryptStanzaReader.NOT_ALONE);
        }
        for (final RecipientStanzaReader reader : readers) {
            try {
                return reader.getFileKey(stanzas);
            } catch (final UnsupportedRecipientStanzaException e) {
                // not for this identity: try the next one
            }
        }
        throw new RejectedHeaderException(RejectedHeaderException.NO_MATCH);
    }
}
