package org.cipherpost.api;

import java.time.InstantSource;

/**
 * What the host hands to an extension: an extension class with a public constructor taking this type gets it,
 * others are created with their public no-argument constructor.
 *
 * <p>The context carries no passphrase, identity or device key, and no static access to the host exists.
 */
public interface HostContext {
    /**
     * Returns the version of the plugin API the host implements.
     *
     * @return version such as {@code 1.0.0}
     */
    String apiVersion();

    /**
     * Returns the clock to use for "now" (for example to flag an expired certificate), so tests can fix it.
     *
     * @return clock
     */
    InstantSource clock();

    /**
     * Returns the id of the plugin this context was made for, or {@code builtin} for types built into the host.
     *
     * @return plugin id
     */
    String pluginId();
}
