package org.cipherpost.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Creates command objects, handing the {@link CliContext} to those whose constructor takes it. */
final class ContextFactory implements CommandLine.IFactory {
    private final CliContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    ContextFactory(final CliContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(final Class<K> type) throws Exception {
        for (final Constructor<?> constructor : type.getDeclaredConstructors()) {
            final Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 1 && parameters[0] == CliContext.class) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(context));
            }
        }
        return fallback.create(type);
    }
}
