package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pool of two real Docker engines on this machine: the shared one, and a {@link SecondDockerEngine} this test
 * starts. The second starts empty: the pool copies the base image into it. Stopped in teardown.
 */
class DockerPoolTest {
    /** One core each: two slots per engine on a two-core machine, so four sandboxes spread two and two. */
    private static final SandboxSpec.Limits LIMITS = new SandboxSpec.Limits(1.0, 256L << 20, 256, 256L << 20);

    static DockerTestEnvironment docker;
    static SecondDockerEngine second;
    static DockerEngine engine2;

    @BeforeAll
    static void startSecondEngine() throws Exception {
        docker = DockerTestEnvironment.get();
        second = SecondDockerEngine.start();
        engine2 = second.engine();
    }

    @AfterAll
    static void stopSecondEngine() throws Exception {
        if (second != null) {
            second.close();
        }
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
                    // The job swallows sandbox failures, as a test runner that finds no reports does: the pool
                    // must still see that the engine went and start the job over.
                    try {
                        sandbox.writeFile("in.txt", input.getBytes(StandardCharsets.UTF_8));
                        ExecResult r = sandbox.run(Command.of(Duration.ofSeconds(60), "sh", "-c",
                                "sleep 8; tr a-z A-Z < in.txt > out.txt"));
                        return r.succeeded() ? new String(sandbox.readFile("out.txt"), StandardCharsets.UTF_8)
                                : "failed: " + r.output().text();
                    } catch (SandboxException swallowed) {
                        return "no result";
                    }
                })));
            }
            assertThat(allStarted.await(120, TimeUnit.SECONDS)).isTrue();
            assertThat(hostsOfFirstAttempts).contains(engine2.host());
            second.stop();
            assertThat(second.isRunning()).isFalse();

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
}
