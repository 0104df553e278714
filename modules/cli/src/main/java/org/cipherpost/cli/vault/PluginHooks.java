package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.cipherpost.api.ChangeKind;
import org.cipherpost.api.StorageEvent;
import org.cipherpost.api.StorageHook;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.plugin.PluginHost;
import org.cipherpost.cli.plugin.Provided;
import org.cipherpost.cli.plugin.VaultExtensions;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.VaultChange;
import org.cipherpost.vault.VaultEvent;
import org.cipherpost.vault.VaultHook;
import org.cipherpost.vault.VaultOptions;

/**
 * The plugins' storage hooks as one vault hook: plugins load on the first change (reads never load them), each
 * hook sees the kind of change, the entry id and the vault directory, and a hook that throws is named in the error.
 */
final class PluginHooks implements VaultHook {
    private final Supplier<List<Provided<StorageHook>>> loader;
    private final Path directory;
    private final InstantSource clock;
    private List<Provided<StorageHook>> hooks;

    /**
     * Creates the hook.
     *
     * @param loader returns the plugins' storage hooks; called once, on the first change
     * @param directory vault directory handed to the hooks
     * @param clock time of each change
     */
    PluginHooks(final Supplier<List<Provided<StorageHook>>> loader, final Path directory, final InstantSource clock) {
        this.loader = Objects.requireNonNull(loader, "Loader required");
        this.directory = Objects.requireNonNull(directory, "Vault Directory required");
        this.clock = Objects.requireNonNull(clock, "Clock required");
    }

    /**
     * Returns options whose changes also run the plugins' storage hooks (none when plugins are off).
     *
     * @param context command context (plugin directories, where load problems are reported)
     * @param options vault options
     * @return options with the plugin hook added
     */
    static VaultOptions attach(final CliContext context, final VaultOptions options) {
        final PluginHost host = PluginHost.of(context);
        return options.withHook(new PluginHooks(() -> host.vaultExtensions(context.err()).storageHooks(),
                options.directory(), InstantSource.system()));
    }

    @Override
    public void before(final VaultEvent event) throws IOException {
        final StorageEvent storage = toStorage(event);
        for (final Provided<StorageHook> hook : hooks()) {
            try {
                hook.extension().beforeChange(storage);
            } catch (final IOException e) {
                throw new IOException("plugin [" + hook.origin() + "] refused the change: "
                        + VaultExtensions.clean(e.getMessage()), e);
            } catch (final RuntimeException | LinkageError e) {
                throw new IOException(failure(hook, "before", storage, e));
            }
        }
    }

    @Override
    public void after(final VaultEvent event) throws IOException {
        final StorageEvent storage = toStorage(event);
        final List<String> failures = new ArrayList<>();
        for (final Provided<StorageHook> hook : hooks()) {
            try {
                hook.extension().afterChange(storage);
            } catch (final IOException e) {
                failures.add("plugin [" + hook.origin() + "]: " + VaultExtensions.clean(e.getMessage()));
            } catch (final RuntimeException | LinkageError e) {
                failures.add(failure(hook, "after", storage, e));
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException(String.join("; ", failures));
        }
    }

    /** Loads the hooks on first use. */
    private synchronized List<Provided<StorageHook>> hooks() {
        if (hooks == null) {
            hooks = List.copyOf(loader.get());
        }
        return hooks;
    }

    /** Describes an unexpected failure of plugin code by its type only (its message could quote anything). */
    private static String failure(final Provided<StorageHook> hook, final String when, final StorageEvent event,
                                  final Throwable e) {
        return "plugin [" + hook.origin() + "] failed " + when + " " + event.kind() + " ("
                + e.getClass().getName() + ")";
    }

    /** Turns a vault event into what the SPI shows: the kind, the entry id or empty, the directory and the time. */
    private StorageEvent toStorage(final VaultEvent event) {
        return new StorageEvent(kind(event.change()), event.entryId().map(EntryId::value).orElse(""), directory,
                clock.instant());
    }

    /**
     * Maps the vault's kinds of change onto the SPI's.
     *
     * @param change vault change
     * @return SPI kind
     */
    static ChangeKind kind(final VaultChange change) {
        return switch (change) {
            case ADD, COPY, ATTACH -> ChangeKind.ADD;
            case EDIT, SHARE -> ChangeKind.EDIT;
            case REMOVE -> ChangeKind.REMOVE;
            case MOVE -> ChangeKind.MOVE;
            case DEVICE_ADD -> ChangeKind.DEVICE_ADD;
            case DEVICE_REVOKE -> ChangeKind.DEVICE_REVOKE;
        };
    }
}
