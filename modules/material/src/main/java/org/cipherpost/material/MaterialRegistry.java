package org.cipherpost.material;

import java.util.List;

/**
 * The material types a command can use: the built-in {@code generic-secret} and those plugins provide.
 *
 * <p>Looking up a built-in type never loads plugins; the plugin source is asked once, on the first lookup that
 * needs it. Every call into a type goes through a {@link MaterialHandler}, which attributes failures to the
 * plugin and checks what the plugin returns.
 */
public interface MaterialRegistry {
    /** CLI name of the built-in type. */
    String GENERIC_SECRET = "generic-secret";

    /**
     * Returns the handler for a command-line name such as {@code x509-cert}.
     *
     * @param name name as typed
     * @return handler
     * @throws UnknownMaterialTypeException when no built-in type or loaded plugin provides the name
     */
    MaterialHandler byName(String name) throws UnknownMaterialTypeException;

    /**
     * Returns the handler for a wire type such as {@code x509_cert}, as read from an envelope.
     *
     * @param wireType wire tag
     * @return handler
     * @throws UnknownMaterialTypeException when no built-in type or loaded plugin provides the wire type
     */
    MaterialHandler byWireType(String wireType) throws UnknownMaterialTypeException;

    /**
     * Returns every type, built-in first, then plugin types in load order (loads plugins).
     *
     * @return handlers
     */
    List<MaterialHandler> types();

}
