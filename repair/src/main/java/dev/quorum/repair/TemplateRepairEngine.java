package dev.quorum.repair;

import dev.quorum.core.RepoPaths;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.repair.RepairResult.Attempts;
import dev.quorum.repair.RepairResult.SuspiciousLine;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Localize by coverage, propose by templates, validate in one workspace: see {@link RepairEngine}. */
final class TemplateRepairEngine implements RepairEngine {
    /** Where per-test coverage needs one Maven run per test, at most this many tests are measured. */
    private static final int PER_TEST_RUNS = 6;
    /** After a plausible patch, at most this many other edits of its statement are validated. */
    private static final int ALTERNATIVES_AT_A_STATEMENT = 8;
    private final SandboxProvider sandboxes;
    private final TestRunner validation;
    private final TestRunner coverage;
    private final List<FixTemplate> templates;

    TemplateRepairEngine(SandboxProvider sandboxes, TestRunner validation, TestRunner coverage) {
        this.sandboxes = sandboxes;
        this.validation = validation;
        this.coverage = coverage;
        this.templates = FixTemplate.all();
    }

    @Override
    public RepairResult repair(RepairRequest request) {
        long start = System.nanoTime();
        RepairRequest.Budget budget = request.budget();
        SourceIndex sources = SourceIndex.of(request.checkout());
        Path scratch = tempDir();
        try (Workspace workspace = new Workspace(sandboxes, request.sandboxImage(), request.checkout(),
                request.testPatch())) {
            List<TestId> classes = regressionClasses(request);
            Map<TestId, TestStatus> onBase = baseline(workspace, classes, request);
            List<TestId> failing = !request.failingTests().isEmpty() ? request.failingTests()
                    : onBase.entrySet().stream().filter(e -> e.getValue() == TestStatus.FAILED
                    || e.getValue() == TestStatus.ERROR).map(Map.Entry::getKey).toList();
            if (failing.isEmpty()) {
                return none("no failing test: every test of " + classes + " passes at the base commit; give the"
                        + " failing test with --failing-test ID or --test-patch FILE", List.of(), List.of(), start);
            }
            List<TestId> measured = new ArrayList<>(failing);
            onBase.entrySet().stream().filter(e -> e.getValue() == TestStatus.PASSED)
                    .map(Map.Entry::getKey).sorted(nearFirst(failing)).limit(budget.coverageTests())
                    .forEach(measured::add);
            List<String> problems = new ArrayList<>();
            List<CoverageCollector.TestCoverage> covered = new CoverageCollector(coverage, request.build(),
                    budget.testTimeout(), sources).measure(workspace.sandbox(), measured, PER_TEST_RUNS, scratch, problems);
            List<TestId> stillFailing = covered.stream().filter(c -> !c.passed()).map(c -> c.test()).toList();
            List<TestId> passingGiven = failing.stream().filter(t -> covered.stream()
                    .anyMatch(c -> c.test().equals(t) && c.passed())).toList();
            if (stillFailing.isEmpty()) {
                return none(passingGiven.isEmpty() ? "the failing tests " + failing + " gave no outcome: " + problems
                        : "the tests " + passingGiven + " pass at the base commit, so they do not show the bug",
                        failing, List.of(), start);
            }
            List<SuspiciousLine> ranked = Ochiai.rank(covered, StackFrames.in(request.issueText()), sources);
            if (ranked.isEmpty()) {
                return none("no suspicious statement in the main sources (coverage: " + (problems.isEmpty()
                        ? "measured" : String.join("; ", problems)) + ")", stillFailing, ranked, start);
            }
            List<Candidates.Proposal> proposals = Candidates.propose(request.checkout(), sources, ranked, templates,
                    budget.statements(), budget.candidates());
            Validation check = new Validation(validation, request.build(), budget.testTimeout(), stillFailing,
                    classes, onBase);
            return validate(proposals, check, workspace, budget, new Tally(stillFailing, ranked), start);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private RepairResult validate(List<Candidates.Proposal> proposals, Validation check, Workspace workspace,
                                  RepairRequest.Budget budget, Tally tally, long start) {
        List<Candidates.Proposal> plausible = new ArrayList<>();
        long deadline = start + budget.total().toNanos();
        SuspiciousLine finishing = null;
        int alternatives = 0;
        for (Candidates.Proposal p : proposals) {
            if (System.nanoTime() > deadline) {
                break;
            }
            if (plausible.size() >= budget.plausible()) {
                // The other edits of the statement that gave the last plausible patch are alternatives to it (size
                // versus size + 1): try a few, so that the simplest plausible edit there can be preferred.
                if (!p.at().equals(finishing) || alternatives++ >= ALTERNATIVES_AT_A_STATEMENT) {
                    break;
                }
            }
            Validation.Verdict verdict = check.check(workspace, p);
            tally.count(p.edit().template(), verdict);
            if (verdict == Validation.Verdict.PLAUSIBLE) {
                plausible.add(p);
                finishing = p.at();
            }
        }
        Attempts attempts = tally.attempts(Duration.ofNanos(System.nanoTime() - start));
        if (!plausible.isEmpty()) {
            return new RepairResult.Plausible(simplestPerStatement(plausible).stream().map(p -> new RepairCandidate(
                    UnifiedDiff.of(p.file(), p.original().getBytes(StandardCharsets.ISO_8859_1),
                            p.changed().getBytes(StandardCharsets.ISO_8859_1)),
                    new RepairCandidate.Provenance(p.edit().template(), p.file(), p.at().line(), p.at().score(),
                            p.edit().change()))).toList(), attempts);
        }
        String why = proposals.isEmpty() ? "no template applies to the " + tally.ranked.size()
                + " suspicious statements" : "no candidate passed the failing and regression tests";
        return new RepairResult.NoneFound(why, attempts);
    }

    /**
     * The simplest plausible edit of each statement, statements in rank order. The tests cannot tell a statement's
     * plausible edits apart (commons-lang b1aba683: {@code size - 1} → {@code size}, → {@code size + 1} or →
     * {@code CAPACITY}), so selection could only abstain between them; the simplest reads most like a developer's
     * fix, and the attempts still count the others as plausible.
     */
    static List<Candidates.Proposal> simplestPerStatement(List<Candidates.Proposal> plausible) {
        Set<SuspiciousLine> seen = new HashSet<>();
        return simplestFirst(plausible).stream().filter(p -> seen.add(p.at())).toList();
    }

    /**
     * Plausible edits by statement in rank order, and at each statement the simplest first: removing the statement
     * last (it passes weak tests most easily), the others by the length of the code they leave ({@code size} before
     * {@code size + 1}), then in the order they were found.
     */
    static List<Candidates.Proposal> simplestFirst(List<Candidates.Proposal> plausible) {
        List<SuspiciousLine> statements = plausible.stream().map(Candidates.Proposal::at).distinct().toList();
        return plausible.stream().sorted(Comparator.comparingInt((Candidates.Proposal p) -> statements.indexOf(p.at()))
                .thenComparing(p -> p.edit().template().equals("statement-removal"))
                .thenComparingInt(p -> p.edit().replacement().replaceAll("\\s+", "").length()))
                .toList();
    }

    /** Counts per verdict and template. */
    private static final class Tally {
        final List<TestId> failing;
        final List<SuspiciousLine> ranked;
        final Map<String, Integer> byTemplate = new TreeMap<>();
        int candidates;
        int notCompiled;
        int stillFailing;
        int regressions;

        Tally(List<TestId> failing, List<SuspiciousLine> ranked) {
            this.failing = failing;
            this.ranked = ranked;
        }

        void count(String template, Validation.Verdict verdict) {
            candidates++;
            byTemplate.merge(template, 1, Integer::sum);
            switch (verdict) {
                case NOT_COMPILED -> notCompiled++;
                case STILL_FAILING -> stillFailing++;
                case REGRESSION -> regressions++;
                case PLAUSIBLE -> { }
            }
        }

        Attempts attempts(Duration took) {
            return new Attempts(failing, ranked.stream().limit(20).toList(), candidates, byTemplate, notCompiled,
                    stillFailing, regressions, took);
        }
    }

    private static RepairResult none(String reason, List<TestId> failing, List<SuspiciousLine> ranked, long start) {
        return new RepairResult.NoneFound(reason, new Tally(failing, ranked)
                .attempts(Duration.ofNanos(System.nanoTime() - start)));
    }

    /**
     * The test classes run as regression tests (and searched for failing tests): the suspects, the classes of
     * the failing tests, and the test classes the test patch adds or changes.
     */
    private static List<TestId> regressionClasses(RepairRequest request) {
        Set<String> classes = new LinkedHashSet<>();
        request.failingTests().forEach(t -> classes.add(t.topLevelClass()));
        request.suspectTests().forEach(t -> classes.add(t.topLevelClass()));
        for (String path : request.testPatch().isEmpty() ? List.<String>of() : request.testPatch().touchedPaths()) {
            RepoPaths.testClassOf(path).ifPresent(test -> classes.add(test.topLevelClass()));
        }
        return classes.stream().map(TestId::ofClass).toList();
    }

    /** Per-method outcomes of the regression classes at the base commit (with the test patch applied). */
    private Map<TestId, TestStatus> baseline(Workspace workspace, List<TestId> classes, RepairRequest request) {
        if (classes.isEmpty()) {
            return Map.of();
        }
        TestRunResult run = validation.run(workspace.sandbox(), "", classes, request.build(),
                request.budget().testTimeout());
        if (run instanceof TestRunResult.Ran ran) {
            return Validation.perMethod(ran);
        }
        String why = run instanceof TestRunResult.BuildFailed b ? "the build failed: " + String.join("\n", b.errors())
                : run.getClass().getSimpleName();
        throw new IllegalStateException("cannot run the tests " + classes + " at the base commit for repair: " + why);
    }

    /** Tests of the failing tests' own classes first: they share the most code with them. */
    private static Comparator<TestId> nearFirst(List<TestId> failing) {
        Set<String> classes = new LinkedHashSet<>();
        failing.forEach(t -> classes.add(t.topLevelClass()));
        return Comparator.comparing((TestId t) -> !classes.contains(t.topLevelClass())).thenComparing(t -> t);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("quorum-repair");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for coverage data", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            org.eclipse.jgit.util.FileUtils.delete(dir.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE
                    | org.eclipse.jgit.util.FileUtils.IGNORE_ERRORS);
        } catch (IOException ignored) {
            // temporary coverage data; the OS cleans its temp directory
        }
    }
}
