package dev.quorum.sandbox;

import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Benchmark (not a test): see bench/sandbox-bench.sh and docs/BENCHMARKS.md. */
public final class SandboxBench {
    private SandboxBench() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        DockerTestEnvironment docker = DockerTestEnvironment.get();

        List<Double> lifecycle = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            try (Sandbox s = docker.provider().create(SandboxSpec.of(docker.base().tag()))) {
                s.run(Command.of(Duration.ofSeconds(30), "true"));
            }
            lifecycle.add((System.nanoTime() - start) / 1e6);
        }
        System.out.printf("create->run(true)->destroy over %d: p50 %.0f ms, p95 %.0f ms, min %.0f ms%n", iterations,
                percentile(lifecycle, 50), percentile(lifecycle, 95), Collections.min(lifecycle));

        Path repo = MavenProjects.multiModule(Files.createTempDirectory("quorum-bench"));
        // The full suite must terminate and stay offline: drop the two tests written to hang and to dial out.
        Files.delete(repo.resolve("app/src/test/java/dev/example/app/HangTest.java"));
        Files.delete(repo.resolve("app/src/test/java/dev/example/app/NetTest.java"));
        MavenProjects.commit(repo, "bench variant");
        EnvImage env = docker.env(repo, BuildHints.none());
        List<Double> targeted = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        // Each measurement gets a fresh sandbox with a clean copy, so neither reuses the other's compiled classes.
        for (int i = 0; i < repetitions; i++) {
            try (Sandbox s = docker.provider().create(SandboxSpec.of(env.tag()))) {
                s.copyIn(repo, "");
                long start = System.nanoTime();
                TestRunResult r = TestRunner.maven().run(s, "", List.of(TestId.parse("dev.example.app.LedgerTest#depositAddsUp")),
                        new BuildHints("maven", "app", null, List.of()), Duration.ofMinutes(5));
                targeted.add((System.nanoTime() - start) / 1e6);
                require(r);
            }
            try (Sandbox s = docker.provider().create(SandboxSpec.of(env.tag()))) {
                s.copyIn(repo, "");
                long start = System.nanoTime();
                ExecResult all = s.run(new Command(List.of("mvn", "-B", "-o", "-Dmaven.test.failure.ignore=true", "test"),
                        "", java.util.Map.of(), Duration.ofMinutes(10)));
                full.add((System.nanoTime() - start) / 1e6);
                if (!all.succeeded()) {
                    throw new IllegalStateException("full suite failed: " + all.output().text());
                }
            }
        }
        double t = percentile(targeted, 50);
        double f = percentile(full, 50);
        System.out.printf("targeted one test (-Dtest, -pl app -am, report parsing) median of %d: %.0f ms%n", repetitions, t);
        System.out.printf("full `mvn -o test` of the same repo median of %d: %.0f ms%n", repetitions, f);
        System.out.printf("ratio full/targeted: %.2f%n", f / t);
        System.out.println("tool versions: " + env.toolVersions().lines().findFirst().orElse("?"));
        docker.provider().close();
    }

    private static void require(TestRunResult r) {
        if (!(r instanceof TestRunResult.Ran)) {
            throw new IllegalStateException("targeted run did not run: " + r);
        }
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
