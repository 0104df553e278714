package org.cipherpost.crypto.internal.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.cipherpost.crypto.SecretBytes;

/**
 * Reads the {@code -> scrypt <salt> <work factor>} stanza with a passphrase.
 *
 * <p>Rejects a header where the scrypt stanza is not alone, a malformed stanza, and a work factor above
 * the configured maximum (checked before any scrypt work is done).
 */
final class ScryptStanzaReader implements RecipientStanzaReader {
    /** Stanza type. */
    static final String TYPE = "scrypt";

    /** Message when a scrypt stanza is mixed with other stanzas. */
    static final String NOT_ALONE = "scrypt stanza must be the only stanza";

    private static final Pattern WORK_FACTOR = Pattern.compile("[1-9][0-9]?");

    private final SecretBytes passphrase;

    private final int maximumWorkFactor;

    /**
     * Creates a reader.
     *
     * @param passphrase passphrase, owned by the caller and read at each use
     * @param maximumWorkFactor largest accepted work factor
     */
    ScryptStanzaReader(final SecretBytes passphrase, final int maximumWorkFactor) {
        this.passphrase = Objects.requireNonNull(passphrase, "Passphrase required");
        this.maximumWorkFactor = maximumWorkFactor;
    }

    @Override
    public FileKey getFileKey(final Iterable<RecipientStanza> recipientStanzas) throws GeneralSecurityException {
        final List<RecipientStanza> stanzas = new ArrayList<>();
        recipientStanzas.forEach(stanzas::add);
        final RecipientStanza stanza = stanzas.stream().filter(s -> TYPE.equals(s.getType())).findFirst().orElse(null);
        if (stanza == null) {
            throw new UnsupportedRecipientStanzaException("No scrypt stanza");
        }
        if (stanzas.size() != 1) {
            throw new RejectedHeaderException(NOT_ALONE);
        }
        final List<String> arguments = stanza.getArguments();
        if (arguments.size() != 2) {
            throw new InvalidStanzaException("scrypt stanza arguments [%d] not [2]".formatted(arguments.size()));
        }
        final byte[] salt = StanzaBase64.decode(arguments.get(0), ScryptStanzaWriter.SALT_LENGTH, "scrypt salt");
        final String workFactorText = arguments.get(1);
        if (!WORK_FACTOR.matcher(workFactorText).matches()) {
            throw new InvalidStanzaException("scrypt work factor not a decimal number from 1 to 99");
        }
        final int workFactor = Integer.parseInt(workFactorText);
        if (workFactor > maximumWorkFactor) {
            throw new RejectedHeaderException("Work Factor [%d] greater than maximum [%d]".formatted(workFactor, maximumWorkFactor));
        }
        final byte[] body = stanza.getBody();
        if (body.length != FileKeyWrapping.WRAPPED_LENGTH) {
            throw new InvalidStanzaException("scrypt stanza body length [%d] not [32]".formatted(body.length));
        }
        final byte[] wrapKey = AgeKdf.scrypt(passphrase.bytes(), salt, workFactor);
        try {
            return FileKeyWrapping.unwrap(body, wrapKey);
        } catch (final GeneralSecurityException e) {
            throw new UnsupportedRecipientStanzaException("Passphrase does not open the scrypt stanza");
        }
    }
}
