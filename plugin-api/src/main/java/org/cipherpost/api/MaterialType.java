package org.cipherpost.api;

import java.util.List;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A kind of material that can be sent and received: it turns user input into canonical bytes, describes canonical
 * bytes for the acceptance screen, and renders them for output.
 *
 * <p>Canonical bytes are what the envelope carries: two inputs that mean the same thing (PEM or DER, CRLF or LF)
 * must give the same canonical bytes, so the share reference is deterministic. Material may be a private key:
 * implementations must not keep, log or print the arrays they are given or return, and must not put input bytes
 * into exception messages. The host owns every array on both sides of a call and wipes it afterwards.
 *
 * <p>Implementations must be thread-safe and fast to construct: the host creates them only when a command needs
 * material, and only once per run.
 */
public interface MaterialType extends ExtensionPoint {
    /** The rendering name for a text form (PEM for certificates, ASCII armor for OpenPGP); see {@link #render}. */
    String ARMOR = "armor";

    /**
     * Returns the name users type, e.g. {@code x509-cert}: 1 to 32 of {@code a-z 0-9 -}, starting with a letter.
     *
     * @return command-line name
     */
    String name();

    /**
     * Returns the wire tag written into the envelope, e.g. {@code x509_cert}: 1 to 32 of {@code a-z 0-9 _}.
     *
     * @return wire type
     */
    String wireType();

    /**
     * Returns a one-line description for listings.
     *
     * @return description
     */
    String description();

    /**
     * Turns user input into canonical bytes.
     *
     * @param input the bytes as read from the user's file, owned by the host
     * @return a new array of canonical bytes, handed to the host
     * @throws MaterialException when the input is not material of this type, with a short curated reason
     */
    byte[] ingest(byte[] input) throws MaterialException;

    /**
     * Describes canonical bytes for the recipient before they accept: types, names, fingerprints, warnings.
     *
     * <p>Lines must not contain secret values (no private key bytes, no passwords).
     *
     * @param canonical canonical bytes as {@link #ingest} returns them, owned by the host
     * @return lines in display order
     * @throws MaterialException when the bytes are not canonical material of this type
     */
    List<PreviewLine> preview(byte[] canonical) throws MaterialException;

    /**
     * Returns the renderings {@link #render} supports besides the raw canonical bytes, e.g. {@link #ARMOR}.
     *
     * @return rendering names; empty by default
     */
    default Set<String> renderings() {
        return Set.of();
    }

    /**
     * Renders canonical bytes for output, e.g. DER to PEM.
     *
     * @param canonical canonical bytes, owned by the host
     * @param rendering one of {@link #renderings()}
     * @return a new array handed to the host
     * @throws MaterialException when the rendering is not supported or the bytes are not canonical
     */
    default byte[] render(final byte[] canonical, final String rendering) throws MaterialException {
        throw new MaterialException(MaterialException.Reason.UNSUPPORTED_RENDERING,
                "rendering [" + rendering + "] not supported");
    }
}
