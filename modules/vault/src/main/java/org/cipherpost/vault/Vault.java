package org.cipherpost.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.cipherpost.crypto.AgeRecipient;

/**
 * An open vault: a directory of age files, one Entry Key per entry, each Entry Key wrapped to every device and to
 * the Recovery Key. Open one with {@link Vaults}; close it to wipe the keys it holds.
 *
 * <p>Names live inside entries ({@code name:} field) and are looked up by exact match through the encrypted index;
 * a name held by two entries is an {@link AmbiguousNameException} listing their ids. Every change is atomic and
 * serialized across threads and processes by the vault lock. Methods are safe to call from several threads.
 */
public interface Vault extends AutoCloseable {
    /**
     * Returns the vault id.
     *
     * @return 32 lowercase hex digits
     */
    String id();

    /**
     * Returns the vault directory.
     *
     * @return directory
     */
    Path directory();

    /**
     * Adds an entry under a name; the entry's {@code name} field is set to it.
     *
     * @param name entry name: not blank, one line
     * @param entry content; the caller keeps and closes it
     * @return id of the new entry
     * @throws EntryExistsException when the name is taken
     * @throws IOException on I/O failure or a vetoing pre-hook
     * @throws GeneralSecurityException on encryption failure
     */
    EntryId add(String name, Entry entry) throws IOException, GeneralSecurityException;

    /**
     * Imports entries in bulk, in parallel, writing the index once; each entry must have a unique {@code name} field.
     *
     * @param entries entries to add; the caller keeps and closes them
     * @return ids in the order given
     * @throws EntryExistsException when a name is taken or repeated
     * @throws IOException on I/O failure or a vetoing pre-hook
     * @throws GeneralSecurityException on encryption failure
     */
    List<EntryId> addAll(Collection<Entry> entries) throws IOException, GeneralSecurityException;

    /**
     * Returns the id of the entry with exactly this name.
     *
     * @param name entry name
     * @return id
     * @throws EntryNotFoundException when no entry has the name
     * @throws AmbiguousNameException when several do
     * @throws IOException on I/O failure
     * @throws GeneralSecurityException when the index cannot be refreshed
     */
    EntryId resolve(String name) throws IOException, GeneralSecurityException;

    /**
     * Decrypts the entry with exactly this name.
     *
     * @param name entry name
     * @return entry, owned by the caller
     * @throws EntryNotFoundException when no entry has the name
     * @throws AmbiguousNameException when several do
     * @throws IOException on I/O failure, truncated or missing files
     * @throws GeneralSecurityException when a file is tampered with or not wrapped to this device
     */
    Entry get(String name) throws IOException, GeneralSecurityException;

    /**
     * Decrypts an entry by id.
     *
     * @param id entry id
     * @return entry, owned by the caller
     * @throws IOException on I/O failure, truncated or missing files
     * @throws GeneralSecurityException when a file is tampered with or not wrapped to this device
     */
    Entry get(EntryId id) throws IOException, GeneralSecurityException;

    /**
     * Decrypts an earlier version of an entry's file (for example from version control) with the entry's current key.
     *
     * @param id entry id (the version must be encrypted to this entry's key)
     * @param entryFile the earlier {@code entries/<id>.age} bytes
     * @return entry, owned by the caller
     * @throws IOException on I/O failure or a malformed file
     * @throws GeneralSecurityException when the file is not encrypted to the entry's key or fails authentication
     */
    Entry getVersion(EntryId id, byte[] entryFile) throws IOException, GeneralSecurityException;

    /**
     * Replaces an entry's content; content without a {@code name} field keeps the old name, a different name
     * renames. Identical content writes nothing.
     *
     * @param name entry name
     * @param content new content; the caller keeps and closes it
     * @return true when something was written
     * @throws IOException on I/O failure, missing entry, name clash or vetoing pre-hook
     * @throws GeneralSecurityException on decryption or encryption failure
     */
    boolean edit(String name, Entry content) throws IOException, GeneralSecurityException;

    /**
     * Removes an entry (and its attached file).
     *
     * @param name entry name
     * @throws IOException on I/O failure, missing entry or vetoing pre-hook
     * @throws GeneralSecurityException when the index cannot be refreshed
     */
    void remove(String name) throws IOException, GeneralSecurityException;

    /**
     * Renames an entry: changes its {@code name} field; the id stays.
     *
     * @param from current name
     * @param to new name
     * @throws IOException on I/O failure, missing entry, name clash or vetoing pre-hook
     * @throws GeneralSecurityException on decryption or encryption failure
     */
    void move(String from, String to) throws IOException, GeneralSecurityException;

    /**
     * Copies an entry under a new name with a new Entry Key (an attached file is copied too).
     *
     * @param from existing name
     * @param to new name
     * @return id of the copy
     * @throws IOException on I/O failure, missing entry, name clash or vetoing pre-hook
     * @throws GeneralSecurityException on decryption or encryption failure
     */
    EntryId copy(String from, String to) throws IOException, GeneralSecurityException;

    /**
     * Lists every entry from the index, after checking it against the entry files.
     *
     * @return entries sorted by name, and entries that could not be read
     * @throws IOException on I/O failure of the directory itself
     * @throws GeneralSecurityException when the vault key can no longer be opened
     */
    Listing list() throws IOException, GeneralSecurityException;

    /**
     * Finds entries through the index by name, tags, username or url.
     *
     * @param query criteria
     * @return matching entries sorted by name, and entries that could not be read
     * @throws IOException on I/O failure of the directory itself
     * @throws GeneralSecurityException when the vault key can no longer be opened
     */
    Listing find(EntryQuery query) throws IOException, GeneralSecurityException;

    /**
     * Decrypts every entry (not attached files) and reports the lines a pattern finds.
     *
     * @param pattern regular expression applied to each line
     * @return matching lines and unreadable entries
     * @throws IOException on I/O failure of the directory itself
     * @throws GeneralSecurityException when the vault key can no longer be opened
     */
    GrepResult grep(Pattern pattern) throws IOException, GeneralSecurityException;

    /**
     * Stores a file of any size as a new entry, streamed and encrypted to its own Entry Key.
     *
     * @param name entry name
     * @param content file content, read to its end and not closed
     * @param progress progress receiver
     * @return id of the new entry
     * @throws IOException on I/O failure, name clash or vetoing pre-hook
     * @throws GeneralSecurityException on encryption failure
     */
    EntryId attach(String name, InputStream content, ProgressListener progress) throws IOException, GeneralSecurityException;

    /**
     * Streams an attached file out, checking its size and SHA-256 against its entry at the end.
     *
     * @param name entry name
     * @param out destination, not closed; discard it if this method throws
     * @param progress progress receiver
     * @return bytes written
     * @throws IOException on I/O failure, missing entry or an entry that is not an attachment
     * @throws GeneralSecurityException when the file is tampered with or not wrapped to this device
     */
    long detach(String name, OutputStream out, ProgressListener progress) throws IOException, GeneralSecurityException;

    /**
     * Grants a device access: wraps the vault key and every Entry Key to its recipient, in parallel.
     *
     * @param recipient the device's recipient
     * @param name a name for the device, one line
     * @return the new device
     * @throws DeviceExistsException when the recipient is already a device or the recovery key
     * @throws IOException on I/O failure or vetoing pre-hook
     * @throws GeneralSecurityException on decryption or encryption failure
     */
    Device addDevice(AgeRecipient recipient, String name) throws IOException, GeneralSecurityException;

    /**
     * Lists the devices.
     *
     * @return devices in the order they were added
     * @throws IOException on I/O failure
     * @throws GeneralSecurityException when a changed manifest fails verification
     */
    List<Device> devices() throws IOException, GeneralSecurityException;

    /**
     * Revokes a device: rotates the vault key and re-keys every entry (new Entry Key, entry re-encrypted, wrapped
     * to the remaining devices and the Recovery Key), so the revoked device can read nothing afterwards.
     *
     * @param deviceId id of the device
     * @throws UnknownDeviceException when no such device exists
     * @throws IOException on I/O failure, when revoking the device in use, or a vetoing pre-hook
     * @throws GeneralSecurityException on decryption or encryption failure
     */
    void revokeDevice(String deviceId) throws IOException, GeneralSecurityException;

    /**
     * Grants another person's recipient access to one entry: its key file only.
     *
     * @param name entry name
     * @param recipient the person's age recipient
     * @throws IOException on I/O failure, missing entry or vetoing pre-hook
     * @throws GeneralSecurityException on decryption or encryption failure
     */
    void share(String name, AgeRecipient recipient) throws IOException, GeneralSecurityException;

    /**
     * Lists the recipients an entry is shared with (beyond devices and the Recovery Key).
     *
     * @param name entry name
     * @return share recipients
     * @throws IOException on I/O failure or missing entry
     * @throws GeneralSecurityException when the key file cannot be opened
     */
    List<String> shares(String name) throws IOException, GeneralSecurityException;

    /** Wipes the keys this vault holds in memory. */
    @Override
    void close();
}
