package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.quorum.core.BuildHints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a repository's env image: a container from the base image, with network, resolves every dependency and
 * plugin the build and its tests need; the result is committed so test runs work offline. Images are keyed by the
 * base image and the build files, so repositories (or commits) with the same build share one.
 */
final class EnvImageBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(EnvImageBuilder.class);
    static final String REPOSITORY = "quorum-env";
    private static final int RECIPE_VERSION = 1;
    private static final String PREFETCH_TEST = "QuorumPrefetchTest";
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
        return REPOSITORY + ":" + BaseImageBuilder.sha256(key.toString()).substring(0, 16);
    }

    EnvImage ensure(BaseImage base, Path repo, BuildHints hints) {
        MavenBuild.requireMaven(repo, hints);
        String tag = tag(base.tag(), repo, hints);
        // Two workers asking for the same env at once build it once.
        synchronized (locks.computeIfAbsent(tag, k -> new Object())) {
            if (DockerImages.exists(docker, tag)) {
                String versions = docker.inspectImageCmd(tag).exec().getConfig().getLabels()
                        .getOrDefault("dev.quorum.tool-versions", "");
                return new EnvImage(tag, base.tag(), versions, false, Duration.ZERO);
            }
            long start = System.nanoTime();
            String versions = build(base.tag(), repo, hints, tag);
            return new EnvImage(tag, base.tag(), versions, true, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private String build(String baseTag, Path repo, BuildHints hints, String tag) {
        LOG.info("building env image {} for {}", tag, repo);
        List<String> env = new ArrayList<>();
        network.proxy().forEach((k, v) -> env.add(k + "=" + v));
        HostConfig host = HostConfig.newHostConfig().withNetworkMode(network.hostNetwork() ? "host" : "bridge")
                .withSecurityOpts(List.of("no-new-privileges"));
        if (network.trustStore() != null) {
            host.withBinds(new Bind(network.trustStore().toString(), new Volume("/etc/ssl/certs/java/cacerts"),
                    com.github.dockerjava.api.model.AccessMode.ro));
        }
        String id = docker.createContainerCmd(baseTag).withCmd("sleep", "infinity")
                .withUser(DockerImages.UID + ":" + DockerImages.GID).withEnv(env)
                .withLabels(owner.labels("env-build")).withHostConfig(host).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            DockerSandbox box = new DockerSandbox(docker, id, null, SandboxSpec.DEFAULT_OUTPUT_CAP, () -> { });
            box.run(Command.of(Duration.ofSeconds(30), "mkdir", "-p", box.scratchDir()));
            box.copyIn(repo, "");
            if (!network.proxy().isEmpty()) {
                box.writeFile("/home/" + DockerImages.USER + "/.m2/settings.xml",
                        MavenProxySettings.settingsXml(network.proxy()).getBytes(StandardCharsets.UTF_8));
            }
            boolean wrapper = MavenBuild.hasWrapper(repo);
            List<String> argv = new ArrayList<>(List.of(MavenBuild.executable(wrapper), "-B",
                    "-Dsurefire.failIfNoSpecifiedTests=false", "-DfailIfNoTests=false",
                    "-Dmaven.test.failure.ignore=true", "-Dstyle.color=never"));
            // Surefire resolves its test-framework provider only when it has a test class to run, and running the
            // repository's own tests here could take long or never end; an empty generated class is enough.
            for (String module : MavenBuild.moduleDirs(repo)) {
                box.writeFile(join(module, "src/test/java/" + PREFETCH_TEST + ".java"),
                        ("public class " + PREFETCH_TEST + " {}\n").getBytes(StandardCharsets.UTF_8));
            }
            argv.add("-Dtest=" + PREFETCH_TEST);
            argv.add("-Dsurefire.timeout=600");
            argv.addAll(MavenBuild.SKIP_FLAGS);
            argv.addAll(hints.flags());
            argv.add("test");
            ExecResult prefetch = box.run(new Command(argv, "", Map.of(), timeout));
            String log = prefetch.output().text();
            if (!prefetch.succeeded()) {
                throw new SandboxException("resolving the build's dependencies failed for " + repo
                        + (prefetch instanceof ExecResult.TimedOut ? " (timed out after " + timeout.toMinutes()
                        + " min)" : "") + ":\n" + tail(log, 40));
            }
            ExecResult version = box.run(Command.of(Duration.ofMinutes(1), MavenBuild.executable(wrapper), "-v")
                    .in(""));
            String versions = version.output().text().strip();
            box.run(Command.shell(Duration.ofMinutes(2), "rm -rf " + DockerSandbox.WORKSPACE + "/* "
                    + DockerSandbox.WORKSPACE + "/.[!.]* ~/.m2/settings.xml; true"));
            String[] repoTag = tag.split(":", 2);
            docker.commitCmd(id).withRepository(repoTag[0]).withTag(repoTag[1]).withEnv(DockerImages.IMAGE_ENV)
                    .withWorkingDir(DockerSandbox.WORKSPACE).withCmd("bash")
                    .withLabels(Map.of("dev.quorum.base", baseTag, "dev.quorum.tool-versions", versions))
                    .exec();
            return versions;
        } finally {
            Reaper.remove(docker, id);
        }
    }

    private static String join(String dir, String path) {
        return dir.isEmpty() ? path : dir + "/" + path;
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
