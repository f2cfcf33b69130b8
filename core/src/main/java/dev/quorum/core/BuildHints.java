package dev.quorum.core;

import java.util.List;

/**
 * How a task's repository is built, when the task says so.
 *
 * @param tool   {@code maven} or {@code gradle}; {@code null} means detect
 * @param module the module holding the tests, relative to the repository root, or {@code null}
 * @param jdk    the JDK feature version wanted (e.g. {@code 17}), or {@code null}
 * @param flags  extra build flags, added after Quorum's own (they can override them)
 */
public record BuildHints(String tool, String module, String jdk, List<String> flags) {
    public BuildHints {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    public static BuildHints none() {
        return new BuildHints(null, null, null, List.of());
    }
}
