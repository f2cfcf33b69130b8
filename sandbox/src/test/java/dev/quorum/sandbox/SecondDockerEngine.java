package dev.quorum.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second, real Docker engine on this machine for tests of a pool: its own dockerd on its own socket, data root,
 * exec root and pid file under /tmp/quorum-dockerd2, with no bridge and no iptables rules so that it leaves the
 * first engine alone. It starts empty (a pool copies images into it). Needs root and dockerd on the PATH.
 */
public final class SecondDockerEngine implements AutoCloseable {
    private static final Path ROOT = Path.of("/tmp/quorum-dockerd2");
    private static final Path PID_FILE = ROOT.resolve("docker.pid");
    private static final String SOCKET = "unix://" + ROOT.resolve("docker.sock");

    private final Process dockerd;
    private final DockerEngine engine;

    private SecondDockerEngine(Process dockerd, DockerEngine engine) {
        this.dockerd = dockerd;
        this.engine = engine;
    }

    /** Starts the engine and waits until it answers. */
    public static SecondDockerEngine start() throws IOException, InterruptedException {
        stopOneLeftByAnEarlierRun();
        deleteTree(ROOT);
        Files.createDirectories(ROOT);
        Path log = ROOT.resolve("dockerd.log");
        Process dockerd = new ProcessBuilder("dockerd", "--host", SOCKET, "--data-root",
                ROOT.resolve("data").toString(), "--exec-root", ROOT.resolve("exec").toString(), "--pidfile",
                PID_FILE.toString(), "--bridge=none", "--iptables=false", "--ip6tables=false",
                "--shutdown-timeout", "2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DockerEngine engine = DockerEngine.connect(SOCKET);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!engine.status().reachable()) {
            if (!dockerd.isAlive() || System.nanoTime() > deadline) {
                dockerd.destroy();
                throw new IllegalStateException("the second dockerd did not come up; its log: " + Files.readString(log));
            }
            Thread.sleep(250);
        }
        return new SecondDockerEngine(dockerd, engine);
    }

    /** A dockerd left by a test run killed before its teardown (its pid file says which). */
    private static void stopOneLeftByAnEarlierRun() throws IOException {
        if (!Files.exists(PID_FILE)) {
            return;
        }
        var handle = ProcessHandle.of(Long.parseLong(Files.readString(PID_FILE).trim()));
        if (handle.isPresent() && handle.get().info().command().orElse("").endsWith("dockerd")) {
            handle.get().destroy();
            try {
                handle.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("a dockerd of an earlier run under " + ROOT + " does not stop", e);
            }
        }
    }

    public DockerEngine engine() {
        return engine;
    }

    public String host() {
        return engine.host();
    }

    /** Waits until a Quorum sandbox container runs on this engine; false if none did in time. */
    public boolean awaitSandbox(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!engine.client().listContainersCmd().withLabelFilter(Map.of(Ownership.SANDBOX, "1")).exec()
                    .isEmpty()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Stops the engine as a machine that goes down would (its containers die with it). */
    public void stop() throws InterruptedException {
        if (dockerd.isAlive()) {
            dockerd.destroy();
            if (!dockerd.waitFor(60, TimeUnit.SECONDS)) {
                dockerd.destroyForcibly();
                dockerd.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    public boolean isRunning() {
        return dockerd.isAlive();
    }

    /** Stops the engine and deletes its data root. */
    @Override
    public void close() throws InterruptedException, IOException {
        engine.close();
        stop();
        deleteTree(ROOT.resolve("data"));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
