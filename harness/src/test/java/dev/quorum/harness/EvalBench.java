package dev.quorum.harness;

import dev.quorum.core.Task;
import dev.quorum.sandbox.Command;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.EnvImage;
import dev.quorum.sandbox.ExecResult;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.SandboxSpec;
import dev.quorum.tasks.FixtureTasks;
import dev.quorum.tasks.RepoCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Seconds per instance: the harness's targeted evaluation (gold patch, FAIL_TO_PASS ∪ PASS_TO_PASS only) against
 * the same instance with the repository's full test suite ({@code mvn -o test}), on the bundled fixture tasks,
 * one instance at a time, env images warm. Run by {@code bench/eval-bench.sh}.
 */
public final class EvalBench {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path dir = Files.createTempDirectory("quorum-eval-bench");
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        List<Task> tasks = FixtureTasks.materialize(dir.resolve("fixtures"));
        Path tasksFile = dir.resolve("fixtures/tasks.jsonl");
        RepoCache repos = new RepoCache(dir.resolve("cache"));
        Evaluator evaluator = Evaluator.using(docker.environments(), docker.provider());
        // Warm-up: env images and mirrors, so neither side pays for them.
        evaluator.evaluate(EvalRequest.gold(tasksFile, "warmup").withRunsDir(dir.resolve("runs")).withWorkers(1)
                .withCacheDir(dir.resolve("cache")));

        System.out.printf("%-18s %10s %10s %7s %10s %10s%n", "instance", "targeted", "full", "ratio", "tests(t)",
                "tests(f)");
        double sumTargeted = 0;
        double sumFull = 0;
        for (Task task : tasks) {
            List<Double> targeted = new ArrayList<>();
            List<Double> full = new ArrayList<>();
            int fullTests = 0;
            for (int round = 0; round < rounds; round++) {
                EvalReport r = evaluator.evaluate(EvalRequest.gold(tasksFile, "t-" + round + "-" + task.instanceId())
                        .withRunsDir(dir.resolve("runs")).withCacheDir(dir.resolve("cache")).withWorkers(1)
                        .withInstances(List.of(task.instanceId())));
                InstanceResult result = r.instances().getFirst();
                if (result.outcome() != Outcome.RESOLVED_FULL) {
                    throw new IllegalStateException(task.instanceId() + " gold did not resolve: " + result);
                }
                targeted.add(result.seconds());
                long start = System.nanoTime();
                Path checkout = repos.checkout(task.repo(), task.baseCommit(),
                        dir.resolve("full-" + round + "-" + task.instanceId()));
                EnvImage env = docker.environments().ensureEnv(checkout, task.build());
                try (Sandbox sandbox = docker.provider().create(SandboxSpec.of(env.tag()))) {
                    sandbox.copyIn(checkout, "");
                    if (!sandbox.applyPatch(task.patch(), "").applied()
                            || !sandbox.applyPatch(task.testPatch(), "").applied()) {
                        throw new IllegalStateException("patches do not apply to " + task.instanceId());
                    }
                    String module = task.build().module() == null ? "" : " -pl " + task.build().module() + " -am";
                    ExecResult run = sandbox.run(Command.shell(Duration.ofMinutes(10),
                            "mvn -B -o -Dstyle.color=never" + module + " test"));
                    if (!run.succeeded()) {
                        throw new IllegalStateException("full suite failed for " + task.instanceId() + ":\n"
                                + run.output().text());
                    }
                    fullTests = countTests(run.output().text());
                }
                full.add((System.nanoTime() - start) / 1e9);
            }
            double t = median(targeted);
            double f = median(full);
            sumTargeted += t;
            sumFull += f;
            System.out.printf(Locale.ROOT, "%-18s %9.1fs %9.1fs %7.2f %10d %10d%n", task.instanceId(), t, f, t / f,
                    task.testsToRun().size(), fullTests);
        }
        System.out.printf(Locale.ROOT, "%-18s %9.1fs %9.1fs %7.2f%n", "mean", sumTargeted / tasks.size(),
                sumFull / tasks.size(), sumTargeted / sumFull);
        System.exit(0);
    }

    /** Total of Surefire's "Tests run: N" summary lines in the console output. */
    private static int countTests(String log) {
        return log.lines().filter(l -> l.startsWith("[INFO] Tests run:") || l.startsWith("[WARNING] Tests run:"))
                .filter(l -> !l.contains(" in "))
                .map(l -> l.replaceAll(".*Tests run: (\\d+).*", "$1")).mapToInt(Integer::parseInt).sum();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().collect(Collectors.toList());
        return sorted.get(sorted.size() / 2);
    }

    private EvalBench() {
    }

}
