package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pool of two real Docker engines on this machine: the shared one, and a second dockerd this test starts on its
 * own socket, data root, exec root and pid file (no bridge, no iptables, so that it leaves the first alone). The
 * second starts empty: the pool copies the base image into it. Stopped in teardown.
 */
class DockerPoolTest {
    private static final Path ROOT = Path.of("/tmp/quorum-dockerd2");
    private static final Path PID_FILE = ROOT.resolve("docker.pid");
    private static final String SOCKET = "unix://" + ROOT.resolve("docker.sock");
    /** One core each: two slots per engine on a two-core machine, so four sandboxes spread two and two. */
    private static final SandboxSpec.Limits LIMITS = new SandboxSpec.Limits(1.0, 256L << 20, 256, 256L << 20);

    static DockerTestEnvironment docker;
    static Process dockerd2;
    static DockerEngine engine2;

    @BeforeAll
    static void startSecondEngine() throws Exception {
        docker = DockerTestEnvironment.get();
        stopOurEngineOfAnEarlierRun();
        deleteTree(ROOT);
        Files.createDirectories(ROOT);
        dockerd2 = new ProcessBuilder("dockerd", "--host", SOCKET, "--data-root", ROOT.resolve("data").toString(),
                "--exec-root", ROOT.resolve("exec").toString(), "--pidfile", PID_FILE.toString(),
                "--bridge=none", "--iptables=false", "--ip6tables=false", "--shutdown-timeout", "2")
                .redirectErrorStream(true).redirectOutput(ROOT.resolve("dockerd.log").toFile()).start();
        engine2 = DockerEngine.connect(SOCKET);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!engine2.status().reachable()) {
            if (!dockerd2.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the second dockerd did not come up; its log: "
                        + Files.readString(ROOT.resolve("dockerd.log")));
            }
            Thread.sleep(250);
        }
    }

    /** A dockerd left by a run of this test that was killed before its teardown (its pid file says which). */
    private static void stopOurEngineOfAnEarlierRun() throws Exception {
        if (Files.exists(PID_FILE)) {
            long pid = Long.parseLong(Files.readString(PID_FILE).trim());
            var handle = ProcessHandle.of(pid);
            if (handle.isPresent() && handle.get().info().command().orElse("").endsWith("dockerd")) {
                handle.get().destroy();
                handle.get().onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stopSecondEngine() throws Exception {
        if (engine2 != null) {
            engine2.close();
        }
        if (dockerd2 != null && dockerd2.isAlive()) {
            dockerd2.destroy();
            if (!dockerd2.waitFor(30, TimeUnit.SECONDS)) {
                dockerd2.destroyForcibly();
            }
        }
        deleteTree(ROOT.resolve("data"));
    }

    @Test
    void sandboxesSpreadOverBothEnginesAndWorkOnAStoppedEngineIsRetriedOnTheOtherWithNoResultLost()
            throws Exception {
        SandboxSpec spec = new SandboxSpec(docker.base().tag(), LIMITS, 1 << 16);
        try (DockerPoolProvider pool = new DockerPoolProvider(List.of(docker.engine(), engine2))) {
            // Spread by free room: with two slots each, four sandboxes go two and two.
            List<PooledSandbox> four = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                four.add((PooledSandbox) pool.create(spec));
            }
            Map<String, Long> perHost = new java.util.TreeMap<>();
            four.forEach(s -> perHost.merge(s.host(), 1L, Long::sum));
            assertThat(perHost).containsOnlyKeys(docker.engine().host(), engine2.host())
                    .allSatisfy((host, n) -> assertThat(n).isEqualTo(2L));
            assertThat(DockerImages.exists(engine2.client(), spec.image())).as("copied by the pool").isTrue();
            for (PooledSandbox s : four) {
                ExecResult r = s.run(Command.of(Duration.ofSeconds(30), "sh", "-c", "echo on $(hostname)"));
                assertThat(r.succeeded()).isTrue();
            }
            four.forEach(Sandbox::close);

            // Six jobs at once; while they run, the second engine is stopped.
            int jobs = 6;
            Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
            Set<String> hostsOfFirstAttempts = ConcurrentHashMap.newKeySet();
            CountDownLatch allStarted = new CountDownLatch(jobs);
            ExecutorService workers = Executors.newFixedThreadPool(jobs);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                String input = "job-" + i;
                results.add(workers.submit(() -> pool.withSandbox(spec, SandboxProvider.INFRA_ATTEMPTS, sandbox -> {
                    if (attempts.computeIfAbsent(input, k -> new AtomicInteger()).incrementAndGet() == 1) {
                        hostsOfFirstAttempts.add(((PooledSandbox) sandbox).host());
                        allStarted.countDown();
                    }
                    sandbox.writeFile("in.txt", input.getBytes(StandardCharsets.UTF_8));
                    ExecResult r = sandbox.run(Command.of(Duration.ofSeconds(60), "sh", "-c",
                            "sleep 8; tr a-z A-Z < in.txt > out.txt"));
                    if (!r.succeeded()) {
                        throw new SandboxException("job failed: " + r.output().text());
                    }
                    return new String(sandbox.readFile("out.txt"), StandardCharsets.UTF_8);
                })));
            }
            assertThat(allStarted.await(120, TimeUnit.SECONDS)).isTrue();
            assertThat(hostsOfFirstAttempts).contains(engine2.host());
            dockerd2.destroy();
            assertThat(dockerd2.waitFor(60, TimeUnit.SECONDS)).isTrue();

            List<String> outputs = new ArrayList<>();
            for (Future<String> f : results) {
                outputs.add(f.get(5, TimeUnit.MINUTES));
            }
            workers.shutdown();
            assertThat(outputs).containsExactly("JOB-0", "JOB-1", "JOB-2", "JOB-3", "JOB-4", "JOB-5");
            assertThat(attempts.values()).anySatisfy(n -> assertThat(n.get()).isEqualTo(2));
            assertThat(pool.members()).filteredOn(m -> m.engine == engine2).singleElement()
                    .satisfies(m -> assertThat(m.healthy()).isFalse());
            PooledSandbox after = (PooledSandbox) pool.create(spec);
            assertThat(after.host()).as("a drained engine gets no new sandbox").isEqualTo(docker.engine().host());
            after.close();
        }
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
