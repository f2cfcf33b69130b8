package dev.quorum.pipeline;

import dev.quorum.agent.AgentRequest;
import dev.quorum.agent.TrajectoryResult;
import dev.quorum.agent.TrajectoryRunner;
import dev.quorum.core.Patch;
import dev.quorum.core.Redactor;
import dev.quorum.core.RepoRef;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.core.TreePatch;
import dev.quorum.localization.Localization;
import dev.quorum.localization.LocalizationRequest;
import dev.quorum.localization.Localizer;
import dev.quorum.model.Budget;
import dev.quorum.model.ModelClient;
import dev.quorum.repair.RepairEngine;
import dev.quorum.repair.RepairResult;
import dev.quorum.sandbox.EnvImage;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.selection.Candidate;
import dev.quorum.selection.CandidatePools;
import dev.quorum.selection.SelectionOptions;
import dev.quorum.selection.SelectionRequest;
import dev.quorum.selection.SelectionResult;
import dev.quorum.selection.Selectors;
import dev.quorum.selection.VoterTest;
import dev.quorum.tasks.RepoCache;
import dev.quorum.tasks.RepoException;
import dev.quorum.testgen.RegressionBaseline;
import dev.quorum.testgen.RegressionRequest;
import dev.quorum.testgen.ReproductionRequest;
import dev.quorum.testgen.Reproductions;
import dev.quorum.testgen.TestGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code quorum solve}: localize → write and validate tests → run N trajectories → select one patch (or abstain)
 * → report. Each stage is one call to that stage's facade; this class only passes results along and records them.
 */
public final class Solve {
    private final ModelClient model;
    private final ModelClient judge;
    private final Environments environments;
    private final SandboxProvider sandboxes;
    private final TestRunner tests;
    private final SolveListener listener;
    private final Redactor redactor;
    private final Budget jobBudget;

    /** @param judge the model that compares finalists, or null for test voting alone */
    public Solve(ModelClient model, ModelClient judge, Environments environments, SandboxProvider sandboxes,
                 TestRunner tests) {
        this(model, judge, environments, sandboxes, tests, SolveListener.silent());
    }

    /** @param listener hears each stage start and end (progress output) */
    public Solve(ModelClient model, ModelClient judge, Environments environments, SandboxProvider sandboxes,
                 TestRunner tests, SolveListener listener) {
        this(model, judge, environments, sandboxes, tests, listener, Redactor.fromEnvironment(System.getenv()));
    }

    /**
     * @param redactor applied to everything the run writes (events, trajectories, reports) and to the errors it
     *                 reports; it should know the run's configured secrets
     */
    public Solve(ModelClient model, ModelClient judge, Environments environments, SandboxProvider sandboxes,
                 TestRunner tests, SolveListener listener, Redactor redactor) {
        this(model, judge, environments, sandboxes, tests, listener, redactor, Budget.UNLIMITED);
    }

    private Solve(ModelClient model, ModelClient judge, Environments environments, SandboxProvider sandboxes,
                  TestRunner tests, SolveListener listener, Redactor redactor, Budget jobBudget) {
        this.redactor = java.util.Objects.requireNonNull(redactor, "redactor");
        this.jobBudget = java.util.Objects.requireNonNull(jobBudget, "jobBudget");
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
        this.model = model; // null: no model configured, only model-free candidate sources can run
        this.judge = judge;
        this.environments = environments;
        this.sandboxes = sandboxes;
        this.tests = tests;
    }

    /** The same pipeline with a cap on what one issue may spend (within the run's budget). */
    public Solve withJobBudget(Budget budget) {
        return new Solve(model, judge, environments, sandboxes, tests, listener, redactor, budget);
    }

    public SolveResult solve(SolveRequest request) {
        return solve(request, CandidateSources.llmOnly());
    }

    // --- candidate sources (issue 16): model trajectories and/or the repair engine ---
    /** @param sources which candidate sources run; without a model only the repair engine can */
    public SolveResult solve(SolveRequest request, CandidateSources sources) {
        if (model == null && sources.llm()) {
            throw new IllegalArgumentException("no model is configured: configure one (QUORUM_MODEL) for --engines"
                    + " llm, or use --engines repair with a failing test");
        }
        // One budget per issue, judge included: what the report and the result show is this issue's own spend,
        // and every call also counts against the run's budget.
        ModelClient jobModel = model == null ? null : model.forJob(jobBudget);
        ModelClient jobJudge = judge == null || jobModel == null ? null : judge.billedTo(jobModel);
        RunDirectory run = RunDirectory.open(request, jobModel == null ? () -> new dev.quorum.model.Spend(0, 0)
                : jobModel::spent, listener, redactor);
        Path checkout = run.stage("checkout", () -> checkout(request, run));
        String commit = RunDirectory.headOf(checkout);
        // Before anything costly: the repair engine and every trajectory start from the tests it adds.
        TreePatch.requireApplies(checkout, commit, sources.testPatch(), "the test patch (--test-patch)");
        EnvImage env = run.stage("environment", () -> environments.ensureEnv(checkout, request.build()));

        Localization localization = run.stage("localization", () -> Localizer.bm25().localize(
                LocalizationRequest.of(new RepoRef(checkout.toString()), commit, request.issue().fullText())));
        run.writeJson("localization.json", localization);

        TestGenerator testgen = TestGenerator.create(jobModel, sandboxes, tests);
        // Reproduction tests and the regression baseline wait on nothing but localization: one stage, run side by side.
        record Tests(Reproductions reproductions, RegressionBaseline regression) {
        }
        Tests written = run.stage("tests", () -> {
            var baseline = java.util.concurrent.CompletableFuture.supplyAsync(() -> testgen.regressionBaseline(
                    new RegressionRequest(checkout, localization, request.build(), env.tag(),
                            request.options().regressionClasses(), null)));
            // Without a model no reproduction test is written; the user's failing tests vote instead.
            Reproductions kept = jobModel == null ? new Reproductions(List.of(), List.of())
                    : testgen.reproduce(new ReproductionRequest(checkout, request.issue(), localization,
                    request.build(), env.tag(), request.options().reproductionAttempts(),
                    request.options().limits().testTimeout()));
            try {
                return new Tests(kept, baseline.join());
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        });
        Reproductions reproductions = written.reproductions();
        RegressionBaseline regression = written.regression();
        run.writeJson("testgen.json", Map.of("reproductions", reproductions, "regression", regression));

        List<TrajectoryResult> candidates = !sources.llm() ? List.of() : run.stage("trajectories", () -> TrajectoryRunner
                .create(jobModel, sandboxes, tests, redactor, progress -> listener.trajectory(request.runId(), progress))
                .run(new AgentRequest(checkout, commit, request.issue(), localization, request.build(), env.tag(),
                        request.samples(), request.options().limits(), run.dir(),
                        new AgentRequest.UserTests(sources.testPatch(), sources.failingTests()))));
        run.writeJson("candidates.json", candidates);

        RepairResult repaired = !sources.repair() ? null : run.stage("repair", () -> RepairSource.run(
                RepairEngine.create(sandboxes, tests), checkout, sources, localization, request.issue().fullText(),
                request.build(), env.tag()));
        if (repaired != null) {
            run.writeJson("repair.json", RepairSource.toJson(repaired));
        }
        List<dev.quorum.selection.Candidate> pool = new ArrayList<>(Stages.selectionCandidates(candidates));
        List<VoterTest> voters = new ArrayList<>(Stages.voters(reproductions, regression, candidates));
        if (repaired != null) {
            pool.addAll(RepairSource.candidates(repaired));
        }
        voters.addAll(sources.userVoters(repaired == null ? List.of() : repaired.attempts().failingTests()));
        SelectionResult selected = run.stage("selection", () -> Selectors.create(sandboxes, environments, tests).select(
                new SelectionRequest(checkout, request.issue(), pool, voters, request.build(),
                        SelectionOptions.defaults().withJudge(jobJudge).withTieBreaker(jobModel))));
        SelectionResult selection = pool.isEmpty() && repaired instanceof RepairResult.NoneFound none
                && selected instanceof SelectionResult.Abstained a
                ? new SelectionResult.Abstained(RepairSource.abstainReason(none), a.evidence()) : selected;

        return run.finish(new SolveReport(request, localization, reproductions, regression, candidates, selection,
                run.stages(), jobModel == null ? new dev.quorum.model.Spend(0, 0) : jobModel.spent(), repaired));
    }

    /** What this pipeline redacts with; also for the errors its callers report. */
    Redactor redactor() {
        return redactor;
    }

    private static Path checkout(SolveRequest request, RunDirectory run) {
        Path cache = request.options().cacheDir() != null ? request.options().cacheDir()
                : request.runsDir().resolve(".cache").resolve("repos");
        RepoCache repos = new RepoCache(cache, request.options().gitHostBaseUrl());
        String commit = request.commit() != null ? request.commit() : RunDirectory.headOf(request.repo());
        Path dest = run.dir().resolve("checkout");
        if (java.nio.file.Files.isDirectory(dest.resolve(".git"))) {
            if (RunDirectory.headOf(dest).startsWith(commit) || commit.startsWith(RunDirectory.headOf(dest))) {
                return dest;
            }
            throw new IllegalStateException("run directory " + run.dir() + " holds a checkout of another commit; use"
                    + " a new --run-id");
        }
        try {
            return repos.checkout(request.repo(), commit, dest);
        } catch (RepoException e) {
            throw new IllegalArgumentException("cannot check out " + Redactor.withoutUserInfo(request.repo().spec())
                    + " at " + commit + ": " + e.getMessage(), e);
        }
    }

    /** The small translations between stages' records. */
    static final class Stages {
        private Stages() {
        }

        static List<Candidate> selectionCandidates(List<TrajectoryResult> candidates) {
            List<Candidate> out = new ArrayList<>();
            for (TrajectoryResult c : candidates) {
                if (c.patch().isEmpty()) {
                    continue; // a trajectory that changed nothing offers no candidate
                }
                out.add(new Candidate("t" + c.trajectory(), c.patch(), Map.of(
                        "trajectory", Integer.toString(c.trajectory()), "outcome", c.outcome().describe(),
                        "steps", Integer.toString(c.steps()), "cost_usd", String.format("%.4f", c.costUsd()))));
            }
            return out;
        }

        static List<VoterTest> voters(Reproductions reproductions, RegressionBaseline regression,
                                      List<TrajectoryResult> candidates) {
            List<VoterTest> voters = new ArrayList<>(GeneratedVoters.voters(reproductions));
            if (!regression.passing().isEmpty()) {
                // Their status on base is the baseline's: selection does not run them on base again.
                Map<TestId, TestStatus> onBase = new LinkedHashMap<>();
                regression.passing().forEach(t -> onBase.put(t, TestStatus.PASSED));
                voters.add(new VoterTest("regression", Patch.empty(), regression.passing(),
                        VoterTest.Origin.REGRESSION, Set.of(), onBase));
            }
            for (TrajectoryResult c : candidates) {
                List<TestId> ids = CandidatePools.testClassesOf(c.tests());
                if (!ids.isEmpty()) {
                    // A trajectory's own tests vote on every other candidate, not on its own.
                    voters.add(new VoterTest("t" + c.trajectory() + "-tests", c.tests(), ids,
                            VoterTest.Origin.REPRODUCTION, Set.of("t" + c.trajectory())));
                }
            }
            return voters;
        }
    }
}
