package org.jsna.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets a long fuzz campaign raise the tries of every fuzz property without touching the code:
 * {@code mvn -B test -Djsna.fuzz.tries=100000 -Dtest='*FuzzTest'}. Without the system property each
 * property keeps the small count in its annotation, so the normal build stays fast. Put on a fuzz
 * test class with {@code @AddLifecycleHook(FuzzTries.class)}.
 */
public final class FuzzTries implements AroundPropertyHook {

    /** The system property holding the number of tries of each fuzz property in a long campaign. */
    public static final String PROPERTY = "jsna.fuzz.tries";

    /** A hook added to a test class applies to each of its properties. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String v = System.getProperty(PROPERTY);
        if (v != null && !v.isBlank()) {
            context.attributes().setTries(Integer.parseInt(v.strip()));
        }
        return property.execute();
    }
}
