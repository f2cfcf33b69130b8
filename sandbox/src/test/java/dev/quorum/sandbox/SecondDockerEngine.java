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
 * exec root and pid file under /tmp/quorum-dockerd2, on its own bridge and with no iptables rules so that it leaves
 * the first engine alone. It starts empty (a pool copies images into it). Needs root, dockerd and ip on the PATH.
 *
 * <p>Not {@code --bridge=none}: a dockerd started that way deletes the host's {@code docker0} interface (it takes
 * the default bridge for its own, left over), which breaks the first engine's bridge network for the rest of the run.
 */
public final class SecondDockerEngine implements AutoCloseable {
    private static final Path ROOT = Path.of("/tmp/quorum-dockerd2");
    private static final Path PID_FILE = ROOT.resolve("docker.pid");
    private static final String SOCKET = "unix://" + ROOT.resolve("docker.sock");
    private static final String BRIDGE = "quorum-br2";

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
        createBridge();
        Path log = ROOT.resolve("dockerd.log");
        Process dockerd = new ProcessBuilder("dockerd", "--host", SOCKET, "--data-root",
                ROOT.resolve("data").toString(), "--exec-root", ROOT.resolve("exec").toString(), "--pidfile",
                PID_FILE.toString(), "--bridge=" + BRIDGE, "--iptables=false", "--ip6tables=false",
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

    /** The second engine's own bridge (a leftover of a killed run is reused). */
    private static void createBridge() throws IOException, InterruptedException {
        if (!Files.exists(Path.of("/sys/class/net", BRIDGE))) {
            ip("link", "add", "name", BRIDGE, "type", "bridge");
        }
        ip("addr", "replace", "10.253.0.1/24", "dev", BRIDGE);
        ip("link", "set", BRIDGE, "up");
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("cannot set up the second engine's bridge: " + String.join(" ", command)
                    + ": " + output.strip());
        }
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
        ip("link", "del", BRIDGE);
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
