package dev.quorum.agent;

import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import dev.quorum.model.ToolSpec;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code run_tests}: the named tests (or a test file's class) in the trajectory's sandbox. */
record RunTestsTool(Worktree worktree, SandboxSession sandbox, TestRunner tests, BuildHints build, Duration timeout)
        implements Tool {
    static final ToolSpec SPEC = ToolSpec.of("run_tests", "Run tests in the sandbox: test ids like"
            + " com.acme.FooTest or com.acme.FooTest#bar, or the path of a test file you wrote.", """
            {"type":"object","properties":{"tests":{"type":"array","items":{"type":"string"}},"file":{"type":"string"}}}""");

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public String run(ToolArgs args) {
        List<TestId> ids = new ArrayList<>(args.strings("tests").stream().map(TestIds::parse).toList());
        String file = args.textOr("file", "");
        if (!file.isBlank()) {
            ids.add(TestIds.ofFile(worktree.relative(worktree.resolve(file))));
        }
        if (ids.isEmpty()) {
            throw new ToolError("give 'tests' (ids like com.acme.FooTest#bar) or 'file' (a test file path)");
        }
        return switch (tests.run(sandbox.ready(), "", ids, build, timeout)) {
            case TestRunResult.Ran ran -> TestIds.describe(ran);
            case TestRunResult.BuildFailed failed -> (failed.compilation() ? "COMPILATION FAILED" : "BUILD FAILED")
                    + ":\n" + String.join("\n", failed.errors());
            case TestRunResult.TimedOut t -> throw new ToolError("the test run timed out after " + t.limit()
                    .toSeconds() + " s and was killed; run fewer tests (a fresh sandbox is started next time)");
            case TestRunResult.Invalid invalid -> "TEST RUN NOT USABLE: " + invalid.reason();
        };
    }
}
