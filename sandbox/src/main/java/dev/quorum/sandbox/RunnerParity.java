package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Parity before trust: runs a sample of the repository's test classes with Maven and with the direct runner at
 * the base commit, in a sandbox without network, and compares the outcomes test by test.
 */
final class RunnerParity {
    static final int SAMPLE_CLASSES = 30;
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private RunnerParity() {
    }

    static StateManifest.Verdict check(DockerClient docker, Ownership owner, String image, Path repo,
                                       BuildHints hints) {
        String id = docker.createContainerCmd(image).withCmd("sleep", "infinity")
                .withUser(DockerImages.UID + ":" + DockerImages.GID).withWorkingDir(DockerSandbox.WORKSPACE)
                .withNetworkDisabled(true).withLabels(owner.labels("state-parity"))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withInit(true)
                        .withSecurityOpts(List.of("no-new-privileges")))
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            DockerSandbox box = new DockerSandbox(docker, id, new Isolation(true, "docker", "none",
                    DockerImages.USER, SandboxSpec.Limits.defaults(), List.of("parity check")),
                    SandboxSpec.DEFAULT_OUTPUT_CAP, () -> { });
            box.run(Command.of(Duration.ofSeconds(30), "mkdir", "-p", box.scratchDir()));
            box.copyIn(repo, "");
            TestRunner maven = TestRunner.maven();
            DirectTestRunner direct = new DirectTestRunner(maven);
            StateManifest state = direct.manifest(box);
            if (state == null) {
                return new StateManifest.Verdict(false, "the compiled state has no manifest");
            }
            List<TestId> sample = DirectTestRunner.sample(state, SAMPLE_CLASSES);
            if (sample.isEmpty()) {
                List<String> unsupported = state.modules().stream().filter(m -> m.unsupported() != null)
                        .map(m -> (m.dir().isEmpty() ? "the root module" : m.dir()) + ": " + m.unsupported())
                        .toList();
                return new StateManifest.Verdict(false, unsupported.isEmpty()
                        ? "no test class to compare the runners on"
                        : "no module the direct runner supports (" + String.join("; ", unsupported) + ")");
            }
            TestRunResult byMaven = maven.run(box, "", sample, hints, LIMIT);
            TestRunResult byDirect = direct.run(box, "", sample, hints, LIMIT);
            return verdict(sample.size(), byMaven, byDirect);
        } finally {
            Reaper.remove(docker, id);
        }
    }

    static StateManifest.Verdict verdict(int classes, TestRunResult maven, TestRunResult direct) {
        if (!(maven instanceof TestRunResult.Ran m)) {
            return new StateManifest.Verdict(false, "Maven did not run the sample at the base commit: "
                    + describe(maven));
        }
        if (!(direct instanceof TestRunResult.Ran d) || !d.runner().equals(DirectTestRunner.NAME)) {
            return new StateManifest.Verdict(false, "the direct runner did not run the sample: " + describe(direct));
        }
        List<String> differences = differences(m, d);
        if (m.reported().isEmpty()) {
            return new StateManifest.Verdict(false, "Maven reported no test in the sample of " + classes
                    + " classes");
        }
        if (!differences.isEmpty()) {
            return new StateManifest.Verdict(false, differences.size() + " of " + m.reported().size()
                    + " tests differ, e.g. " + String.join("; ", differences.subList(0,
                    Math.min(5, differences.size()))));
        }
        return new StateManifest.Verdict(true, "same outcomes as Maven for all " + m.reported().size()
                + " tests of " + classes + " sampled classes (Maven " + m.elapsed().toMillis() + " ms, direct "
                + d.elapsed().toMillis() + " ms)");
    }

    /** Per test id, {@code id: maven=X direct=Y} wherever the two runs disagree (a test only one ran included). */
    static List<String> differences(TestRunResult.Ran maven, TestRunResult.Ran direct) {
        Map<TestId, TestStatus> a = byTest(maven);
        Map<TestId, TestStatus> b = byTest(direct);
        List<String> out = new ArrayList<>();
        TreeSet<TestId> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        for (TestId t : all) {
            TestStatus x = a.getOrDefault(t, TestStatus.MISSING);
            TestStatus y = b.getOrDefault(t, TestStatus.MISSING);
            if (x != y) {
                out.add(t + ": maven=" + x + " direct=" + y);
            }
        }
        maven.requested().forEach((t, x) -> {
            TestStatus y = direct.requested().getOrDefault(t, TestStatus.MISSING);
            if (x != y) {
                out.add("requested " + t + ": maven=" + x + " direct=" + y);
            }
        });
        return out;
    }

    private static Map<TestId, TestStatus> byTest(TestRunResult.Ran ran) {
        Map<TestId, TestStatus> m = new TreeMap<>();
        for (ReportedTest r : ran.reported()) {
            m.merge(r.id(), r.status(), TestStatus::combine);
        }
        return m;
    }

    private static String describe(TestRunResult r) {
        return switch (r) {
            case TestRunResult.Ran ran -> "ran with " + ran.runner();
            case TestRunResult.BuildFailed f -> "build failed (" + f.runner() + "): "
                    + String.join("; ", f.errors().subList(0, Math.min(3, f.errors().size())));
            case TestRunResult.TimedOut t -> "timed out after " + t.limit();
            case TestRunResult.Invalid i -> "invalid run (" + i.runner() + "): " + i.reason();
        };
    }
}
