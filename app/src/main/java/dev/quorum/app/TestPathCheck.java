package dev.quorum.app;

import dev.quorum.core.BuildHints;
import dev.quorum.sandbox.DockerEngine;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxException;
import java.nio.file.Path;

/** {@code quorum doctor --repo PATH}: the compiled-state layer of a repository and the direct runner's verdict. */
final class TestPathCheck {
    private TestPathCheck() {
    }

    static String describe(Path repo) {
        try (DockerEngine engine = DockerEngine.connectDefault()) {
            return Environments.fromEnvironment(engine).ensureCompiledState(repo.toAbsolutePath(), BuildHints.none())
                    .describe();
        } catch (SandboxException | IllegalArgumentException e) {
            return "no compiled state for " + repo + ": " + e.getMessage();
        }
    }
}
