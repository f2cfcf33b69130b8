package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the base image for a JDK, tagged by the hash of its recipe so it is built once and reused. Where no
 * registry is reachable it is made offline-style by debootstrap of the Debian release carrying that JDK, from the
 * Debian mirror the host uses, then imported; otherwise from a Dockerfile. JDK 8 is in no current Debian release:
 * it needs a registry ({@link JdkRelease}).
 */
final class BaseImageBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(BaseImageBuilder.class);
    static final String REPOSITORY = "quorum-base";
    private static final List<String> TOOLS = List.of("git", "ca-certificates", "patch");
    /** Bump when the steps below change in a way the recipe text does not show. */
    private static final int RECIPE_VERSION = 1;

    enum Method { AUTO, DEBOOTSTRAP, DOCKERFILE }

    private final DockerClient docker;
    private final Function<String, String> env;
    /** Whether an image pull worked, asked once per builder (a failing pull can take a while). */
    private volatile Boolean registry;

    BaseImageBuilder(DockerClient docker, Function<String, String> env) {
        this.docker = docker;
        this.env = env;
    }

    static List<String> packages(JdkRelease jdk) {
        List<String> packages = new ArrayList<>();
        if (jdk.debianPackage() != null) {
            packages.add(jdk.debianPackage());
        }
        packages.addAll(TOOLS);
        return packages;
    }

    /** The recipe names the Debian suite, or the registry image for a JDK no Debian release carries. */
    String tag(MavenDistribution maven, JdkRelease jdk) {
        String from = jdk.debianSuite != null ? jdk.debianSuite : jdk.registryImage;
        String recipe = String.join("\n", "v" + RECIPE_VERSION, from, String.join(",", packages(jdk)),
                "maven " + maven.version() + " " + maven.sha256(), "user " + DockerImages.USER + " "
                        + DockerImages.UID + ":" + DockerImages.GID, "workspace " + DockerSandbox.WORKSPACE);
        return REPOSITORY + ":" + sha256(recipe).substring(0, 16);
    }

    /** The tag an existing base image would have, without building; null if Maven is not at hand. */
    String expectedTag(JdkRelease jdk) {
        try {
            return tag(MavenDistribution.locate(env), jdk);
        } catch (SandboxException e) {
            return null;
        }
    }

    BaseImage ensure(JdkRelease jdk) {
        MavenDistribution maven = MavenDistribution.locate(env);
        String tag = tag(maven, jdk);
        if (DockerImages.exists(docker, tag)) {
            return new BaseImage(tag, "existing", Duration.ZERO, jdk.feature);
        }
        long start = System.nanoTime();
        Method method = chooseMethod(jdk);
        LOG.info("building base image {} (JDK {}) by {}", tag, jdk.feature, method.name().toLowerCase());
        switch (method) {
            case DEBOOTSTRAP -> buildByDebootstrap(maven, jdk, tag);
            case DOCKERFILE -> buildByDockerfile(maven, jdk, tag);
            case AUTO -> throw new IllegalStateException("AUTO is resolved by chooseMethod");
        }
        return new BaseImage(tag, method.name().toLowerCase(), Duration.ofNanos(System.nanoTime() - start),
                jdk.feature);
    }

    /** Can images be pulled here (Dockerfile builds, JDKs no Debian release carries)? */
    boolean registryReachable() {
        Boolean known = registry;
        if (known == null) {
            String probe = JdkRelease.DEFAULT.registryImage;
            known = DockerImages.exists(docker, probe) || pullSucceeds(probe);
            registry = known;
        }
        return known;
    }

    private Method chooseMethod(JdkRelease jdk) {
        String wanted = env.apply("QUORUM_BASE_BUILD");
        if (wanted != null && !wanted.isBlank()) {
            try {
                Method m = Method.valueOf(wanted.strip().toUpperCase());
                if (m == Method.DEBOOTSTRAP && !jdk.obtainableWithoutRegistry()) {
                    throw new SandboxException("JDK " + jdk.feature + " is in no Debian release, so"
                            + " QUORUM_BASE_BUILD=debootstrap cannot make its base image; it needs a registry ("
                            + jdk.registryImage + ")");
                }
                if (m != Method.AUTO) {
                    return m;
                }
            } catch (IllegalArgumentException e) {
                throw new SandboxException("QUORUM_BASE_BUILD must be auto, debootstrap or dockerfile, not '"
                        + wanted + "'");
            }
        }
        if (!jdk.obtainableWithoutRegistry()) {
            return Method.DOCKERFILE;
        }
        return DockerImages.exists(docker, jdk.registryImage) || registryReachable() ? Method.DOCKERFILE
                : Method.DEBOOTSTRAP;
    }

    private boolean pullSucceeds(String image) {
        try {
            return docker.pullImageCmd(image).start().awaitCompletion(120, java.util.concurrent.TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            // Only the probe's result: the caller logs how the image is then built, if it is built at all.
            LOG.info("no registry reachable for {} ({})", image, DockerEngine.rootMessage(e));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void buildByDebootstrap(MavenDistribution maven, JdkRelease jdk, String tag) {
        requireRootAndTool("debootstrap");
        Path rootfs = null;
        try {
            rootfs = Files.createTempDirectory(Path.of("/var/tmp"), "quorum-rootfs-");
            List<String> argv = new ArrayList<>(List.of("debootstrap", "--variant=minbase",
                    "--include=" + String.join(",", packages(jdk)), jdk.debianSuite, rootfs.toString()));
            String mirror = hostDebianMirror();
            if (mirror != null) {
                argv.add(mirror);
            }
            check(HostProcess.run(argv, null, Duration.ofMinutes(30)), "debootstrap");
            check(HostProcess.run(List.of("tar", "-xzf", maven.tarball().toString(), "-C",
                    rootfs.resolve("opt").toString()), null, Duration.ofMinutes(5)), "unpacking Maven");
            Files.move(rootfs.resolve("opt/apache-maven-" + maven.version()), rootfs.resolve("opt/maven"));
            addUser(rootfs);
            Files.deleteIfExists(rootfs.resolve("var/cache/apt/archives/lock"));
            check(HostProcess.run(List.of("bash", "-c", "rm -rf var/cache/apt/archives/*.deb var/lib/apt/lists/*"),
                    rootfs, Duration.ofMinutes(2)), "cleaning apt caches");
            importRootfs(rootfs, tag);
        } catch (IOException e) {
            throw new SandboxException("building the base image failed: " + e.getMessage(), e);
        } finally {
            if (rootfs != null) {
                HostProcess.run(List.of("rm", "-rf", rootfs.toString()), null, Duration.ofMinutes(5));
            }
        }
    }

    private static void addUser(Path rootfs) throws IOException {
        String user = DockerImages.USER;
        Files.writeString(rootfs.resolve("etc/passwd"), user + ":x:" + DockerImages.UID + ":" + DockerImages.GID
                + "::/home/" + user + ":/bin/bash\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(rootfs.resolve("etc/group"), user + ":x:" + DockerImages.GID + ":\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path home = rootfs.resolve("home/" + user);
        Files.createDirectories(home.resolve(".m2"));
        Files.createDirectories(rootfs.resolve(DockerSandbox.WORKSPACE.substring(1)));
        check(HostProcess.run(List.of("chown", "-R", DockerImages.UID + ":" + DockerImages.GID, home.toString(),
                rootfs.resolve(DockerSandbox.WORKSPACE.substring(1)).toString()), null, Duration.ofMinutes(1)),
                "chown");
    }

    /**
     * Imports the root file system. docker-java's import call JSON-encodes its stream (a known bug), so the
     * import is a build instead: {@code FROM scratch} plus {@code ADD rootfs.tar /}, which needs no registry.
     */
    private void importRootfs(Path rootfs, String tag) throws IOException {
        Path context = Files.createTempDirectory(Path.of("/var/tmp"), "quorum-base-import-");
        try {
            check(HostProcess.run(List.of("tar", "--numeric-owner", "-C", rootfs.toString(), "-cf",
                    context.resolve("rootfs.tar").toString(), "."), null, Duration.ofMinutes(10)),
                    "archiving the base root file system");
            Files.writeString(context.resolve("Dockerfile"), """
                    FROM scratch
                    ADD rootfs.tar /
                    ENV %s
                    WORKDIR %s
                    CMD ["bash"]
                    """.formatted(String.join(" ", DockerImages.IMAGE_ENV), DockerSandbox.WORKSPACE));
            buildFromContext(context, tag);
        } finally {
            HostProcess.run(List.of("rm", "-rf", context.toString()), null, Duration.ofMinutes(5));
        }
    }

    private void buildFromContext(Path context, String tag) {
        String id = docker.buildImageCmd(context.toFile()).withTags(java.util.Set.of(tag))
                .withLabels(Map.of("dev.quorum.recipe", tag)).withNetworkMode("host").withPull(false)
                .exec(new BuildImageResultCallback()).awaitImageId();
        LOG.info("built base image {} ({})", tag, id);
    }

    private void buildByDockerfile(MavenDistribution maven, JdkRelease jdk, String tag) {
        Path context = null;
        try {
            context = Files.createTempDirectory("quorum-base-context");
            Files.copy(maven.tarball(), context.resolve("apache-maven.tar.gz"));
            Files.writeString(context.resolve("Dockerfile"), dockerfile(maven, jdk), StandardCharsets.UTF_8);
            buildFromContext(context, tag);
        } catch (IOException e) {
            throw new SandboxException("building the base image from a Dockerfile failed: " + e.getMessage(), e);
        } finally {
            if (context != null) {
                HostProcess.run(List.of("rm", "-rf", context.toString()), null, Duration.ofMinutes(1));
            }
        }
    }

    static String dockerfile(MavenDistribution maven, JdkRelease jdk) {
        return """
                FROM %s
                RUN apt-get update && apt-get install -y --no-install-recommends %s && rm -rf /var/lib/apt/lists/*
                COPY apache-maven.tar.gz /tmp/apache-maven.tar.gz
                RUN tar -xzf /tmp/apache-maven.tar.gz -C /opt && mv /opt/apache-maven-%s /opt/maven \\
                    && rm /tmp/apache-maven.tar.gz
                RUN groupadd -g %d %s && useradd -u %d -g %d -m -d /home/%s -s /bin/bash %s \\
                    && mkdir -p /home/%s/.m2 %s && chown -R %d:%d /home/%s %s
                ENV PATH=/opt/maven/bin:%s/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
                    HOME=/home/%s LANG=C.UTF-8
                WORKDIR %s
                """.formatted(jdk.registryImage, String.join(" ", packages(jdk)), maven.version(),
                DockerImages.GID, DockerImages.USER, DockerImages.UID, DockerImages.GID, DockerImages.USER,
                DockerImages.USER, DockerImages.USER, DockerSandbox.WORKSPACE, DockerImages.UID, DockerImages.GID,
                DockerImages.USER, DockerSandbox.WORKSPACE, jdk.javaBin == null ? "" : jdk.javaBin + ":",
                DockerImages.USER, DockerSandbox.WORKSPACE);
    }

    /** The first Debian mirror in the host's apt sources, so the image comes from where the host's packages do. */
    static String hostDebianMirror() {
        for (Path sources : List.of(Path.of("/etc/apt/sources.list.d/debian.sources"),
                Path.of("/etc/apt/sources.list"))) {
            try {
                for (String line : Files.readAllLines(sources)) {
                    String l = line.strip();
                    if (l.startsWith("URIs:")) {
                        String uri = l.substring(5).strip().split("\\s+")[0];
                        if (!uri.contains("security")) return uri;
                    }
                    if (l.startsWith("deb ") && !l.contains("security")) {
                        for (String part : l.split("\\s+")) {
                            if (part.contains("://")) return part;
                        }
                    }
                }
            } catch (IOException ignored) {
                // not a Debian host, or no such file: let debootstrap use its default
            }
        }
        return null;
    }

    private static void requireRootAndTool(String tool) {
        if (HostProcess.run(List.of("bash", "-c", "command -v " + tool), null, Duration.ofSeconds(10)).exitCode()
                != 0) {
            throw new SandboxException("building the base image without a registry needs " + tool
                    + " (apt-get install " + tool + "), or set QUORUM_BASE_BUILD=dockerfile where a registry is"
                    + " reachable");
        }
        HostProcess.Result id = HostProcess.run(List.of("id", "-u"), null, Duration.ofSeconds(10));
        if (!id.output().text().strip().equals("0")) {
            throw new SandboxException("debootstrap must run as root; run `sudo bin/quorum doctor --fix` once,"
                    + " or set QUORUM_BASE_BUILD=dockerfile where a registry is reachable");
        }
    }

    private static void check(HostProcess.Result r, String what) {
        if (r.timedOut()) {
            throw new SandboxException(what + " timed out after " + r.elapsed().toSeconds() + " s");
        }
        if (r.exitCode() != 0) {
            throw new SandboxException(what + " failed (exit " + r.exitCode() + "):\n" + r.tail(30));
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
