package dev.quorum.selection;

import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.TestRunner;
import java.util.Objects;

/** Where {@link Selector}s come from. */
public final class Selectors {
    private Selectors() {
    }

    /**
     * A selector that tests candidates in sandboxes made by {@code provider}, on the env image {@code environments}
     * builds (once) for the repository, running tests with {@code tests}: {@link TestRunner#choose()} uses the direct
     * runner where the image holds a compiled state whose parity check against Maven passed (give it
     * {@link Environments#withCompiledState()}), {@link TestRunner#maven()} is the reference. The evidence names the
     * runners that produced its results.
     */
    public static Selector create(SandboxProvider provider, Environments environments, TestRunner tests) {
        return new DefaultSelector(Objects.requireNonNull(provider, "provider"),
                Objects.requireNonNull(environments, "environments"), Objects.requireNonNull(tests, "tests"));
    }
}
