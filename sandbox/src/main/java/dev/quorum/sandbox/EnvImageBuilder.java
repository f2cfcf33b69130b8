package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.quorum.core.BuildHints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a repository's env image: a container from the base image for its JDK resolves every dependency and
 * plugin the build and its tests need, and the result is committed so that test runs work offline. Images are
 * keyed by the base image and the build files, so repositories (or commits) with the same build share one.
 *
 * <p>Only the build files the key is made of go into the build (poms, {@code .mvn/}, {@code mvnw}), with the
 * names of the repository's other non-source files as empty placeholders (Maven activates profiles by a file's
 * existence, and such profiles bind plugins to the test lifecycle: commons-parent's JaCoCo); the key holds those
 * names too. The repository's sources never run here, so they cannot poison an image that other commits share.
 * To make the compiler and Surefire fetch what they fetch only when they have work (annotation processors such
 * as Error Prone, Surefire's test-framework provider), each module gets a tiny class of Quorum's own, in a
 * package; where the build's rules reject even that, a class file compiled outside the build stands in for the
 * test class. A build that works on its own compiled classes before its tests run (gson) cannot be resolved so:
 * it is resolved with its sources into an image keyed by the whole source tree, which no other commit shares. The
 * build container has the same limits as a test sandbox and, by default, no network but the repository proxy.
 */
final class EnvImageBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(EnvImageBuilder.class);
    static final String REPOSITORY = "quorum-env";
    static final String VERSIONS_LABEL = "dev.quorum.tool-versions";
    private static final int RECIPE_VERSION = 3;
    private static final String PREFETCH_TEST = "QuorumPrefetchTest";
    private static final String PREFETCH_PACKAGE = "quorum/prefetch";
    /** A Maven other than the bundled one (the wrapper's) is unpacked here, owned by the sandbox user. */
    static final String WRAPPER_MAVEN_HOME = "/home/" + DockerImages.USER + "/.quorum/maven";
    /** The build profile's one-line summary, inside the image, where test runs read it for their results. */
    static final String PROFILE_FILE = "/home/" + DockerImages.USER + "/.quorum/build-profile";
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private final DockerClient docker;
    private final Ownership owner;
    private final NetworkPolicy network;
    private final Duration timeout;

    EnvImageBuilder(DockerClient docker, Ownership owner, NetworkPolicy network, Duration timeout) {
        this.docker = docker;
        this.owner = owner;
        this.network = network;
        this.timeout = timeout;
    }

    static String tag(String baseTag, Path repo, BuildHints hints) {
        StringBuilder key = new StringBuilder("v" + RECIPE_VERSION + "\n" + baseTag + "\n" + hints.flags() + "\n");
        MavenBuild.buildFiles(repo).forEach((name, bytes) -> key.append(name).append('\n')
                .append(BaseImageBuilder.sha256(new String(bytes, StandardCharsets.ISO_8859_1))).append('\n'));
        key.append("layout\n");
        MavenBuild.layoutMarkers(repo).forEach(name -> key.append(name).append('\n'));
        return REPOSITORY + ":" + BaseImageBuilder.sha256(key.toString()).substring(0, 16);
    }

    /**
     * The tag of an env image that had to be built from the whole source tree (see {@link #build}): the build
     * files' key plus every other file, so that it serves exactly this tree and no other commit.
     */
    static String sourceTreeTag(String baseTag, Path repo, BuildHints hints) {
        try (java.util.stream.Stream<Path> walk = Files.walk(repo)) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(tag(baseTag, repo, hints).getBytes(StandardCharsets.UTF_8));
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = repo.relativize(file).toString().replace('\\', '/');
                if (rel.startsWith(".git/") || rel.equals("target") || rel.startsWith("target/")
                        || rel.contains("/target/")) {
                    continue;
                }
                digest.update((rel + "\n").getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            return REPOSITORY + ":tree-" + java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the source tree of " + repo, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The env image's tag and stored profile if it exists, without building: the one keyed by the build files,
     * else the one built from exactly this source tree.
     */
    java.util.Optional<EnvImage> existing(BaseImage base, Path repo, BuildHints hints) {
        String tag = tag(base.tag(), repo, hints);
        if (!DockerImages.exists(docker, tag)) {
            tag = sourceTreeTag(base.tag(), repo, hints);
            if (!DockerImages.exists(docker, tag)) {
                return java.util.Optional.empty();
            }
        }
        Map<String, String> labels = docker.inspectImageCmd(tag).exec().getConfig().getLabels();
        String profile = labels.get(BuildProfile.LABEL);
        return java.util.Optional.of(new EnvImage(tag, base.tag(), labels.getOrDefault(VERSIONS_LABEL, ""),
                profile == null ? null : BuildProfile.fromJson(profile), false, Duration.ZERO));
    }

    EnvImage ensure(BaseImage base, Path repo, BuildHints hints, BuildProfile profile) {
        MavenBuild.requireMaven(repo, hints);
        String tag = tag(base.tag(), repo, hints);
        // Two workers asking for the same env at once build it once.
        synchronized (locks.computeIfAbsent(tag, k -> new Object())) {
            var found = existing(base, repo, hints);
            if (found.isPresent()) {
                return found.get();
            }
            long start = System.nanoTime();
            Built built = build(base.tag(), repo, hints, profile, tag);
            return new EnvImage(built.tag(), base.tag(), built.versions(), built.profile(), true,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private record Built(String tag, String versions, BuildProfile profile) {
    }

    private Built build(String baseTag, Path repo, BuildHints hints, BuildProfile profile, String keyTag) {
        LOG.info("building env image {} for {} ({})", keyTag, repo, profile.summary());
        Map<String, byte[]> buildFiles = MavenBuild.buildFiles(repo);
        List<String> baseEnv = Arrays.asList(docker.inspectImageCmd(baseTag).exec().getConfig().getEnv());
        try (BuildNetwork net = BuildNetwork.open(docker, network, PomFacts.read(buildFiles).repositoryHosts())) {
            String id = docker.createContainerCmd(baseTag).withCmd("sleep", "infinity")
                    .withUser(DockerImages.UID + ":" + DockerImages.GID).withEnv(List.of())
                    .withLabels(owner.labels("env-build")).withHostConfig(hostConfig(net.mode())).exec().getId();
            try {
                docker.startContainerCmd(id).exec();
                DockerSandbox box = new DockerSandbox(docker, id, null, SandboxSpec.DEFAULT_OUTPUT_CAP, () -> { });
                box.run(Command.of(Duration.ofSeconds(30), "mkdir", "-p", box.scratchDir()));
                copyBuildFiles(box, buildFiles, MavenBuild.layoutMarkers(repo));
                if (!net.mavenProxy().isEmpty()) {
                    box.writeFile("/home/" + DockerImages.USER + "/.m2/settings.xml",
                            MavenProxySettings.settingsXml(net.mavenProxy()).getBytes(StandardCharsets.UTF_8));
                }
                BuildProfile used = installMaven(box, profile);
                if (PomFacts.read(buildFiles).toolchainJdk() != null) {
                    declareToolchain(box, used.jdk());
                }
                Map<String, String> env = imageEnv(baseEnv, used);
                String tag = keyTag;
                String scope = "build files";
                if (!prefetchFromBuildFiles(box, repo, buildFiles, hints, env)) {
                    tag = sourceTreeTag(baseTag, repo, hints);
                    scope = "source tree";
                    prefetchFromSourceTree(box, repo, hints, env, tag);
                }
                ExecResult version = box.run(new Command(List.of("mvn", "-v"), "", pathOnly(env),
                        Duration.ofMinutes(1)));
                String versions = MavenTestRunner.toolVersions(version.output().text(), used.summary());
                box.writeFile(PROFILE_FILE, (used.summary() + "\n").getBytes(StandardCharsets.UTF_8));
                box.run(Command.shell(Duration.ofMinutes(2), "rm -rf " + DockerSandbox.WORKSPACE + "/* "
                        + DockerSandbox.WORKSPACE + "/.[!.]* ~/.m2/settings.xml " + DockerSandbox.SCRATCH + "; true"));
                String[] repoTag = tag.split(":", 2);
                // The committed image's environment is exactly the base image's (PATH adjusted for the Maven in
                // use): nothing of the build's (proxies, credentials) is carried over.
                docker.commitCmd(id).withRepository(repoTag[0]).withTag(repoTag[1])
                        .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                                .toArray(String[]::new))
                        .withWorkingDir(DockerSandbox.WORKSPACE).withCmd("bash")
                        .withLabels(Map.of("dev.quorum.base", baseTag, VERSIONS_LABEL, versions,
                                BuildProfile.LABEL, used.toJson(), "dev.quorum.env-scope", scope))
                        .exec();
                LOG.info("env image {} built from its {}", tag, scope);
                return new Built(tag, versions, used);
            } finally {
                Reaper.remove(docker, id);
            }
        }
    }

    /** The same limits and hardening as a test sandbox; only the network differs. */
    private HostConfig hostConfig(String networkMode) {
        SandboxSpec.Limits limits = SandboxSpec.Limits.defaults();
        HostConfig host = HostConfig.newHostConfig().withNetworkMode(networkMode)
                .withMemory(limits.memoryBytes()).withMemorySwap(limits.memoryBytes())
                .withNanoCPUs((long) (limits.cpus() * 1_000_000_000L)).withPidsLimit(limits.pids())
                .withSecurityOpts(List.of("no-new-privileges")).withCapDrop(Capability.ALL).withInit(true);
        if (network.trustStore() != null) {
            host.withBinds(new Bind(network.trustStore().toString(), new Volume("/etc/ssl/certs/java/cacerts"),
                    AccessMode.ro));
        }
        return host;
    }

    /** The build files, and the repository's other non-source files as empty placeholders (profile markers). */
    private static void copyBuildFiles(DockerSandbox box, Map<String, byte[]> files, List<String> markers) {
        Path staging = null;
        try {
            staging = Files.createTempDirectory("quorum-build-files");
            for (String marker : markers) {
                Path p = staging.resolve(marker);
                Files.createDirectories(p.getParent());
                Files.createFile(p);
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path p = staging.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            box.copyIn(staging, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the build files", e);
        } finally {
            if (staging != null) {
                HostProcess.run(List.of("rm", "-rf", staging.toString()), null, Duration.ofMinutes(1));
            }
        }
    }

    /**
     * Unpacks the wrapper's Maven when it is not the bundled one; falls back to the bundled Maven, saying why,
     * when that version cannot be had.
     */
    private static BuildProfile installMaven(DockerSandbox box, BuildProfile profile) {
        if (profile.maven().equals(MavenDistribution.VERSION)) {
            return profile;
        }
        try {
            MavenDistribution dist = MavenDistribution.ofVersion(profile.maven());
            box.writeScratch("maven.tar.gz", Files.readAllBytes(dist.tarball()));
            ExecResult unpack = box.run(Command.shell(Duration.ofMinutes(2), "mkdir -p " + WRAPPER_MAVEN_HOME
                    + " && tar -xzf " + DockerSandbox.SCRATCH + "/maven.tar.gz --strip-components=1 -C "
                    + WRAPPER_MAVEN_HOME + " && rm " + DockerSandbox.SCRATCH + "/maven.tar.gz"));
            if (!unpack.succeeded()) {
                throw new SandboxException("unpacking it failed: " + unpack.output().text());
            }
            return profile;
        } catch (SandboxException | IOException e) {
            LOG.warn("the wrapper's Maven {} is not available ({}); the bundled Maven {} runs the build",
                    profile.maven(), e.getMessage(), MavenDistribution.VERSION);
            return profile.withMaven(MavenDistribution.VERSION, "bundled; the wrapper's " + profile.maven()
                    + " could not be had: " + firstLine(e.getMessage()));
        }
    }

    /**
     * Builds that use the toolchains plugin fail without {@code ~/.m2/toolchains.xml}; the image's own JDK is
     * declared there (kept in the image: test runs need it too).
     */
    private static void declareToolchain(DockerSandbox box, int jdk) {
        String version = jdk <= 8 ? "1." + jdk : String.valueOf(jdk);
        ExecResult r = box.run(Command.shell(Duration.ofSeconds(30), """
                home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
                mkdir -p ~/.m2 && cat > ~/.m2/toolchains.xml <<XML
                <toolchains><toolchain><type>jdk</type>
                  <provides><version>%s</version></provides>
                  <configuration><jdkHome>$home</jdkHome></configuration>
                </toolchain></toolchains>
                XML""".formatted(version)));
        if (!r.succeeded()) {
            throw new SandboxException("could not declare the image's JDK as a Maven toolchain: " + r.output().text());
        }
    }

    /** The base image's environment with the wrapper's Maven first on PATH when it is in use. */
    private static Map<String, String> imageEnv(List<String> baseEnv, BuildProfile profile) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : baseEnv) {
            String[] kv = entry.split("=", 2);
            env.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        if (!profile.maven().equals(MavenDistribution.VERSION)) {
            env.put("PATH", WRAPPER_MAVEN_HOME + "/bin:" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        }
        return env;
    }

    private static Map<String, String> pathOnly(Map<String, String> env) {
        return Map.of("PATH", env.get("PATH"));
    }

    /**
     * Runs the build, from its build files alone, through {@code test} so that every plugin, dependency, annotation
     * processor and the Surefire provider is fetched. First with a small class of Quorum's own in each module (so
     * the compiler has something to compile); if the build rejects even that, again with only a precompiled test
     * class that the compiler never sees.
     *
     * @return false when the build cannot be resolved without the repository's own sources
     */
    private boolean prefetchFromBuildFiles(DockerSandbox box, Path repo, Map<String, byte[]> buildFiles,
                                           BuildHints hints, Map<String, String> env) {
        List<String> modules = MavenBuild.moduleDirs(repo);
        Map<String, List<String>> sourceDirs = PomFacts.read(buildFiles).sourceDirs();
        for (String module : modules) {
            List<String> dirs = sourceDirs.getOrDefault(module, List.of());
            String main = dirs.stream().filter(d -> d.startsWith("sourceDirectory=")).map(d -> d.substring(16))
                    .findFirst().orElse("src/main/java");
            String test = dirs.stream().filter(d -> d.startsWith("testSourceDirectory=")).map(d -> d.substring(20))
                    .findFirst().orElse("src/test/java");
            box.writeFile(join(module, main + "/" + PREFETCH_PACKAGE + "/QuorumPrefetch.java"), MAIN_SOURCE);
            box.writeFile(join(module, test + "/" + PREFETCH_PACKAGE + "/" + PREFETCH_TEST + ".java"), TEST_SOURCE);
        }
        ExecResult withSources = box.run(new Command(prefetchCommand(hints), "", pathOnly(env), timeout));
        if (withSources.succeeded()) {
            return true;
        }
        LOG.info("the env build rejected Quorum's prefetch sources (last lines below); retrying with a class file"
                + " only:\n{}", tail(withSources.output().text(), 15));
        placePrefetchClass(box, modules, env, "find . -path '*/" + PREFETCH_PACKAGE + "' -type d -prune -exec rm -rf {} +;"
                + " find . -name target -type d -prune -exec rm -rf {} +;");
        ExecResult withClass = box.run(new Command(prefetchCommand(hints), "", pathOnly(env), timeout));
        if (withClass.succeeded()) {
            return true;
        }
        LOG.info("{}'s build cannot be resolved from its build files alone (last lines below); resolving it with"
                + " its sources, for an env image that serves this source tree only:\n{}", repo,
                tail(withClass.output().text(), 15));
        return false;
    }

    /**
     * Some builds work on their own compiled classes before the tests run (gson renames and obfuscates a test
     * class with ProGuard), so they resolve only with their sources. The image made this way is tagged by the
     * whole tree ({@link #sourceTreeTag}): the sources cannot reach an image that other commits share.
     */
    private void prefetchFromSourceTree(DockerSandbox box, Path repo, BuildHints hints, Map<String, String> env,
                                        String tag) {
        box.run(Command.shell(Duration.ofMinutes(2), "rm -rf " + DockerSandbox.WORKSPACE + "/* "
                + DockerSandbox.WORKSPACE + "/.[!.]*; true"));
        box.copyIn(repo, "");
        placePrefetchClass(box, MavenBuild.moduleDirs(repo), env, "");
        ExecResult result = box.run(new Command(prefetchCommand(hints), "", pathOnly(env), timeout));
        if (!result.succeeded()) {
            throw new SandboxException("resolving the build's dependencies failed for " + repo
                    + (result instanceof ExecResult.TimedOut ? " (timed out after " + timeout.toMinutes()
                    + " min)" : "") + " (from its build files alone and with its sources; " + tag + "):\n"
                    + tail(result.output().text(), 40));
        }
    }

    /** Compiles Quorum's empty test class outside the build and puts it into every module's test classes. */
    private static void placePrefetchClass(DockerSandbox box, List<String> modules, Map<String, String> env,
                                           String cleanFirst) {
        String classes = DockerSandbox.SCRATCH + "/prefetch-classes";
        String source = box.writeScratch(PREFETCH_TEST + ".java", TEST_SOURCE);
        String script = "set -e; " + cleanFirst
                + " javac -nowarn -source 8 -target 8 -d " + classes + " " + source + "; for m in "
                + String.join(" ", modules.stream().map(m -> m.isEmpty() ? "." : "'" + m + "'").toList())
                + "; do mkdir -p \"$m/target/test-classes\" && cp -r " + classes + "/. \"$m/target/test-classes/\";"
                + " done";
        ExecResult placed = box.run(new Command(List.of("bash", "-c", script), "", pathOnly(env),
                Duration.ofMinutes(2)));
        if (!placed.succeeded()) {
            throw new SandboxException("could not place the prefetch test class: " + placed.output().text());
        }
    }

    private static List<String> prefetchCommand(BuildHints hints) {
        List<String> argv = new ArrayList<>(List.of("mvn", "-B", "-Dsurefire.failIfNoSpecifiedTests=false",
                "-DfailIfNoTests=false", "-Dmaven.test.failure.ignore=true", "-Dstyle.color=never",
                "-Dtest=" + PREFETCH_TEST, "-Dsurefire.timeout=600"));
        argv.addAll(MavenBuild.SKIP_FLAGS);
        argv.addAll(hints.flags());
        argv.add("test");
        return argv;
    }

    private static final byte[] MAIN_SOURCE = """
            package quorum.prefetch;

            /** Compiled only while Quorum resolves this build's plugins; never part of the repository. */
            final class QuorumPrefetch {
                private QuorumPrefetch() {
                }
            }
            """.getBytes(StandardCharsets.UTF_8);

    private static final byte[] TEST_SOURCE = """
            package quorum.prefetch;

            /** Makes Surefire resolve its test-framework provider while Quorum builds an env image; no tests. */
            public final class QuorumPrefetchTest {
            }
            """.getBytes(StandardCharsets.UTF_8);

    private static String join(String dir, String path) {
        return dir.isEmpty() ? path : dir + "/" + path;
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
