package dev.quorum.harness;

import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.SandboxException;
import dev.quorum.sandbox.SandboxInfraException;
import dev.quorum.sandbox.SandboxLimitException;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.SandboxSpec;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.sandbox.UnsupportedBuildException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** One instance from input to grade: prepare → apply → run → grade. Never throws: failures become outcomes. */
final class Instances {
    private final Prepare prepare;
    private final SandboxProvider provider;
    private final TestRunner runner;

    Instances(Prepare prepare, SandboxProvider provider, TestRunner runner) {
        this.prepare = prepare;
        this.provider = provider;
        this.runner = runner;
    }

    /** @param strict also reset the build files the patch changed (see {@link Apply}) */
    InstanceResult evaluate(Task task, String model, Patch patch, RunLayout layout, Duration timeout, boolean strict) {
        long start = System.nanoTime();
        InstanceLogs logs = layout.logs(task.instanceId());
        Path work = layout.work(task.instanceId());
        Attempt attempt = new Attempt(task, model, start, logs);
        try {
            logs.clear();
            return switch (prepare.prepare(task, work)) {
                case Prepare.Prepared.Failed failed -> attempt.result(Outcome.ENV_FAILED, Map.of(), failed.reason(), "");
                // An engine or pod lost under the sandbox: the instance starts over in a fresh one (elsewhere).
                case Prepare.Prepared.Ready ready -> provider.withSandbox(SandboxSpec.of(ready.env().tag()),
                        SandboxProvider.INFRA_ATTEMPTS, sandbox -> {
                            sandbox.copyIn(ready.checkout(), "");
                            return applyRunGrade(attempt, sandbox, patch, timeout, ready.env().toolVersions(),
                                    strict);
                        });
            };
        } catch (SandboxLimitException e) {
            // The code under test passed a sandbox limit (its disk): no verdict, and no retry on resume.
            return attempt.result(Outcome.RUN_INVALID, Map.of(), e.getMessage(), "");
        } catch (SandboxInfraException e) {
            return attempt.result(Outcome.INFRA_FAILED, Map.of(), "infrastructure failed "
                    + SandboxProvider.INFRA_ATTEMPTS + " times: " + e.getMessage(), "");
        } catch (UnsupportedBuildException e) {
            return attempt.result(Outcome.ENV_FAILED, Map.of(), "unsupported build: " + e.getMessage(), "");
        } catch (SandboxException | UncheckedIOException e) {
            return attempt.result(Outcome.ENV_FAILED, Map.of(), "sandbox failed: " + e.getMessage(), "");
        } catch (RuntimeException e) {
            // A bug or an engine hiccup must cost one instance, not the run; a re-run retries ENV_FAILED.
            return attempt.result(Outcome.ENV_FAILED, Map.of(), "unexpected " + e, "");
        } finally {
            try {
                Prepare.cleanUp(work);
            } catch (UncheckedIOException ignored) {
                // the next attempt at this instance removes it before checking out
            }
        }
    }

    private InstanceResult applyRunGrade(Attempt attempt, Sandbox sandbox, Patch patch, Duration timeout,
                                         String envTools, boolean strict) {
        Task task = attempt.task();
        switch (Apply.apply(sandbox, patch, task.testPatch(), attempt.logs(), strict)) {
            case Apply.Applied.PatchRejected rejected -> {
                return attempt.result(Outcome.PATCH_APPLY_FAILED, Map.of(), rejected.reason(), envTools);
            }
            case Apply.Applied.TestPatchRejected rejected -> {
                return attempt.result(Outcome.ENV_FAILED, Map.of(), rejected.reason(), envTools);
            }
            case Apply.Applied.ResetFailed failed -> {
                return attempt.result(Outcome.ENV_FAILED, Map.of(), failed.reason(), envTools);
            }
            case Apply.Applied.Ready ready -> {
                TestRunResult run = RunTests.run(runner, sandbox, task, timeout, attempt.logs(), "tests");
                Grade.Graded graded = Grade.grade(task, run);
                String tools = run instanceof TestRunResult.Ran ran ? ran.toolVersions() : envTools;
                return attempt.result(graded.outcome(), graded.tests(), graded.error(), tools, ready.integrity());
            }
        }
    }

    private record Attempt(Task task, String model, long startNanos, InstanceLogs logs) {
        InstanceResult result(Outcome outcome, Map<String, TestStatus> tests, String error,
                              String tools) {
            return result(outcome, tests, error, tools, Apply.Integrity.CLEAN);
        }

        InstanceResult result(Outcome outcome, Map<String, TestStatus> tests, String error,
                              String tools, Apply.Integrity integrity) {
            double seconds = Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
            if (error != null) {
                try {
                    logs.write("error.log", outcome + ": " + error + "\n");
                } catch (UncheckedIOException ignored) {
                    // the error travels in the result anyway
                }
            }
            return new InstanceResult(task.instanceId(), model, outcome, tests, seconds, error, tools,
                    integrity.testsReset(), integrity.buildFilesChanged(), integrity.buildFilesReset());
        }
    }
}
