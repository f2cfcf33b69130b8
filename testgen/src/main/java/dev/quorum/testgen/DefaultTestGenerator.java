package dev.quorum.testgen;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.model.ChatOutcome;
import dev.quorum.model.ModelClient;
import dev.quorum.sandbox.ReportedTest;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.SandboxSpec;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Writes tests with the model in parallel, then validates each in its own sandbox. */
final class DefaultTestGenerator implements TestGenerator {
    private final ModelClient model;
    private final SandboxProvider sandboxes;
    private final TestRunner tests;

    DefaultTestGenerator(ModelClient model, SandboxProvider sandboxes, TestRunner tests) {
        this.model = model;
        this.sandboxes = sandboxes;
        this.tests = tests;
    }

    /** A reproduction test that was kept, or why not. */
    private sealed interface Verdict {
        record Kept(ReproductionTest test) implements Verdict {
        }

        record Rejected(RejectedTest test) implements Verdict {
        }
    }

    @Override
    public Reproductions reproduce(ReproductionRequest request) {
        String context = request.localization() == null ? "" : request.localization().context().text();
        String issue = request.issue().fullText();
        TestStyle style = TestStyle.detect(request.checkout(), request.localization(), request.build());
        List<ChatOutcome> answers = inParallel(request.attempts(),
                k -> ReproductionWriter.ask(model, issue, context, style, k));
        List<Verdict> verdicts = new ArrayList<>();
        List<GeneratedTest> toValidate = new ArrayList<>();
        List<Integer> attemptOf = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int k = 0; k < answers.size(); k++) {
            String id = "repro-" + k;
            switch (answers.get(k)) {
                case ChatOutcome.Completed c -> {
                    var parsed = GeneratedTest.parse(c.message().content());
                    if (parsed.isEmpty()) {
                        verdicts.add(rejected(id, RejectedTest.Reason.NO_TEST_IN_ANSWER, "no Java class in the answer", null));
                        continue;
                    }
                    GeneratedTest test = unique(parsed.get(), k, taken, request, style.module());
                    taken.add(test.qualifiedName());
                    toValidate.add(test);
                    attemptOf.add(k);
                }
                case ChatOutcome.BudgetExhausted b -> verdicts.add(rejected(id, RejectedTest.Reason.MODEL_FAILED,
                        "budget exhausted (" + b.scope() + ")", null));
                case ChatOutcome.Failed f -> verdicts.add(rejected(id, RejectedTest.Reason.MODEL_FAILED,
                        f.kind() + ": " + f.message(), null));
            }
        }
        verdicts.addAll(inParallel(toValidate.size(),
                i -> validate("repro-" + attemptOf.get(i), toValidate.get(i), request, issue, style.module())));
        List<ReproductionTest> kept = new ArrayList<>();
        List<RejectedTest> rejected = new ArrayList<>();
        for (Verdict v : verdicts) {
            switch (v) {
                case Verdict.Kept k -> kept.add(k.test());
                case Verdict.Rejected r -> rejected.add(r.test());
            }
        }
        kept.sort(java.util.Comparator.comparing(ReproductionTest::id));
        rejected.sort(java.util.Comparator.comparing(RejectedTest::id));
        return new Reproductions(kept, rejected, style.module(), style.framework().label + " (" + style.why() + ")");
    }

    /** Renames a test whose class would overwrite an existing test or another attempt's. */
    private static GeneratedTest unique(GeneratedTest test, int attempt, Set<String> taken, ReproductionRequest request,
                                        String module) {
        boolean exists = Files.exists(request.checkout().resolve(test.path(module)));
        if (!exists && !taken.contains(test.qualifiedName())) {
            return test;
        }
        return test.renamed(test.className() + "Repro" + attempt);
    }

    /** Validates a test placed in {@code module} (the one holding the localized code). */
    private Verdict validate(String id, GeneratedTest test, ReproductionRequest request, String issue, String module) {
        Patch patch = test.asPatch(module);
        TestId testClass = TestId.ofClass(test.qualifiedName());
        try (Sandbox sandbox = sandboxes.create(SandboxSpec.of(request.sandboxImage()))) {
            sandbox.copyIn(request.checkout(), "");
            sandbox.writeFile(test.path(module), test.source().getBytes(StandardCharsets.UTF_8));
            TestRunResult first = tests.run(sandbox, "", List.of(testClass), request.build(), request.testTimeout());
            switch (first) {
                case TestRunResult.BuildFailed b -> {
                    return rejected(id, b.compilation() ? RejectedTest.Reason.DOES_NOT_COMPILE
                            : RejectedTest.Reason.BUILD_FAILED, String.join("\n", b.errors()), patch);
                }
                case TestRunResult.TimedOut t -> {
                    return rejected(id, RejectedTest.Reason.TIMED_OUT, "after " + t.limit(), patch);
                }
                case TestRunResult.Invalid invalid -> {
                    return rejected(id, RejectedTest.Reason.BUILD_FAILED, invalid.reason(), patch);
                }
                case TestRunResult.Ran ran -> {
                    List<ReportedTest> own = ran.reported().stream().filter(r -> testClass.covers(r.id())).toList();
                    if (own.isEmpty()) {
                        return rejected(id, RejectedTest.Reason.NO_TESTS_RAN, "no test of " + testClass + " ran", patch);
                    }
                    Map<TestId, ReproductionTest.BaseFailure> failures = failuresOf(own);
                    if (failures.isEmpty()) {
                        return rejected(id, RejectedTest.Reason.PASSES_ON_BASE, own.size() + " tests, all pass on the base commit", patch);
                    }
                    Map<TestId, ReproductionTest.BaseFailure> relevant = new LinkedHashMap<>();
                    failures.forEach((t, f) -> {
                        if (f.status() == TestStatus.FAILED || issueNames(issue, f.exceptionType())) {
                            relevant.put(t, f);
                        }
                    });
                    if (relevant.isEmpty()) {
                        return rejected(id, RejectedTest.Reason.UNRELATED_ERROR, "fails with exceptions the issue does not"
                                + " describe: " + failures.values().stream().map(f -> f.exceptionType() + ": " + f.message()).toList(), patch);
                    }
                    TestRunResult second = tests.run(sandbox, "", List.of(testClass), request.build(), request.testTimeout());
                    if (!(second instanceof TestRunResult.Ran again) || !sameFailures(relevant,
                            failuresOf(again.reported().stream().filter(r -> testClass.covers(r.id())).toList()))) {
                        return rejected(id, RejectedTest.Reason.FLAKY, "the rerun failed differently", patch);
                    }
                    return new Verdict.Kept(new ReproductionTest(id, patch, List.copyOf(relevant.keySet()), relevant));
                }
            }
        } catch (RuntimeException e) {
            return rejected(id, RejectedTest.Reason.BUILD_FAILED, "validation failed: " + e.getMessage(), patch);
        }
    }

    private static Map<TestId, ReproductionTest.BaseFailure> failuresOf(List<ReportedTest> own) {
        Map<TestId, ReproductionTest.BaseFailure> out = new LinkedHashMap<>();
        for (ReportedTest r : own) {
            if (r.status() == TestStatus.FAILED || r.status() == TestStatus.ERROR) {
                out.put(r.id(), new ReproductionTest.BaseFailure(r.status(), r.exceptionType(), r.message()));
            }
        }
        return out;
    }

    /** Same tests failing with the same status and exception type (messages may hold hash codes or times). */
    private static boolean sameFailures(Map<TestId, ReproductionTest.BaseFailure> a, Map<TestId, ReproductionTest.BaseFailure> b) {
        for (var e : a.entrySet()) {
            ReproductionTest.BaseFailure other = b.get(e.getKey());
            if (other == null || other.status() != e.getValue().status()
                    || !other.exceptionType().equals(e.getValue().exceptionType())) {
                return false;
            }
        }
        return true;
    }

    /** True when the issue names this exception type (simple or qualified name). */
    static boolean issueNames(String issue, String exceptionType) {
        if (exceptionType == null || exceptionType.isBlank()) {
            return false;
        }
        String simple = exceptionType.substring(exceptionType.lastIndexOf('.') + 1);
        simple = simple.substring(simple.lastIndexOf('$') + 1);
        return issue.contains(exceptionType) || java.util.regex.Pattern.compile("\\b" + simple + "\\b").matcher(issue).find();
    }

    private static Verdict rejected(String id, RejectedTest.Reason reason, String detail, Patch patch) {
        return new Verdict.Rejected(new RejectedTest(id, reason, detail, patch == null ? Patch.empty() : patch));
    }

    @Override
    public RegressionBaseline regressionBaseline(RegressionRequest request) {
        String module = TestStyle.detect(request.checkout(), request.localization(), request.build()).module();
        List<TestId> classes = RegressionSelector.select(request.checkout(), request.localization(), request.maxClasses(),
                module);
        if (classes.isEmpty()) {
            return new RegressionBaseline(classes, Map.of(), "no existing test exercises the localized classes");
        }
        try (Sandbox sandbox = sandboxes.create(SandboxSpec.of(request.sandboxImage()))) {
            sandbox.copyIn(request.checkout(), "");
            TestRunResult result = tests.run(sandbox, "", classes, request.build(), request.timeout());
            return switch (result) {
                case TestRunResult.Ran ran -> {
                    Map<TestId, TestStatus> outcomes = new LinkedHashMap<>();
                    ran.reported().forEach(r -> outcomes.merge(r.id(), r.status(), TestStatus::combine));
                    ran.requested().forEach((id, status) -> {
                        if (status == TestStatus.MISSING) {
                            outcomes.put(id, status);
                        }
                    });
                    yield new RegressionBaseline(classes, outcomes, "");
                }
                case TestRunResult.BuildFailed b -> new RegressionBaseline(classes, Map.of(),
                        "the base commit does not build: " + String.join("; ", b.errors().stream().limit(5).toList()));
                case TestRunResult.TimedOut t -> new RegressionBaseline(classes, Map.of(), "timed out after " + t.limit());
                case TestRunResult.Invalid invalid -> new RegressionBaseline(classes, Map.of(),
                        "the test run is not usable: " + invalid.reason());
            };
        }
    }

    private interface Job<T> {
        T run(int index);
    }

    private static <T> List<T> inParallel(int count, Job<? extends T> job) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<? extends T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(threads.submit(() -> job.run(index)));
            }
            List<T> out = new ArrayList<>();
            for (Future<? extends T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
