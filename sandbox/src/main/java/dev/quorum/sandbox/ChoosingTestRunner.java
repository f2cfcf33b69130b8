package dev.quorum.sandbox;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Json;
import dev.quorum.core.TestId;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runner chosen per repository: the direct runner where the sandbox's image holds a compiled state whose
 * parity check passed, Maven everywhere else (no state, an untrusted one, the local backend).
 */
final class ChoosingTestRunner implements TestRunner {
    private final TestRunner maven;
    private final DirectTestRunner direct;
    private final Map<String, Boolean> trustedBySandbox = new ConcurrentHashMap<>();

    ChoosingTestRunner(TestRunner maven) {
        this.maven = maven;
        this.direct = new DirectTestRunner(maven);
    }

    @Override
    public TestRunResult run(Sandbox sandbox, String dir, List<TestId> tests, BuildHints hints, Duration timeout) {
        boolean trusted = trustedBySandbox.computeIfAbsent(sandbox.id(), id -> trusted(sandbox));
        return (trusted ? direct : maven).run(sandbox, dir, tests, hints, timeout);
    }

    private static boolean trusted(Sandbox sandbox) {
        try {
            return Json.mapper().readValue(sandbox.readFile(StateManifest.VERDICT), StateManifest.Verdict.class)
                    .trusted();
        } catch (SandboxException | IOException noVerdict) {
            return false;
        }
    }
}
