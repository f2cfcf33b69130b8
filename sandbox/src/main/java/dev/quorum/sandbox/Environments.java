package dev.quorum.sandbox;

import dev.quorum.core.BuildHints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds (once) and finds the images sandboxes start from: a base image per JDK and per-repository env images,
 * each env image on the base image of the JDK its repository's build profile chose.
 */
public final class Environments {
    private final DockerEngine engine;
    private final BaseImageBuilder baseBuilder;
    private final EnvImageBuilder envBuilder;
    private final NetworkPolicy network;
    private final CompiledStateBuilder compiledStates;

    private Environments(DockerEngine engine, NetworkPolicy network, Function<String, String> env,
                         Duration envBuildTimeout) {
        this.engine = engine;
        this.network = network;
        this.baseBuilder = new BaseImageBuilder(engine.client(), env);
        this.envBuilder = new EnvImageBuilder(engine.client(), Ownership.ofThisProcess(), network, envBuildTimeout);
        this.compiledStates = null;
    }

    private Environments(Environments plain) {
        this.engine = plain.engine;
        this.network = plain.network;
        this.baseBuilder = plain.baseBuilder;
        this.envBuilder = plain.envBuilder;
        this.compiledStates = new CompiledStateBuilder(engine.client(), Ownership.ofThisProcess(), network,
                Duration.ofMinutes(30));
    }

    /**
     * The same environments, whose {@link #ensureEnv} answers with the compiled-state layer above each env image
     * (the repository compiled at its commit, checked against Maven), so that {@link TestRunner#choose()} can use
     * the direct runner in sandboxes made from it. Maven runs in them as before.
     */
    public Environments withCompiledState() {
        return compiledStates != null ? this : new Environments(this);
    }

    /** The compiled state and parity verdict for a checked-out repository, built if absent. */
    public CompiledState ensureCompiledState(Path repo, BuildHints hints) {
        BuildHints h = hints == null ? BuildHints.none() : hints;
        EnvImage env = plainEnv(repo, h);
        return (compiledStates != null ? compiledStates : withCompiledState().compiledStates).ensure(env, repo, h);
    }

    /**
     * @param env where settings come from ({@code System::getenv} in the product): QUORUM_BASE_BUILD,
     *            QUORUM_MAVEN_DIST
     */
    public static Environments create(DockerEngine engine, NetworkPolicy network, Function<String, String> env) {
        return new Environments(engine, network, env, Duration.ofMinutes(30));
    }

    public static Environments fromEnvironment(DockerEngine engine) {
        return create(engine, NetworkPolicy.fromEnvironment(), System::getenv);
    }

    public NetworkPolicy network() {
        return network;
    }

    /**
     * The default JDK's base image, built if absent (debootstrap + import without a registry, a Dockerfile with
     * one).
     */
    public BaseImage ensureBase() {
        return ensureBase(JdkRelease.DEFAULT);
    }

    private BaseImage ensureBase(JdkRelease jdk) {
        engine.requireReachable();
        return baseBuilder.ensure(jdk);
    }

    /** The default JDK's base image tag if it is already built, without building anything. */
    public Optional<String> existingBase() {
        return existingBase(JdkRelease.DEFAULT);
    }

    private Optional<String> existingBase(JdkRelease jdk) {
        String tag = baseBuilder.expectedTag(jdk);
        return tag != null && DockerImages.exists(engine.client(), tag) ? Optional.of(tag) : Optional.empty();
    }

    /** The default base image's expected tag (what it would be called), or empty when Maven cannot be located. */
    public Optional<String> expectedBaseTag() {
        return Optional.ofNullable(baseBuilder.expectedTag(JdkRelease.DEFAULT));
    }

    /**
     * How the repository would be built (JDK, Maven, module, flags, and why), detected from its build files and
     * the task's hints without building anything.
     *
     * @throws UnsupportedBuildException for a Gradle project or one without a build file
     */
    public BuildProfile profile(Path repo, BuildHints hints) {
        BuildHints h = hints == null ? BuildHints.none() : hints;
        MavenBuild.requireMaven(repo, h);
        return BuildProfiles.detect(repo, h, baseBuilder::registryReachable);
    }

    /** The repository's env image if it is already built (with the profile stored on it), without building. */
    public Optional<EnvImage> existingEnv(Path repo, BuildHints hints) {
        BuildHints h = hints == null ? BuildHints.none() : hints;
        JdkRelease jdk = JdkRelease.of(profile(repo, h).jdk()).orElse(JdkRelease.DEFAULT);
        return existingBase(jdk).flatMap(base -> envBuilder.existing(new BaseImage(base, "existing",
                Duration.ZERO, jdk.feature), repo, h));
    }

    /**
     * The env image for a checked-out repository, built if absent on the base image of the JDK its build profile
     * chose: dependencies and plugins resolved once with network (per {@link #network()}), so that test runs work
     * offline.
     *
     * @throws UnsupportedBuildException for a Gradle project or one without a build file
     * @throws SandboxException when resolving the build failed; the message carries the build's last lines
     */
    public EnvImage ensureEnv(Path repo, BuildHints hints) {
        BuildHints h = hints == null ? BuildHints.none() : hints;
        EnvImage env = plainEnv(repo, h);
        return compiledStates == null ? env : CompiledStateBuilder.above(compiledStates, env, repo, h);
    }

    /** The env image on the base image of the JDK the repository's build profile chose. */
    private EnvImage plainEnv(Path repo, BuildHints hints) {
        BuildProfile profile = profile(repo, hints);
        BaseImage base = ensureBase(JdkRelease.of(profile.jdk()).orElse(JdkRelease.DEFAULT));
        return envBuilder.ensure(base, repo, hints, profile);
    }
}
