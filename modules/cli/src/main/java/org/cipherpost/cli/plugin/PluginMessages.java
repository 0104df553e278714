package org.cipherpost.cli.plugin;

import java.lang.reflect.InvocationTargetException;
import java.util.zip.ZipException;

/** Turns a plugin's load failure into a short, printable reason. */
final class PluginMessages {
    private static final int MAX = 200;

    private PluginMessages() {
    }

    /**
     * Describes a load-time failure: class-loading problems name the missing class, PF4J's own messages (about
     * manifests) are kept, anything thrown by plugin code is named by its type only.
     *
     * @param failure the failure
     * @return one line
     */
    static String describe(final Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof InvocationTargetException || cause instanceof ExceptionInInitializerError
                || cause.getCause() != null && cause.getClass().getName().startsWith("org.pf4j.")
                && cause.getCause() != cause) {
            final Throwable next = cause.getCause();
            if (next == null) {
                break;
            }
            cause = next;
        }
        if (cause instanceof ZipException || cause instanceof java.nio.file.ProviderNotFoundException
                || cause.getClass().getName().equals("java.util.zip.ZipError")) {
            return "not a jar file";
        }
        if (cause instanceof NoClassDefFoundError || cause instanceof ClassNotFoundException) {
            return "missing class " + clean(String.valueOf(cause.getMessage()).replace('/', '.'))
                    + " (" + cause.getClass().getSimpleName() + ")";
        }
        if (cause.getClass().getName().startsWith("org.pf4j.") || cause instanceof java.io.IOException) {
            return clean(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return "threw " + cause.getClass().getName();
    }

    /**
     * Escapes control characters and shortens.
     *
     * @param text text
     * @return printable text
     */
    static String clean(final String text) {
        final StringBuilder out = new StringBuilder(Math.min(text.length(), MAX));
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            final char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > MAX ? out + "..." : out.toString();
    }
}
