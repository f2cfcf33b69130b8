package dev.quorum.harness;

import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.harness.ValidationReport.TaskValidation;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.SandboxException;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.SandboxSpec;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks that tasks can grade anything: with the same steps as an evaluation, each task runs its tests on
 * base + test patch (FAIL_TO_PASS must fail, PASS_TO_PASS pass) and on base + fix + test patch (all must pass),
 * several times in one sandbox each, so that tests whose status flips show up as flaky.
 */
final class Validate {
    private final Prepare prepare;
    private final SandboxProvider provider;
    private final TestRunner runner;

    Validate(Prepare prepare, SandboxProvider provider, TestRunner runner) {
        this.prepare = prepare;
        this.provider = provider;
        this.runner = runner;
    }

    ValidationReport run(ValidationRequest request) {
        TaskInput input = TaskInput.read(request.tasks());
        List<String> inputErrors = input.errors();
        List<Task> selected = input.select(request.tasks(), request.instanceIds());
        RunLayout layout = new RunLayout(request.logsDir());
        List<TaskValidation> results = new ArrayList<>();
        if (!selected.isEmpty()) {
            int workers = Math.min(Workers.resolve(request.workers()), selected.size());
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                List<Callable<TaskValidation>> jobs = selected.stream()
                        .<Callable<TaskValidation>>map(t -> () -> validate(t, request, layout)).toList();
                for (Future<TaskValidation> f : pool.invokeAll(jobs)) {
                    results.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("validation interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return new ValidationReport(results, inputErrors, summary(results, inputErrors, request.runs()));
    }

    /** Statuses of every run of one condition, and what kept it from running. */
    private record Condition(Map<String, List<TestStatus>> statuses, List<String> problems, List<String> buildErrors) {
        boolean compiled() {
            return buildErrors.isEmpty();
        }
    }

    TaskValidation validate(Task task, ValidationRequest request, RunLayout layout) {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> flaky = new ArrayList<>();
        Map<String, List<TestStatus>> without = Map.of();
        Map<String, List<TestStatus>> with = Map.of();
        InstanceLogs logs = layout.logs(task.instanceId());
        var work = layout.work(task.instanceId());
        try {
            logs.clear();
            if (task.patch().isEmpty()) {
                problems.add("the task has no reference fix to validate against");
            } else {
                switch (prepare.prepare(task, work)) {
                    case Prepare.Prepared.Failed failed -> problems.add(failed.reason());
                    case Prepare.Prepared.Ready ready -> {
                        Condition before = condition(ready, task, Patch.empty(), "without fix", request, logs);
                        Condition after = condition(ready, task, task.patch(), "with fix", request, logs);
                        without = before.statuses();
                        with = after.statuses();
                        judge(task, before, after, problems, notes, flaky);
                    }
                }
            }
        } catch (SandboxException | UncheckedIOException e) {
            problems.add("sandbox failed: " + e.getMessage());
        } finally {
            try {
                Prepare.cleanUp(work);
            } catch (UncheckedIOException ignored) {
                // removed before the next checkout anyway
            }
        }
        double seconds = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
        return new TaskValidation(task.instanceId(), problems, flaky, notes, without, with, seconds);
    }

    private Condition condition(Prepare.Prepared.Ready ready, Task task, Patch fix, String label,
                                ValidationRequest request, InstanceLogs logs) {
        Map<String, List<TestStatus>> statuses = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        List<String> buildErrors = new ArrayList<>();
        try (Sandbox sandbox = provider.create(SandboxSpec.of(ready.env().tag()))) {
            sandbox.copyIn(ready.checkout(), "");
            switch (Apply.apply(sandbox, fix, task.testPatch(), logs, false)) {
                case Apply.Applied.PatchRejected r -> problems.add("the reference fix does not apply: " + r.reason());
                case Apply.Applied.TestPatchRejected r -> problems.add(r.reason() + " (" + label + ")");
                case Apply.Applied.ResetFailed r -> problems.add(r.reason() + " (" + label + ")");
                case Apply.Applied.Ready ready1 -> {
                    for (int i = 1; i <= request.runs(); i++) {
                        TestRunResult result = RunTests.run(runner, sandbox, task, request.testTimeout(), logs,
                                label + ", run " + i);
                        if (result instanceof TestRunResult.Ran ran) {
                            for (TestId id : task.testsToRun()) {
                                statuses.computeIfAbsent(id.toString(), k -> new ArrayList<>())
                                        .add(ran.requested().getOrDefault(id, TestStatus.MISSING));
                            }
                        } else if (result instanceof TestRunResult.BuildFailed failed) {
                            // Compiling is deterministic: another run would say the same.
                            buildErrors.addAll(failed.errors());
                            break;
                        } else if (result instanceof TestRunResult.Invalid invalid) {
                            problems.add("the test run " + label + " is not usable: " + invalid.reason());
                            break;
                        } else {
                            problems.add("the test run " + label + " timed out");
                            break;
                        }
                    }
                }
            }
        }
        return new Condition(statuses, problems, buildErrors);
    }

    private static void judge(Task task, Condition before, Condition after, List<String> problems, List<String> notes,
                              List<String> flaky) {
        problems.addAll(before.problems());
        problems.addAll(after.problems());
        flaky.addAll(flips(before.statuses(), "without fix"));
        flaky.addAll(flips(after.statuses(), "with fix"));
        if (!before.compiled()) {
            notes.add("base + test patch does not compile (usual when the tests use API the fix adds), so"
                    + " PASS_TO_PASS could not be checked without the fix: " + before.buildErrors().getFirst());
        } else if (before.problems().isEmpty()) {
            for (TestId t : task.failToPass()) {
                if (steady(before.statuses(), t) == TestStatus.PASSED) {
                    problems.add("FAIL_TO_PASS " + t + " passes without the fix");
                }
            }
            for (TestId t : task.passToPass()) {
                TestStatus s = steady(before.statuses(), t);
                if (s != null && s != TestStatus.PASSED) {
                    problems.add("PASS_TO_PASS " + t + " does not pass without the fix (" + s + ")");
                }
            }
        }
        if (!after.compiled()) {
            problems.add("base + fix + test patch does not compile: " + after.buildErrors().getFirst());
        } else if (after.problems().isEmpty()) {
            for (TestId t : task.testsToRun()) {
                TestStatus s = steady(after.statuses(), t);
                if (s != null && s != TestStatus.PASSED) {
                    String kind = task.failToPass().contains(t) ? "FAIL_TO_PASS " : "PASS_TO_PASS ";
                    problems.add(kind + t + " does not pass with the fix (" + s + ")");
                }
            }
        }
    }

    /** The one status a test had in every run, or null when it flipped (then it is reported as flaky). */
    private static TestStatus steady(Map<String, List<TestStatus>> statuses, TestId test) {
        List<TestStatus> seen = statuses.getOrDefault(test.toString(), List.of());
        Set<TestStatus> distinct = new LinkedHashSet<>(seen);
        return distinct.size() == 1 ? distinct.iterator().next() : null;
    }

    private static List<String> flips(Map<String, List<TestStatus>> statuses, String label) {
        List<String> flipped = new ArrayList<>();
        statuses.forEach((test, seen) -> {
            if (new LinkedHashSet<>(seen).size() > 1) {
                flipped.add(test + " (" + label + ": " + seen + ")");
            }
        });
        return flipped;
    }

    private static String summary(List<TaskValidation> results, List<String> inputErrors, int runs) {
        long valid = results.stream().filter(TaskValidation::valid).count();
        StringBuilder md = new StringBuilder("# Task validation\n\n");
        md.append(String.format(Locale.ROOT, "**%d of %d** tasks valid (%d run%s per condition).%n%n", valid,
                results.size(), runs, runs == 1 ? "" : "s"));
        md.append("| instance | valid | problems | flaky | seconds |\n|---|---|---:|---:|---:|\n");
        for (TaskValidation v : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f |%n", v.instanceId(),
                    v.valid() ? "yes" : "NO", v.problems().size(), v.flaky().size(), v.seconds()));
        }
        for (TaskValidation v : results) {
            if (v.problems().isEmpty() && v.flaky().isEmpty() && v.notes().isEmpty()) {
                continue;
            }
            md.append("\n## ").append(v.instanceId()).append("\n\n");
            v.problems().forEach(p -> md.append("- problem: ").append(p).append('\n'));
            v.flaky().forEach(p -> md.append("- flaky: ").append(p).append('\n'));
            v.notes().forEach(p -> md.append("- note: ").append(p).append('\n'));
        }
        if (!inputErrors.isEmpty()) {
            md.append("\nInput lines that could not be read (").append(inputErrors.size()).append("):\n\n");
            inputErrors.forEach(e -> md.append("- ").append(e).append('\n'));
        }
        return md.toString();
    }
}
