package org.cipherpost.material;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.MaterialType;
import org.cipherpost.api.PreviewLine;

/**
 * Calls a {@link MaterialType} and checks its answers: unexpected throwables and unusable results become a
 * {@link PluginFailureException} naming the plugin, the type and the operation, never the plugin's message (it
 * could hold material); the input array is never handed to the plugin, only a copy that is wiped afterwards.
 */
final class GuardedMaterialHandler implements MaterialHandler {
    /** Origin of built-in types. */
    static final String BUILTIN = "builtin";

    private static final int MAX_PREVIEW_LINES = 64;

    private final String origin;
    private final MaterialType type;
    private final String name;
    private final String wireType;
    private final String description;

    /** Wraps a type whose accessors were already read and checked by the registry. */
    GuardedMaterialHandler(final String origin, final MaterialType type, final String name, final String wireType,
                           final String description) {
        this.origin = origin;
        this.type = type;
        this.name = name;
        this.wireType = wireType;
        this.description = description;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String wireType() {
        return wireType;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public byte[] ingest(final byte[] input) throws MaterialException, PluginFailureException {
        final byte[] copy = input.clone();
        final byte[] result;
        try {
            result = type.ingest(copy);
        } catch (final MaterialException e) {
            throw e;
        } catch (final Exception | LinkageError | StackOverflowError e) {
            throw failure("ingest", e);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
        if (result == null || result.length == 0 || result.length > MAX_CANONICAL_BYTES) {
            if (result != null) {
                Arrays.fill(result, (byte) 0);
            }
            throw failure("ingest", "returned " + (result == null ? "nothing" : result.length + " bytes"));
        }
        if (result == copy) {
            throw failure("ingest", "returned its input array");
        }
        return result;
    }

    @Override
    public List<PreviewLine> preview(final byte[] canonical) throws MaterialException, PluginFailureException {
        final byte[] copy = canonical.clone();
        final List<PreviewLine> lines;
        try {
            lines = type.preview(copy);
        } catch (final MaterialException e) {
            throw e;
        } catch (final Exception | LinkageError | StackOverflowError e) {
            throw failure("preview", e);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
        if (lines == null) {
            throw failure("preview", "returned nothing");
        }
        final List<PreviewLine> safe = new ArrayList<>(Math.min(lines.size(), MAX_PREVIEW_LINES));
        for (final PreviewLine line : lines) {
            if (line == null) {
                throw failure("preview", "returned a null line");
            }
            if (safe.size() == MAX_PREVIEW_LINES) {
                safe.add(PreviewLine.warning("Note", "preview cut at " + MAX_PREVIEW_LINES + " lines"));
                break;
            }
            safe.add(new PreviewLine(DisplayText.escape(line.label()), DisplayText.escape(line.value()),
                    line.warning()));
        }
        return List.copyOf(safe);
    }

    @Override
    public Set<String> renderings() {
        try {
            final Set<String> renderings = type.renderings();
            return renderings == null ? Set.of() : Set.copyOf(renderings);
        } catch (final RuntimeException | LinkageError e) {
            return Set.of();
        }
    }

    @Override
    public byte[] render(final byte[] canonical, final String rendering)
            throws MaterialException, PluginFailureException {
        if (!renderings().contains(rendering)) {
            throw new MaterialException(MaterialException.Reason.UNSUPPORTED_RENDERING, String.format(
                    "%s material has no [%s] form", name, DisplayText.escape(rendering)));
        }
        final byte[] copy = canonical.clone();
        final byte[] result;
        try {
            result = type.render(copy, rendering);
        } catch (final MaterialException e) {
            throw e;
        } catch (final Exception | LinkageError | StackOverflowError e) {
            throw failure("render", e);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
        if (result == null || result == copy) {
            throw failure("render", "returned " + (result == null ? "nothing" : "its input array"));
        }
        return result;
    }

    @Override
    public String toString() {
        return "MaterialHandler[" + name + ", " + wireType + ", " + origin + "]";
    }

    /** Builds the failure of an operation that threw, naming the plugin and the throwable's type only. */
    private PluginFailureException failure(final String operation, final Throwable cause) {
        return new PluginFailureException(origin, String.format("plugin [%s] failed during %s of %s material (%s)",
                origin, operation, name, cause.getClass().getSimpleName()), scrubbed(cause));
    }

    /** Keeps the stack trace for --verbose but drops every message: a plugin's message could quote material. */
    private static Throwable scrubbed(final Throwable cause) {
        final Throwable copy = new Throwable(cause.getClass().getName() + " (message withheld)");
        copy.setStackTrace(cause.getStackTrace());
        if (cause.getCause() != null && cause.getCause() != cause) {
            copy.initCause(scrubbed(cause.getCause()));
        }
        return copy;
    }

    /** Builds the failure of an operation that returned something unusable. */
    private PluginFailureException failure(final String operation, final String what) {
        return new PluginFailureException(origin, String.format("plugin [%s] failed during %s of %s material: it %s",
                origin, operation, name, what), null);
    }
}
