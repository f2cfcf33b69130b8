package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import dev.quorum.core.BuildHints;
import dev.quorum.core.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the compiled-state layer above an env image: the repository compiled by Maven at its base commit, what
 * Surefire gives a test JVM in each module (learned by a probe test), the JUnit Platform launcher, and the parity
 * verdict. Keyed by the env image, the content of every source file and the build flags.
 */
final class CompiledStateBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(CompiledStateBuilder.class);
    static final String REPOSITORY = "quorum-state";
    private static final int RECIPE_VERSION = 3;
    private static final String DEFAULT_PLATFORM = "1.11.4";
    private static final Pattern PLATFORM_JAR = Pattern.compile("junit-platform-(?:commons|engine)-([0-9][^/:]*)\\.jar");
    private static final String WS = DockerSandbox.WORKSPACE;
    private static final String S = StateManifest.DIR;
    /**
     * Mojos that may run between compiling and testing without changing what the tests see (or are skipped by flags).
     * bnd and maven-bundle-plugin ("bundle") write OSGi metadata into target/classes: the base commit's copy stays in
     * the compiled state, and the parity check confirms that tests do not notice.
     */
    private static final List<String> HARMLESS_PLUGINS = List.of("resources", "compiler", "surefire", "jacoco",
            "enforcer", "build-helper", "bnd", "bundle", "animal-sniffer", "checkstyle", "spotless", "rat", "license",
            "pmd", "spotbugs", "forbiddenapis", "japicmp", "revapi", "impsort", "formatter", "sortpom", "errorprone");

    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final DockerClient docker;
    private final Ownership owner;
    private final NetworkPolicy network;
    private final Duration timeout;

    CompiledStateBuilder(DockerClient docker, Ownership owner, NetworkPolicy network, Duration timeout) {
        this.docker = docker;
        this.owner = owner;
        this.network = network;
        this.timeout = timeout;
    }

    static String tag(String envTag, Path repo, BuildHints hints) {
        // The runner is compiled into the state: a new runner needs a new state.
        StringBuilder key = new StringBuilder("v" + RECIPE_VERSION + "\n" + envTag + "\n" + hints.flags() + "\n"
                + BaseImageBuilder.sha256(DirectRunnerSources.runner()) + "\n");
        try (Stream<Path> walk = Files.walk(repo)) {
            TreeSet<String> names = new TreeSet<>();
            walk.filter(Files::isRegularFile).forEach(p -> {
                String rel = repo.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith(".git/") && !rel.startsWith("target/") && !rel.contains("/target/")) {
                    names.add(rel);
                }
            });
            for (String name : names) {
                key.append(name).append('\n').append(BaseImageBuilder.sha256(
                        new String(Files.readAllBytes(repo.resolve(name)), StandardCharsets.ISO_8859_1))).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sources of " + repo, e);
        }
        return REPOSITORY + ":" + BaseImageBuilder.sha256(key.toString()).substring(0, 16);
    }

    /**
     * The env image as sandboxes should see it: the compiled-state layer when it could be made, else the env image
     * itself (the reason is logged; tests then run with Maven as before).
     */
    static EnvImage above(CompiledStateBuilder builder, EnvImage env, Path repo, BuildHints hints) {
        try {
            CompiledState state = builder.ensure(env, repo, hints == null ? BuildHints.none() : hints);
            return new EnvImage(state.tag(), env.baseTag(), env.toolVersions(), env.profile(), env.built() || state.built(),
                    env.took().plus(state.took()));
        } catch (RuntimeException e) {
            // The fast path is an optimisation: whatever broke it, the run goes on with Maven on the env image.
            LOG.warn("no compiled state for {} (tests run with Maven): {}", repo, e.toString());
            return env;
        }
    }

    CompiledState ensure(EnvImage env, Path repo, BuildHints hints) {
        String tag = tag(env.tag(), repo, hints);
        synchronized (locks.computeIfAbsent(tag, k -> new Object())) {
            if (DockerImages.exists(docker, tag)) {
                Map<String, String> labels = docker.inspectImageCmd(tag).exec().getConfig().getLabels();
                return new CompiledState(tag, env.tag(), "true".equals(labels.get("dev.quorum.direct-trusted")),
                        labels.getOrDefault("dev.quorum.direct-reason", ""), false, Duration.ZERO);
            }
            long start = System.nanoTime();
            // Unique per build: another process building the same state must not share (or remove) this tag.
            String pending = tag + "-pending-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            try {
                String problem = compile(env.tag(), repo, hints, pending);
                StateManifest.Verdict verdict = problem != null ? new StateManifest.Verdict(false, problem)
                        : RunnerParity.check(docker, owner, pending, repo, hints);
                commitVerdict(pending, tag, env.tag(), verdict);
                LOG.info("compiled state {}: trusted={} ({})", tag, verdict.trusted(), verdict.reason());
                return new CompiledState(tag, env.tag(), verdict.trusted(), verdict.reason(), true,
                        Duration.ofNanos(System.nanoTime() - start));
            } finally {
                if (DockerImages.exists(docker, pending)) {
                    docker.removeImageCmd(pending).withNoPrune(false).exec();
                }
            }
        }
    }

    /** Compiles and probes in a container with network, commits {@code pending}; returns a problem or null. */
    private String compile(String envTag, Path repo, BuildHints hints, String pending) {
        // The layer keeps the env image's environment (PATH with the wrapper's Maven); nothing of the build's own.
        String[] imageEnv = docker.inspectImageCmd(envTag).exec().getConfig().getEnv();
        // Same way out as env builds: the internal build network and its repository proxy (or the host's network
        // where the policy says so), for the one download this needs (the JUnit console launcher).
        try (BuildNetwork net = BuildNetwork.open(docker, network, java.util.Set.of())) {
            HostConfig host = HostConfig.newHostConfig().withNetworkMode(net.mode())
                    .withSecurityOpts(List.of("no-new-privileges"));
            if (network.trustStore() != null) {
                host.withBinds(new com.github.dockerjava.api.model.Bind(network.trustStore().toString(),
                        new com.github.dockerjava.api.model.Volume("/etc/ssl/certs/java/cacerts"),
                        com.github.dockerjava.api.model.AccessMode.ro));
            }
            String id = docker.createContainerCmd(envTag).withCmd("sleep", "infinity")
                    .withUser(DockerImages.UID + ":" + DockerImages.GID).withEnv(List.of())
                    .withLabels(owner.labels("state-build")).withHostConfig(host).exec().getId();
            try {
                docker.startContainerCmd(id).exec();
                DockerSandbox box = new DockerSandbox(docker, id, null, SandboxSpec.DEFAULT_OUTPUT_CAP, () -> { });
                box.run(Command.of(Duration.ofSeconds(30), "mkdir", "-p", box.scratchDir(), S));
                if (!net.mavenProxy().isEmpty()) {
                    box.writeFile("/home/" + DockerImages.USER + "/.m2/settings.xml",
                            MavenProxySettings.settingsXml(net.mavenProxy()).getBytes(StandardCharsets.UTF_8));
                }
                box.copyIn(repo, "");
                String problem = compileAndProbe(box, repo, hints);
                // A layer with no state still records why; sandboxes from it run Maven as before.
                box.run(Command.shell(Duration.ofMinutes(2), "rm -rf " + WS + "/* " + WS + "/.[!.]* "
                        + (problem == null ? "" : S + " ") + "~/.m2/settings.xml " + box.scratchDir() + "/*; true"));
                String[] repoTag = pending.split(":", 2);
                docker.commitCmd(id).withRepository(repoTag[0]).withTag(repoTag[1]).withEnv(imageEnv)
                        .withWorkingDir(WS).withCmd("bash").exec();
                return problem;
            } finally {
                Reaper.remove(docker, id);
            }
        }
    }

    private String compileAndProbe(DockerSandbox box, Path repo, BuildHints hints) {
        String mvn = "mvn -B -X -o -Dstyle.color=never "
                + String.join(" ", MavenBuild.SKIP_FLAGS) + " " + shellWords(hints.flags());
        ExecResult first = box.run(Command.shell(timeout, mvn + " -DskipTests test-compile > "
                + box.scratchDir() + "/compile.log 2>&1"));
        String compileLog = new String(box.readFile(box.scratchDir() + "/compile.log"), StandardCharsets.UTF_8);
        if (!first.succeeded()) {
            return "the repository does not build at the base commit: " + lastErrors(compileLog);
        }
        MavenDebugLog compiled = MavenDebugLog.parse(compileLog, WS);
        // Reactor order (as Maven compiled them), so that a change in a module is compiled before its dependents.
        List<String> modules = new ArrayList<>(compiled.moduleOrder());
        MavenBuild.moduleDirs(repo).stream().filter(m -> !modules.contains(m)).forEach(modules::add);
        Map<String, DirectRunnerSources.Framework> probed = new LinkedHashMap<>();
        for (String module : modules) {
            compiled.javac(module, true).map(j -> framework(j.classpath())).ifPresent(f -> {
                if (f != null) {
                    probed.put(module, f);
                }
            });
        }
        for (var e : probed.entrySet()) {
            box.writeFile(join(e.getKey(), "src/test/java/" + DirectRunnerSources.PROBE_CLASS + ".java"),
                    DirectRunnerSources.probe(e.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        ExecResult second = box.run(Command.shell(timeout, mvn + " -Dtest=" + DirectRunnerSources.PROBE_CLASS
                + " -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false -Dmaven.test.failure.ignore=true"
                + " test > " + box.scratchDir() + "/probe.log 2>&1"));
        String probeLog = new String(box.readFile(box.scratchDir() + "/probe.log"), StandardCharsets.UTF_8);
        if (!second.succeeded()) {
            return "the probe build failed: " + lastErrors(probeLog);
        }
        MavenDebugLog tested = MavenDebugLog.parse(probeLog, WS);

        String platform = platformVersion(compiled);
        String junitDir = S + "/junit";
        ExecResult fetch = box.run(Command.shell(Duration.ofMinutes(10), "mvn"
                + " -B -q -Dstyle.color=never dependency:copy -Dartifact=org.junit.platform:"
                + "junit-platform-console-standalone:" + platform + " -DoutputDirectory=" + junitDir
                + " -Dmdep.stripVersion=true 2>&1 | tail -20"));
        if (!fetch.succeeded()) {
            return "could not fetch junit-platform-console-standalone " + platform + ": "
                    + fetch.output().text().strip();
        }
        String junitJar = junitDir + "/junit-platform-console-standalone.jar";
        String runnerDir = S + "/runner";
        String javaHome = null;
        String javaVersion = "";
        List<StateManifest.ModuleState> states = new ArrayList<>();
        Properties baseline = null;
        for (String module : modules) {
            Properties probe = readProbe(box, module);
            if (probe != null && javaHome == null) {
                javaHome = probe.getProperty("sys.java.home");
                javaVersion = probe.getProperty("sys.java.version", "");
                String launcherCp = junitJar + ":" + runnerDir;
                box.writeFile(runnerDir + "/" + DirectRunnerSources.RUNNER_CLASS + ".java",
                        DirectRunnerSources.runner().getBytes(StandardCharsets.UTF_8));
                ExecResult javac = box.run(Command.shell(Duration.ofMinutes(5), javaHome + "/bin/javac -nowarn -d "
                        + runnerDir + " -cp " + junitJar + " " + runnerDir + "/" + DirectRunnerSources.RUNNER_CLASS
                        + ".java && " + javaHome + "/bin/java -cp " + launcherCp + " "
                        + DirectRunnerSources.RUNNER_CLASS + " --dump " + box.scratchDir() + "/baseline.properties"));
                if (!javac.succeeded()) {
                    return "could not build the launcher: " + javac.output().text().strip();
                }
                baseline = properties(box.readFile(box.scratchDir() + "/baseline.properties"));
            }
            states.add(moduleState(box, module, compiled, tested, probed.containsKey(module), probe, baseline,
                    junitJar + ":" + runnerDir));
        }
        if (javaHome == null) {
            return "no module ran the probe test (no JUnit 4 or JUnit Jupiter on any test class path)";
        }
        String cleanup = modules.stream().map(m -> "rm -rf '" + join(m, "target/surefire-reports") + "' '"
                + join(m, "target/surefire") + "' '" + join(m, "target/quorum-probe.properties") + "' '"
                + join(m, "src/test/java/" + DirectRunnerSources.PROBE_CLASS + ".java") + "' '"
                + join(m, "target/test-classes/" + DirectRunnerSources.PROBE_CLASS) + ".class'; "
                + "if [ -d '" + join(m, "target") + "' ]; then mkdir -p '" + join(StateManifest.TREE, m) + "' && cp -a '"
                + join(m, "target") + "' '" + join(StateManifest.TREE, m) + "/'; fi").reduce("", (a, b) -> a + b + "\n");
        ExecResult save = box.run(Command.shell(Duration.ofMinutes(10), "cd " + WS + " && " + cleanup
                + DirectTestRunner.hashSources(StateManifest.SOURCES)));
        if (!save.succeeded()) {
            return "could not save the compiled state: " + save.output().text().strip();
        }
        StateManifest manifest = new StateManifest(javaHome, javaVersion, platform, junitJar + ":" + runnerDir,
                states);
        try {
            box.writeFile(StateManifest.FILE, Json.mapper().writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    private StateManifest.ModuleState moduleState(DockerSandbox box, String module, MavenDebugLog compiled,
                                                  MavenDebugLog tested, boolean hadProbe, Properties probe,
                                                  Properties baseline, String launcherCp) {
        var main = compiled.javac(module, false);
        var test = compiled.javac(module, true);
        List<String> testClasses = listTestClasses(box, module);
        String unsupported = unsupported(module, tested, hadProbe, probe);
        if (unsupported != null || probe == null) {
            return new StateManifest.ModuleState(module, main.map(MavenDebugLog.Javac::options).orElse(null),
                    main.map(MavenDebugLog.Javac::classpath).orElse(""), test.map(MavenDebugLog.Javac::options)
                    .orElse(null), test.map(MavenDebugLog.Javac::classpath).orElse(""), "", null, null, testClasses,
                    unsupported == null ? "no test class path is known for this module" : unsupported, false);
        }
        List<String> javaArgs = new ArrayList<>();
        for (int i = 0; probe.getProperty("jvm." + i) != null; i++) {
            javaArgs.add(probe.getProperty("jvm." + i));
        }
        if ("true".equals(tested.config(module, "surefire", "test").map(c -> c.get("enableAssertions"))
                .orElse("true"))) {
            javaArgs.add("-ea");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String key : probe.stringPropertyNames()) {
            String value = probe.getProperty(key);
            if (key.startsWith("sys.")) {
                String name = key.substring(4);
                if (passedProperty(name) && !value.equals(baseline.getProperty(key))) {
                    javaArgs.add("-D" + name + "=" + value);
                }
            } else if (key.startsWith("env.")) {
                String name = key.substring(4);
                if (passedVariable(name) && !value.equals(baseline.getProperty(key))) {
                    env.put(name, value);
                }
            }
        }
        String classpath = probe.getProperty("sys.surefire.test.class.path",
                probe.getProperty("sys.java.class.path", ""));
        javaArgs.add("-cp");
        javaArgs.add(classpath + ":" + launcherCp);
        boolean resourcesAsIs = resourcesAsIs(compiled, module, "resources", "src/main/resources")
                && resourcesAsIs(compiled, module, "testResources", "src/test/resources");
        return new StateManifest.ModuleState(module, main.map(MavenDebugLog.Javac::options).orElse(null),
                main.map(MavenDebugLog.Javac::classpath).orElse(""), test.map(MavenDebugLog.Javac::options)
                .orElse(null), test.map(MavenDebugLog.Javac::classpath).orElse(""),
                probe.getProperty("sys.user.dir", join(WS, module)), javaArgs, env, testClasses, null, resourcesAsIs);
    }

    /** Why Surefire's run of this module cannot be reproduced by one plain JVM, or null. */
    static String unsupported(String module, MavenDebugLog tested, boolean hadProbe, Properties probe) {
        if (!hadProbe) {
            return "no JUnit 4 or JUnit Jupiter on the module's test class path";
        }
        if (probe == null) {
            return "the probe test did not run under Surefire";
        }
        String stack = probe.getProperty("stack", "");
        if (!stack.contains("org.apache.maven.surefire.junitplatform.")
                && !stack.contains("org.apache.maven.surefire.junit4.JUnit4Provider")) {
            return "Surefire ran tests through a provider the direct runner does not reproduce";
        }
        if (stack.contains("org.codehaus.plexus.classworlds") || probe.getProperty("sys.maven.home") != null) {
            return "tests run inside Maven's JVM (forkCount=0)";
        }
        if (probe.getProperty("sys.jdk.module.path") != null) {
            return "tests run on the module path (JPMS)";
        }
        Map<String, String> surefire = tested.config(module, "surefire", "test").orElse(Map.of());
        if ("false".equals(surefire.get("reuseForks"))) {
            return "Surefire forks a JVM per test class (reuseForks=false)";
        }
        for (String knob : List.of("parallel", "rerunFailingTestsCount", "skipAfterFailureCount")) {
            String v = surefire.get(knob);
            if (v != null && !v.isBlank() && !v.equals("0") && !v.equals("null")) {
                return "Surefire's " + knob + "=" + v + " changes how tests run";
            }
        }
        for (String arg : probe.stringPropertyNames().stream().filter(k -> k.startsWith("jvm.")).map(
                probe::getProperty).toList()) {
            if (arg.contains("/target/surefire") || arg.contains("@{")) {
                return "the test JVM's argLine refers to Surefire's own files: " + arg;
            }
        }
        boolean afterCompile = false;
        for (MavenDebugLog.Mojo m : tested.mojos(module)) {
            if (m.goal().equals("compile") && m.plugin().contains("compiler")) {
                afterCompile = true;
            } else if (afterCompile && m.goal().equals("test") && m.plugin().contains("surefire")) {
                break;
            } else if (afterCompile && HARMLESS_PLUGINS.stream().noneMatch(m.plugin()::contains)) {
                return "the build runs " + m.plugin() + ":" + m.goal()
                        + " between compiling and testing, which the direct runner cannot replay";
            }
        }
        return null;
    }

    private static boolean resourcesAsIs(MavenDebugLog log, String module, String goal, String dir) {
        String expected = "[Resource {targetPath: null, filtering: false, FileSet {directory: "
                + join(WS, join(module, dir)) + ", PatternSet [includes: {}, excludes: {}]}}]";
        return log.config(module, "resources", goal).map(c -> expected.equals(c.get("resources"))).orElse(true);
    }

    /** System properties Surefire sets that a plain JVM would not: everything but the JVM's own. */
    private static boolean passedProperty(String name) {
        if (List.of("test", "file.separator", "path.separator", "line.separator", "native.encoding")
                .contains(name)) {
            return false;
        }
        return List.of("java.", "jdk.", "sun.", "os.", "user.", "stdout.", "stderr.", "surefire.").stream()
                .noneMatch(name::startsWith) || List.of("user.language", "user.country", "user.timezone")
                .contains(name);
    }

    /** Environment variables the shells and Maven's launcher set for themselves, not for the tests. */
    private static boolean passedVariable(String name) {
        return !name.startsWith("MAVEN_") && !name.startsWith("JAVA_MAIN_CLASS")
                && !List.of("PWD", "OLDPWD", "SHLVL", "_").contains(name);
    }

    private static DirectRunnerSources.Framework framework(String classpath) {
        if (classpath.contains("/junit-jupiter-api-")) {
            return DirectRunnerSources.Framework.JUPITER;
        }
        if (classpath.matches(".*/junit-4[^/]*\\.jar.*")) {
            return DirectRunnerSources.Framework.JUNIT4;
        }
        return null;
    }

    private static String platformVersion(MavenDebugLog log) {
        for (String classpath : log.classpaths()) {
            Matcher m = PLATFORM_JAR.matcher(classpath);
            if (m.find()) {
                return m.group(1);
            }
        }
        return DEFAULT_PLATFORM;
    }

    private static Properties readProbe(DockerSandbox box, String module) {
        try {
            return properties(box.readFile(join(WS, join(module, "target/quorum-probe.properties"))));
        } catch (SandboxException absent) {
            return null;
        }
    }

    private static Properties properties(byte[] bytes) {
        Properties p = new Properties();
        try {
            p.load(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static List<String> listTestClasses(DockerSandbox box, String module) {
        String dir = join(WS, join(module, "target/test-classes"));
        ExecResult list = box.run(Command.shell(Duration.ofMinutes(2), "cd '" + dir + "' 2>/dev/null && find . -name"
                + " '*.class' ! -name '*$*' ! -name '" + DirectRunnerSources.PROBE_CLASS + ".class' | sort"));
        return list.output().text().lines().filter(l -> l.startsWith("./")).map(l -> l.substring(2,
                l.length() - ".class".length()).replace('/', '.')).toList();
    }

    private void commitVerdict(String pending, String tag, String envTag, StateManifest.Verdict verdict) {
        String id = docker.createContainerCmd(pending).withCmd("sleep", "infinity")
                .withUser(DockerImages.UID + ":" + DockerImages.GID).withLabels(owner.labels("state-build"))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            DockerSandbox box = new DockerSandbox(docker, id, null, SandboxSpec.DEFAULT_OUTPUT_CAP, () -> { });
            box.writeFile(StateManifest.VERDICT, Json.mapper().writeValueAsBytes(verdict));
            String[] repoTag = tag.split(":", 2);
            docker.commitCmd(id).withRepository(repoTag[0]).withTag(repoTag[1]).withEnv(DockerImages.IMAGE_ENV)
                    .withWorkingDir(WS).withCmd("bash").withLabels(Map.of("dev.quorum.env", envTag,
                            "dev.quorum.direct-trusted", Boolean.toString(verdict.trusted()),
                            "dev.quorum.direct-reason", verdict.reason()))
                    .exec();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Reaper.remove(docker, id);
        }
    }

    private static String lastErrors(String log) {
        List<String> errors = log.lines().filter(l -> l.startsWith("[ERROR]")).limit(15).toList();
        return errors.isEmpty() ? "(no [ERROR] lines)" : String.join("\n", errors);
    }

    private static String shellWords(List<String> words) {
        return String.join(" ", words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList());
    }

    static String join(String dir, String path) {
        return dir.isEmpty() ? path : path.isEmpty() ? dir : dir + "/" + path;
    }
}
