package org.cipherpost.cli.plugin;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.cipherpost.api.ApiVersion;
import org.cipherpost.api.HostContext;
import org.cipherpost.api.KeyBackend;
import org.cipherpost.api.MaterialType;
import org.cipherpost.api.StorageHistory;
import org.cipherpost.api.StorageHook;
import org.cipherpost.cli.CliContext;
import org.cipherpost.material.MaterialRegistry;
import org.cipherpost.material.MaterialRegistryFactory;
import org.cipherpost.material.ProvidedMaterialType;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The PF4J host of the command line: finds plugins, starts them and creates their extensions, reporting every
 * plugin that cannot be used in one line while the others keep working.
 *
 * <p>Nothing happens until {@link #load()} is first called: commands that do not use plugins never touch PF4J,
 * and the material registry asks for plugins only when a type is not built in.
 */
public final class PluginHost {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final PluginDirectories directories;
    private final InstantSource clock;
    private Loaded loaded;

    /** Creates a host over given directories; nothing is read yet. */
    PluginHost(final PluginDirectories directories, final InstantSource clock) {
        this.directories = directories;
        this.clock = clock;
    }

    /**
     * Creates the host for a command's context (plugin directories from its home and environment).
     *
     * @param context command context
     * @return host, not yet loaded
     */
    public static PluginHost of(final CliContext context) {
        return new PluginHost(PluginDirectories.of(context.home(), context.environment()), InstantSource.system());
    }

    /**
     * Returns a material registry whose plugin types load on first need; skipped plugins and types are reported
     * on the context's standard error, one line each, prefixed {@code cipherpost: }.
     *
     * <p>This is what {@code send} and {@code receive} use:
     * {@code MaterialRegistry registry = PluginHost.materialRegistry(context);}
     *
     * @param context command context
     * @return registry
     */
    public static MaterialRegistry materialRegistry(final CliContext context) {
        final PluginHost host = of(context);
        final PrintWriter err = context.err();
        return MaterialRegistryFactory.create(() -> {
            final Loaded result = host.load();
            for (final PluginProblem problem : result.problems()) {
                err.println("cipherpost: " + problem.line());
            }
            err.flush();
            return result.materialTypes();
        }, warning -> {
            err.println("cipherpost: " + warning);
            err.flush();
        });
    }

    /**
     * Loads every plugin once; later calls return the same result.
     *
     * @return plugins, their material types and the problems found
     */
    synchronized Loaded load() {
        if (loaded == null) {
            loaded = directories.disabled() ? new Loaded(List.of(), List.of(), List.of(), VaultExtensions.NONE)
                    : loadAll();
        }
        return loaded;
    }

    /**
     * Loads the plugins (once) and returns what they provide to the vault; plugins that cannot be used are reported
     * on the given writer, one line each, prefixed {@code cipherpost: }.
     *
     * @param err where problems are reported
     * @return storage hooks, histories and key backends
     */
    public VaultExtensions vaultExtensions(final PrintWriter err) {
        final Loaded result = load();
        for (final PluginProblem problem : result.problems()) {
            err.println("cipherpost: " + problem.line());
        }
        err.flush();
        return result.vault();
    }

    /**
     * Returns the directories this host loads from.
     *
     * @return directories
     */
    PluginDirectories directories() {
        return directories;
    }

    /** Loads, starts and instantiates every plugin, collecting the problems. */
    private Loaded loadAll() {
        final List<PluginProblem> problems = new ArrayList<>();
        final List<LoadedPlugin> plugins = new ArrayList<>();
        final List<ProvidedMaterialType> types = new ArrayList<>();
        final VaultCollector vault = new VaultCollector();
        final HostPluginManager manager = new HostPluginManager(directories.roots(), problems::add);
        try {
            manager.loadPlugins();
        } catch (final RuntimeException | LinkageError e) {
            problems.add(new PluginProblem("*", "plugin loading stopped: " + PluginMessages.describe(e)));
        }
        final List<Path> roots = directories.roots();
        final List<PluginWrapper> wrappers = new ArrayList<>(manager.getPlugins());
        // PF4J keeps plugins in a hash map: start and list them in directory order, then by file name.
        wrappers.sort(Comparator.comparingInt((PluginWrapper wrapper) -> rootIndex(roots, wrapper.getPluginPath()))
                .thenComparing(wrapper -> wrapper.getPluginPath().getFileName().toString()));
        for (final PluginWrapper wrapper : wrappers) {
            final LoadedPlugin plugin = start(manager, wrapper, problems, types, vault);
            plugins.add(plugin);
        }
        return new Loaded(List.copyOf(plugins), List.copyOf(types), List.copyOf(problems),
                new VaultExtensions(vault.hooks, vault.histories, vault.backends));
    }

    /** Returns the position of a jar's directory among the roots. */
    private static int rootIndex(final List<Path> roots, final Path jar) {
        final int index = roots.indexOf(jar.getParent());
        return index < 0 ? roots.size() : index;
    }

    /** Starts one plugin and creates its extensions, one at a time. */
    private LoadedPlugin start(final HostPluginManager manager, final PluginWrapper wrapper,
                               final List<PluginProblem> problems, final List<ProvidedMaterialType> types,
                               final VaultCollector vault) {
        final PluginDescriptor descriptor = wrapper.getDescriptor();
        final String id = descriptor.getPluginId();
        final String requires = descriptor.getRequires() == null ? "" : descriptor.getRequires().trim();
        final List<String> extensions = new ArrayList<>();
        final String problem = startProblem(manager, wrapper, id, requires);
        if (problem != null) {
            problems.add(new PluginProblem(id, problem));
            return describe(wrapper, requires, false, extensions);
        }
        final String origin = id + " " + descriptor.getVersion();
        final HostContext context = new StandardHostContext(id, clock);
        for (final String className : manager.getExtensionClassNames(id)) {
            try {
                final Class<?> type = Class.forName(className, true, wrapper.getPluginClassLoader());
                if (MaterialType.class.isAssignableFrom(type)) {
                    final MaterialType material = (MaterialType) instantiate(type, context);
                    types.add(new ProvidedMaterialType(origin, material));
                    extensions.add("material " + PluginMessages.clean(String.valueOf(material.name())) + " ("
                            + PluginMessages.clean(String.valueOf(material.wireType())) + ")");
                } else if (StorageHook.class.isAssignableFrom(type) || StorageHistory.class.isAssignableFrom(type)
                        || KeyBackend.class.isAssignableFrom(type)) {
                    final Object extension = instantiate(type, context);
                    if (extension instanceof StorageHook hook) {
                        vault.hooks.add(new Provided<>(origin, hook));
                        extensions.add("storage-hook " + className);
                    }
                    if (extension instanceof StorageHistory history) {
                        vault.histories.add(new Provided<>(origin, history));
                        extensions.add("storage-history " + className);
                    }
                    if (extension instanceof KeyBackend backend) {
                        vault.backends.add(new Provided<>(origin, backend));
                        extensions.add("key-backend " + PluginMessages.clean(String.valueOf(backend.name())));
                    }
                } else {
                    problems.add(new PluginProblem(id, "extension " + className
                            + " ignored: it implements no Cipherpost extension point"));
                }
            } catch (final Exception | LinkageError e) {
                problems.add(new PluginProblem(id, "extension " + className + " not loaded: "
                        + PluginMessages.describe(e)));
            }
        }
        return describe(wrapper, requires, true, extensions);
    }

    /** Starts the plugin; returns why it cannot be used, or null. */
    private static String startProblem(final HostPluginManager manager, final PluginWrapper wrapper, final String id,
                                       final String requires) {
        if (!ID.matcher(id).matches()) {
            return "plugin id not valid (use 1-64 of a-z 0-9 . _ -)";
        }
        if (requires.isEmpty() || requires.equals("*")) {
            return "declares no Plugin-Requires range; built for API 1.x it would say '>=1.0.0 & <2.0.0'";
        }
        if (wrapper.getPluginState() == PluginState.DISABLED) {
            return "requires plugin API [" + PluginMessages.clean(requires) + "], this Cipherpost provides ["
                    + ApiVersion.CURRENT + "]; not loaded";
        }
        final PluginState state;
        try {
            state = manager.startPlugin(id);
        } catch (final RuntimeException | LinkageError e) {
            return "failed to start: " + PluginMessages.describe(e);
        }
        if (state != PluginState.STARTED) {
            final Throwable failure = wrapper.getFailedException();
            return "failed to start" + (failure != null ? ": " + PluginMessages.describe(failure)
                    : " (state " + state + ")");
        }
        return null;
    }

    /** Creates an extension with its public (HostContext) or public no-argument constructor. */
    private static Object instantiate(final Class<?> type, final HostContext context)
            throws ReflectiveOperationException {
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw new InstantiationException("extension class must be public and concrete");
        }
        final Constructor<?> withContext;
        try {
            withContext = type.getConstructor(HostContext.class);
        } catch (final NoSuchMethodException e) {
            return type.getConstructor().newInstance();
        }
        return withContext.newInstance(context);
    }

    /** Describes a plugin for listings. */
    private static LoadedPlugin describe(final PluginWrapper wrapper, final String requires, final boolean started,
                                         final List<String> extensions) {
        final PluginDescriptor descriptor = wrapper.getDescriptor();
        return new LoadedPlugin(descriptor.getPluginId(), Objects.toString(descriptor.getVersion(), "?"), requires,
                Objects.toString(descriptor.getPluginDescription(), ""), wrapper.getPluginPath(), started,
                List.copyOf(extensions));
    }

    /**
     * What loading found.
     *
     * @param plugins every plugin with a readable descriptor, started or not
     * @param materialTypes the material types of started plugins, in load order
     * @param problems one line per plugin or extension that cannot be used
     * @param vault the storage hooks, histories and key backends of started plugins
     */
    record Loaded(List<LoadedPlugin> plugins, List<ProvidedMaterialType> materialTypes,
                  List<PluginProblem> problems, VaultExtensions vault) {
    }

    /** Collects the vault extensions while plugins start. */
    private static final class VaultCollector {
        private final List<Provided<StorageHook>> hooks = new ArrayList<>();
        private final List<Provided<StorageHistory>> histories = new ArrayList<>();
        private final List<Provided<KeyBackend>> backends = new ArrayList<>();
    }

    /**
     * Returns the user's plugin directory.
     *
     * @return directory
     */
    Path userDirectory() {
        return directories.user();
    }
}
