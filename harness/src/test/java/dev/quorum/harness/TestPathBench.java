package dev.quorum.harness;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.Command;
import dev.quorum.sandbox.CompiledState;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.ExecResult;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.SandboxSpec;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.tasks.FixtureTasks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wall time of one candidate's test run four ways, per repository: (a) Maven in a sandbox from the env image
 * (today's path), (b) Maven with the compiled state copied into the workspace, (c) the direct runner, (d) the
 * floor: one JVM running the same tests on the resolved class path, nothing compiled. Sandbox creation, copying
 * the repository in and applying the candidate are outside the timings (the same for all four). Run by
 * {@code bench/test-path.sh [GSON_MIRROR]}.
 */
public final class TestPathBench {
    private static final Duration LIMIT = Duration.ofMinutes(20);
    // Where the compiled-state layer keeps its files (StateManifest in the sandbox module).
    private static final String TREE = "/home/quorum/.quorum-state/tree";

    /** A repository, its candidate (gold) patches, the empty control's patches (null: none) and the tests. */
    record Candidate(String name, Path repo, BuildHints hints, List<Patch> patches, List<Patch> emptyPatches,
                     List<TestId> tests) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("quorum-test-path-bench");
        List<Candidate> candidates = new ArrayList<>();
        if (args.length > 0) {
            candidates.add(gson(Path.of(args[0]), dir.resolve("gson")));
        }
        boolean gsonOnly = args.length > 1 && args[1].equals("--gson-only");
        for (Task t : gsonOnly ? List.<Task>of() : FixtureTasks.materialize(dir.resolve("fixtures"))) {
            candidates.add(new Candidate(t.instanceId(), Path.of(t.repo().spec()), t.build(),
                    List.of(t.testPatch(), t.patch()), List.of(t.testPatch()), t.testsToRun()));
        }
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        Environments plain = docker.environments();
        Environments layered = plain.withCompiledState();
        System.out.printf("%-22s %9s %9s %9s %9s %7s %7s %7s %7s  %s%n", "candidate", "(a) mvn", "(b) mvn+cs",
                "(c) direct", "(d) floor", "a/d", "b/d", "c/d", "a/c", "trusted / runner / parity a=c gold; empty");
        for (Candidate c : candidates) {
            String envTag = plain.ensureEnv(c.repo(), c.hints()).tag();
            CompiledState state = layered.ensureCompiledState(c.repo(), c.hints());
            Timed a = timed(docker, envTag, c, c.patches(), null, s -> maven(s, c), null);
            Timed b = timed(docker, state.tag(), c, c.patches(), s -> {
                s.run(Command.shell(Duration.ofMinutes(5), "cd " + TREE + " && for d in $(find . -name target"
                        + " -type d -prune); do rm -rf /workspace/$d; mkdir -p /workspace/$(dirname $d);"
                        + " cp -a $d /workspace/$d; done"));
                return null;
            }, s -> maven(s, c), null);
            double[] floor = new double[1];
            Timed direct = timed(docker, state.tag(), c, c.patches(), null, s -> direct(s, c),
                    s -> floor[0] = floor(s));
            String parity = parity(a.result(), direct.result());
            if (c.emptyPatches() != null) {
                Timed emptyMaven = timed(docker, envTag, c, c.emptyPatches(), null, s -> maven(s, c), null);
                Timed emptyDirect = timed(docker, state.tag(), c, c.emptyPatches(), null, s -> direct(s, c), null);
                parity += "; " + parity(emptyMaven.result(), emptyDirect.result()) + String.format(Locale.ROOT,
                        " (empty: mvn %.2f s, direct %.2f s)", emptyMaven.seconds(), emptyDirect.seconds());
            }
            double d = floor[0];
            System.out.printf(Locale.ROOT, "%-22s %9.2f %9.2f %9.2f %9.2f %7.1f %7.1f %7.1f %7.1f  %s / %s / %s%n",
                    c.name(), a.seconds(), b.seconds(), direct.seconds(), d, a.seconds() / d, b.seconds() / d,
                    direct.seconds() / d, a.seconds() / direct.seconds(), state.trusted(), direct.result().runner(),
                    parity);
        }
        System.exit(0);
    }

    private static TestRunResult maven(Sandbox s, Candidate c) {
        return TestRunner.maven().run(s, "", c.tests(), c.hints(), LIMIT);
    }

    private static TestRunResult direct(Sandbox s, Candidate c) {
        return TestRunner.direct().run(s, "", c.tests(), c.hints(), LIMIT);
    }

    /** "same (N tests)" when Maven and the direct runner give every test the same outcome, else the differences. */
    private static String parity(TestRunResult maven, TestRunResult direct) {
        if (!(maven instanceof TestRunResult.Ran m) || !(direct instanceof TestRunResult.Ran d)) {
            return maven.getClass().getSimpleName() + " vs " + direct.getClass().getSimpleName();
        }
        Map<TestId, TestStatus> byMaven = RunnerParityFixturesTest.outcomes(m);
        Map<TestId, TestStatus> byDirect = RunnerParityFixturesTest.outcomes(d);
        if (byMaven.equals(byDirect)) {
            return "same (" + byMaven.size() + " tests, " + byMaven.values().stream()
                    .filter(t -> t == TestStatus.PASSED).count() + " passed)";
        }
        Map<TestId, String> diff = new TreeMap<>();
        java.util.Set<TestId> all = new java.util.TreeSet<>(byMaven.keySet());
        all.addAll(byDirect.keySet());
        all.stream().filter(t -> byMaven.get(t) != byDirect.get(t))
                .forEach(t -> diff.put(t, byMaven.get(t) + "/" + byDirect.get(t)));
        return "DIFFERENT (maven/direct): " + diff;
    }

    /** The floor: the direct runner's own JVM command again, everything compiled, nothing to copy. */
    private static double floor(Sandbox s) {
        long start = System.nanoTime();
        ExecResult r = s.run(Command.shell(LIMIT, "cd /tmp/quorum/direct && for a in java-*.args; do"
                + " i=${a#java-}; i=${i%.args}; w=$(cat workdir-$i 2>/dev/null || echo /workspace);"
                + " (cd $w && java @/tmp/quorum/direct/$a QuorumDirectRunner /tmp/quorum/floor-$i"
                + " /tmp/quorum/direct/selection-$i) >/dev/null; done;"
                // A failing test makes the runner exit non-zero; the floor counts when it reported its tests.
                + " find /tmp/quorum/floor-* -name 'TEST-*.xml' | grep -q ."));
        if (!r.succeeded()) {
            System.err.println("floor run failed: " + r.output().text());
            return Double.NaN;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    interface Step {
        Object run(Sandbox s);
    }

    record Timed(double seconds, TestRunResult result) {
    }

    private static Timed timed(DockerTestEnvironment docker, String image, Candidate c, List<Patch> patches,
                               Step prepare, Step run, Step after) {
        try (Sandbox s = docker.provider().create(SandboxSpec.of(image))) {
            s.copyIn(c.repo(), "");
            patches.forEach(p -> s.applyPatch(p, ""));
            if (prepare != null) {
                prepare.run(s);
            }
            long start = System.nanoTime();
            TestRunResult result = (TestRunResult) run.run(s);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (result instanceof TestRunResult.Ran ran && ran.requested().isEmpty()) {
                System.err.println(c.name() + ": nothing ran");
            } else if (!(result instanceof TestRunResult.Ran)) {
                System.err.println(c.name() + ": " + result);
            }
            if (after != null) {
                after.run(s);
            }
            return new Timed(seconds, result);
        }
    }

    /**
     * gson at the mirror's HEAD; the candidate changes one line of a main class; three test classes run. The
     * build profile keeps Maven to the gson module ({@code -pl gson}): a whole-reactor {@code test} fails on
     * gson's test-jpms module, which needs the packaged gson jar.
     */
    private static Candidate gson(Path mirror, Path dest) throws Exception {
        run(dest.getParent(), "git", "clone", "-q", mirror.toString(), dest.toString());
        Path file = dest.resolve("gson/src/main/java/com/google/gson/JsonPrimitive.java");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replaceFirst("(?m)^(public final class JsonPrimitive)",
                "// candidate edit\n$1"), StandardCharsets.UTF_8);
        Patch patch = Patch.ofText(run(dest, "git", "diff"));
        run(dest, "git", "checkout", "--", ".");
        return new Candidate("gson", dest, new BuildHints("maven", "gson", null, List.of("-pl", "gson")),
                List.of(patch), null,
                List.of(TestId.ofClass("com.google.gson.JsonPrimitiveTest"),
                        TestId.ofClass("com.google.gson.GsonTest"),
                        TestId.ofClass("com.google.gson.functional.PrimitiveTest")));
    }

    private static String run(Path dir, String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }
}
