package dev.quorum.selection;

import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxProvider;
import java.util.Objects;

/** Where {@link Selector}s come from. */
public final class Selectors {
    private Selectors() {
    }

    /**
     * A selector that tests candidates in sandboxes made by {@code provider}, on the env image {@code environments}
     * builds (once) for the repository.
     */
    public static Selector create(SandboxProvider provider, Environments environments) {
        return new DefaultSelector(Objects.requireNonNull(provider, "provider"),
                Objects.requireNonNull(environments, "environments"));
    }
}
