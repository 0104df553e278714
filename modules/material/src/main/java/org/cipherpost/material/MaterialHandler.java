package org.cipherpost.material;

import java.util.List;
import java.util.Set;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.PreviewLine;

/**
 * A material type as the host uses it: the plugin's answers, checked, with escaped preview text and with any
 * unexpected plugin failure turned into a {@link PluginFailureException} naming the plugin.
 *
 * <p>Arrays passed in stay owned by the caller; arrays returned are new and owned by the caller, who wipes them
 * (e.g. {@code SecretBytes.wrap(handler.ingest(input))}).
 */
public interface MaterialHandler {
    /** Largest canonical material, in bytes: the 64 KiB envelope plaintext cap. */
    int MAX_CANONICAL_BYTES = 65536;

    /**
     * Returns the command-line name.
     *
     * @return name such as {@code x509-cert}
     */
    String name();

    /**
     * Returns the wire type.
     *
     * @return wire tag such as {@code x509_cert}
     */
    String wireType();

    /**
     * Returns the one-line description.
     *
     * @return description, control characters escaped
     */
    String description();

    /**
     * Returns where the type comes from: {@code builtin}, or the plugin's id and version.
     *
     * @return origin such as {@code material-x509 1.0.0}
     */
    String origin();

    /**
     * Turns input into canonical bytes.
     *
     * @param input bytes as read, owned by the caller
     * @return new canonical bytes, owned by the caller, at most {@link #MAX_CANONICAL_BYTES}
     * @throws MaterialException when the input is not material of this type (curated reason)
     * @throws PluginFailureException when the plugin fails unexpectedly or returns nothing usable
     */
    byte[] ingest(byte[] input) throws MaterialException, PluginFailureException;

    /**
     * Describes canonical bytes; every label and value has control characters escaped.
     *
     * @param canonical canonical bytes, owned by the caller
     * @return lines
     * @throws MaterialException when the bytes are not canonical material of this type
     * @throws PluginFailureException when the plugin fails unexpectedly
     */
    List<PreviewLine> preview(byte[] canonical) throws MaterialException, PluginFailureException;

    /**
     * Returns the supported renderings, e.g. {@code armor}.
     *
     * @return rendering names
     */
    Set<String> renderings();

    /**
     * Renders canonical bytes for output.
     *
     * @param canonical canonical bytes, owned by the caller
     * @param rendering rendering name
     * @return new bytes owned by the caller
     * @throws MaterialException when the rendering is not supported
     * @throws PluginFailureException when the plugin fails unexpectedly
     */
    byte[] render(byte[] canonical, String rendering) throws MaterialException, PluginFailureException;

}
