package dev.quorum.sandbox;

import dev.quorum.core.BuildHints;
import java.nio.file.Path;

/**
 * The Docker engine, base image and providers that Docker-backed tests share within one JVM. Tests that need
 * Docker FAIL (never skip) when no engine answers: the README's test command starts one.
 */
public final class DockerTestEnvironment {
    private static DockerTestEnvironment instance;

    private final DockerEngine engine;
    private final Environments environments;
    private final BaseImage base;
    private final SandboxProvider provider;

    private DockerTestEnvironment() {
        engine = DockerEngine.connectDefault();
        EngineStatus status = engine.status();
        if (!status.reachable()) {
            throw new IllegalStateException("These tests need a running Docker engine and none answers: "
                    + status.problem() + " Run the tests with scripts/test.sh, which installs and starts one.");
        }
        environments = Environments.fromEnvironment(engine);
        base = environments.ensureBase();
        provider = Sandboxes.docker(engine);
    }

    /** The shared environment, created (and the base image built if absent) on first use. */
    public static synchronized DockerTestEnvironment get() {
        if (instance == null) {
            instance = new DockerTestEnvironment();
        }
        return instance;
    }

    public DockerEngine engine() {
        return engine;
    }

    public BaseImage base() {
        return base;
    }

    public SandboxProvider provider() {
        return provider;
    }

    public Environments environments() {
        return environments;
    }

    /** True while the engine still has the container of a sandbox (by its id). */
    public boolean containerExists(String sandboxId) {
        try {
            engine.client().inspectContainerCmd(sandboxId).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }

    public EnvImage env(Path repo, BuildHints hints) {
        return environments.ensureEnv(repo, hints);
    }

    /** A sandbox on the env image of {@code repo}, with the repo copied into its workspace. */
    public Sandbox sandboxWith(Path repo, BuildHints hints) {
        EnvImage env = env(repo, hints);
        Sandbox sandbox = provider.create(SandboxSpec.of(env.tag()));
        sandbox.copyIn(repo, "");
        return sandbox;
    }
}
