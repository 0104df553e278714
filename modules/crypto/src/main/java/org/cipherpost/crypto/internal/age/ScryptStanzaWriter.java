package org.cipherpost.crypto.internal.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cipherpost.crypto.SecretBytes;

/** Writes {@code -> scrypt <salt> <work factor>} stanzas (age passphrase encryption). */
final class ScryptStanzaWriter implements RecipientStanzaWriter {
    /** Salt length. */
    static final int SALT_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretBytes passphrase;

    private final int workFactor;

    /**
     * Creates a writer.
     *
     * @param passphrase passphrase, owned by the caller and read at each use
     * @param workFactor base-two logarithm of the scrypt cost
     */
    ScryptStanzaWriter(final SecretBytes passphrase, final int workFactor) {
        this.passphrase = Objects.requireNonNull(passphrase, "Passphrase required");
        this.workFactor = workFactor;
    }

    @Override
    public Iterable<RecipientStanza> getRecipientStanzas(final FileKey fileKey) throws GeneralSecurityException {
        Objects.requireNonNull(fileKey, "File Key required");
        final byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        final byte[] wrapKey = AgeKdf.scrypt(passphrase.bytes(), salt, workFactor);
        final byte[] body = FileKeyWrapping.wrap(fileKey, wrapKey);
        try {
            return List.of(new Stanza(ScryptStanzaReader.TYPE, List.of(StanzaBase64.encode(salt), Integer.toString(workFactor)), body));
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }
}
