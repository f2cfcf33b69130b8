package dev.quorum.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Benchmark (not a test): see bench/pool-bench.sh and docs/BENCHMARKS.md, "Docker pool". */
public final class PoolBench {
    private static final SandboxSpec.Limits LIMITS = new SandboxSpec.Limits(1.0, 256L << 20, 256, 256L << 20);

    private PoolBench() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        String base = docker.base().tag();
        SandboxSpec spec = new SandboxSpec(base, LIMITS, 1 << 16);
        try (SecondDockerEngine second = SecondDockerEngine.start()) {
            long bytes = docker.engine().client().inspectImageCmd(base).exec().getSize();
            long start = System.nanoTime();
            new ImageTransfer().ensure(base, second.engine(), List.of(docker.engine()));
            double copySeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("image copy (save -> load) of %s, %d MB: %.1f s (%.0f MB/s)%n", base, bytes >> 20,
                    copySeconds, (bytes >> 20) / copySeconds);

            System.out.printf("create->run(true)->destroy over %d, one engine: %s%n", iterations,
                    lifecycle(docker.provider(), spec, iterations));
            try (DockerPoolProvider pool = new DockerPoolProvider(List.of(docker.engine(), second.engine()))) {
                System.out.printf("create->run(true)->destroy over %d, pool of two: %s%n", iterations,
                        lifecycle(pool, spec, iterations));
                System.out.printf("%d jobs of 5 s, pool of two, no failure: %.1f s wall%n", jobs,
                        jobs(pool, spec, jobs, null));
                System.out.printf("%d jobs of 5 s, second engine stopped 2 s in: %.1f s wall%n", jobs,
                        jobs(pool, spec, jobs, second));
            }
        }
        System.exit(0);
    }

    private static String lifecycle(SandboxProvider provider, SandboxSpec spec, int iterations) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            try (Sandbox s = provider.create(spec)) {
                s.run(Command.of(Duration.ofSeconds(30), "true"));
            }
            ms.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(ms);
        return String.format("p50 %.0f ms, p95 %.0f ms, min %.0f ms", ms.get(ms.size() / 2),
                ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.95) - 1)), ms.get(0));
    }

    /** Wall seconds for jobs that each hold a sandbox 5 s; {@code stop} is stopped 2 s in when given. */
    private static double jobs(DockerPoolProvider pool, SandboxSpec spec, int jobs, SecondDockerEngine stop)
            throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(jobs);
        long start = System.nanoTime();
        List<Future<Boolean>> done = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            done.add(workers.submit(() -> pool.withSandbox(spec, SandboxProvider.INFRA_ATTEMPTS,
                    s -> s.run(Command.of(Duration.ofSeconds(60), "sleep", "5")).succeeded())));
        }
        if (stop != null) {
            Thread.sleep(2_000);
            stop.stop();
        }
        for (Future<Boolean> f : done) {
            if (!f.get()) {
                throw new IllegalStateException("a job failed");
            }
        }
        workers.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }
}
