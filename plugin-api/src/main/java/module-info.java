/** Extension points for Cipherpost plugins (filled by the plugins issue: MaterialType, StorageHook, KeyBackend). */
module org.cipherpost.api {
}
