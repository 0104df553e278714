package org.cipherpost.api;

/** The version of this plugin API, which plugins match with the {@code Plugin-Requires} range of their manifest. */
public final class ApiVersion {
    /**
     * The API version (semantic versioning): a minor step only adds, a major step may break plugins.
     *
     * <p>Plugins built against 1.x declare {@code Plugin-Requires: >=1.0.0 & <2.0.0}
     * (1.1.0 added StorageHistory, StoredVersion and KeyBackend.wrap; plugins using them require >=1.1.0).
     */
    public static final String CURRENT = "1.1.0";

    private ApiVersion() {
    }
}
