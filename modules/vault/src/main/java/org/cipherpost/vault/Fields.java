package org.cipherpost.vault;

/** Names of the well-known entry fields the vault reads; lookups ignore case. */
public final class Fields {
    /** The field the vault searches by default: {@code name: example.com}. */
    public static final String NAME = "name";

    /** Tags for grouping entries: {@code tags: work, mail}. */
    public static final String TAGS = "tags";

    /** One tag per line, repeatable: {@code tag: comics}. */
    public static final String TAG = "tag";

    /** The account's user name or login. */
    public static final String USERNAME = "username";

    /** The address where the secret is used. */
    public static final String URL = "url";

    /** An {@code otpauth://totp/...} URI holding a TOTP secret; secret, read it as bytes. */
    public static final String OTPAUTH = "otpauth";

    private Fields() {
    }
}
