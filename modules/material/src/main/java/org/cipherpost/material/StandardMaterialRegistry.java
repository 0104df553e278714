package org.cipherpost.material;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.cipherpost.api.MaterialType;

/** Built-in types first; plugin types loaded once, on the first lookup a built-in type cannot answer. */
final class StandardMaterialRegistry implements MaterialRegistry {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern WIRE_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private final MaterialTypeSource source;
    private final Consumer<String> warnings;
    private final Map<String, MaterialHandler> byName = new LinkedHashMap<>();
    private final Map<String, MaterialHandler> byWireType = new LinkedHashMap<>();
    private boolean pluginsLoaded;

    /** Creates the registry with the built-in types; the source is not asked yet. */
    StandardMaterialRegistry(final MaterialTypeSource source, final Consumer<String> warnings) {
        this.source = source;
        this.warnings = warnings;
        add(new ProvidedMaterialType(GuardedMaterialHandler.BUILTIN, new GenericSecretType()));
    }

    @Override
    public synchronized MaterialHandler byName(final String name) throws UnknownMaterialTypeException {
        Objects.requireNonNull(name, "Material Type Name required");
        MaterialHandler handler = byName.get(name);
        if (handler == null) {
            loadPlugins();
            handler = byName.get(name);
        }
        if (handler == null) {
            throw new UnknownMaterialTypeException(String.format("material type [%s] not known; available: %s",
                    DisplayText.escape(name), String.join(", ", byName.keySet())));
        }
        return handler;
    }

    @Override
    public synchronized MaterialHandler byWireType(final String wireType) throws UnknownMaterialTypeException {
        Objects.requireNonNull(wireType, "Wire Type required");
        MaterialHandler handler = byWireType.get(wireType);
        if (handler == null) {
            loadPlugins();
            handler = byWireType.get(wireType);
        }
        if (handler == null) {
            throw new UnknownMaterialTypeException(String.format(
                    "material of wire type [%s] needs a plugin that is not installed; available: %s",
                    DisplayText.escape(wireType), String.join(", ", byWireType.keySet())));
        }
        return handler;
    }

    @Override
    public synchronized List<MaterialHandler> types() {
        loadPlugins();
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** Asks the plugin source once and adds what it gives. */
    private void loadPlugins() {
        if (pluginsLoaded) {
            return;
        }
        pluginsLoaded = true;
        for (final ProvidedMaterialType provided : source.load()) {
            add(provided);
        }
    }

    /** Adds a type unless its name or wire type is invalid or taken; reports a skipped type in one line. */
    private void add(final ProvidedMaterialType provided) {
        final MaterialType type = provided.type();
        final String name;
        final String wireType;
        final String description;
        try {
            name = type.name();
            wireType = type.wireType();
            description = type.description();
        } catch (final RuntimeException | LinkageError e) {
            warnings.accept(String.format("plugin [%s]: material type %s skipped: it failed to describe itself (%s)",
                    provided.origin(), type.getClass().getName(), e.getClass().getSimpleName()));
            return;
        }
        if (name == null || !NAME.matcher(name).matches() || wireType == null
                || !WIRE_TYPE.matcher(wireType).matches() || description == null) {
            warnings.accept(String.format("plugin [%s]: material type %s skipped: name [%s] or wire type [%s] not"
                    + " valid", provided.origin(), type.getClass().getName(), DisplayText.escape(String.valueOf(name)),
                    DisplayText.escape(String.valueOf(wireType))));
            return;
        }
        final MaterialHandler clash = byName.containsKey(name) ? byName.get(name) : byWireType.get(wireType);
        if (clash != null) {
            warnings.accept(String.format("plugin [%s]: material type [%s] skipped: [%s/%s] already provided by [%s]",
                    provided.origin(), name, clash.name(), clash.wireType(), clash.origin()));
            return;
        }
        final MaterialHandler handler = new GuardedMaterialHandler(provided.origin(), type, name, wireType,
                DisplayText.escape(description));
        byName.put(name, handler);
        byWireType.put(wireType, handler);
    }
}
