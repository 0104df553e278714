package org.cipherpost.cli.plugin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.PreviewLine;
import org.cipherpost.material.MaterialHandler;
import org.cipherpost.material.MaterialRegistry;
import org.cipherpost.material.PluginFailureException;
import org.cipherpost.material.UnknownMaterialTypeException;

/**
 * The material part of an acceptance screen: the preview lines of received canonical bytes, formatted as
 * {@code plugin preview} prints them. Never throws for the material's sake: a missing plugin, material that does
 * not parse, or a failing plugin become warning lines, so the recipient still decides.
 */
public final class MaterialScreen {
    private MaterialScreen() {
    }

    /**
     * Describes received material.
     *
     * @param registry registry (plugins load here if the type is not built in)
     * @param wireType the envelope's material type tag
     * @param canonical the material bytes, owned by the caller
     * @return preview lines, warnings included
     */
    public static List<PreviewLine> lines(final MaterialRegistry registry, final String wireType,
                                          final byte[] canonical) {
        final List<PreviewLine> lines = new ArrayList<>();
        final MaterialHandler handler;
        try {
            handler = registry.byWireType(wireType);
        } catch (final UnknownMaterialTypeException e) {
            lines.add(PreviewLine.warning("Material", PluginMessages.clean(wireType) + ", " + size(canonical.length)
                    + "; no installed plugin previews this type ('cipherpost plugin list')"));
            return lines;
        }
        lines.add(PreviewLine.of("Material", handler.name() + ", " + size(canonical.length)));
        try {
            lines.addAll(handler.preview(canonical));
        } catch (final MaterialException e) {
            lines.add(PreviewLine.warning("Preview", "does not parse as " + handler.name() + ": " + e.getMessage()));
        } catch (final PluginFailureException e) {
            lines.add(PreviewLine.warning("Preview", e.getMessage()));
        }
        return lines;
    }

    /** Formats a byte count. */
    private static String size(final int length) {
        return length + (length == 1 ? " byte" : " bytes");
    }

    /**
     * Prints lines as {@code Label:       value}, warnings marked {@code (!)}.
     *
     * @param out where to print (the acceptance screen goes to standard error)
     * @param lines preview lines
     */
    public static void print(final PrintWriter out, final List<PreviewLine> lines) {
        for (final PreviewLine line : lines) {
            out.printf("%-13s %s%s%n", line.label() + ":", line.warning() ? "(!) " : "", line.value());
        }
        out.flush();
    }
}
