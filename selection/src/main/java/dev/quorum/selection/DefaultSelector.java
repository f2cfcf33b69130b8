package dev.quorum.selection;

import dev.quorum.core.TestId;
import dev.quorum.sandbox.EnvImage;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.DroppedCandidate;
import dev.quorum.selection.Evidence.Group;
import dev.quorum.selection.Evidence.GroupScore;
import dev.quorum.selection.Evidence.Role;
import dev.quorum.selection.Evidence.TestVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The selection pipeline, step by step; each step lives in the class named after it. */
final class DefaultSelector implements Selector {
    private final SandboxProvider provider;
    private final Environments environments;

    DefaultSelector(SandboxProvider provider, Environments environments) {
        this.provider = provider;
        this.environments = environments;
    }

    @Override
    public SelectionResult select(SelectionRequest request) {
        SelectionOptions options = request.options();
        List<String> notes = new ArrayList<>();
        if (request.candidates().isEmpty()) {
            return new SelectionResult.Abstained("there are no candidates", new Evidence(List.of(), List.of(), Map.of(),
                    List.of(), List.of(), List.of(), List.of(), List.of(), false, HybridScore.FORMULA, List.of()));
        }
        EnvImage env = environments.ensureEnv(request.repoCheckout(), request.build());
        SandboxRuns runs = new SandboxRuns(provider, env.tag(), request.repoCheckout(), request.build(),
                options.testTimeout());

        VoterValidation.Validated voters = new VoterValidation(runs, options.rerunsForFlaky()).validate(request.tests());
        List<Grouping.Planned> planned = Grouping.group(request.candidates(), new Normalization(request.repoCheckout()));
        List<MatrixRun.GroupRun> groupRuns = runGroups(planned, voters, new MatrixRun(runs, options.rerunsForFlaky()),
                options.slots());
        List<MatrixRun.GroupRun> live = groupRuns.stream().filter(MatrixRun.GroupRun::live).toList();

        Set<TestId> flaky = new LinkedHashSet<>(voters.flaky());
        live.forEach(g -> flaky.addAll(g.flaky()));
        flaky.addAll(new FlakyReruns(runs, options.rerunsForFlaky())
                .rerun(FlakyReruns.suspicious(live, voters.baseline()), voters));

        List<TestId> reproduction = voters.voting(Role.REPRODUCTION).stream().filter(t -> !flaky.contains(t)).toList();
        List<TestId> regression = voters.voting(Role.REGRESSION).stream().filter(t -> !flaky.contains(t)).toList();
        List<HybridScore.Input> inputs = live.stream().map(g -> new HybridScore.Input(g.plan().id(),
                g.plan().members().size() - g.dropped().size(), PatchParts.changedLines(g.representative().patch()),
                g.row())).toList();
        Map<TestId, Double> weights = HybridScore.weights(inputs, reproduction);
        List<GroupScore> scores = HybridScore.score(inputs, reproduction, regression, weights);

        List<Evidence.JudgeComparison> comparisons = List.of();
        boolean judgeUsed = false;
        List<String> finalists = HybridScore.finalists(scores, options.topK());
        if (finalists.size() < 2) {
            notes.add(options.judge() == null ? "no judge configured; none was needed: at most one group leads on tests"
                    : "judge not called: at most one group leads on tests");
        } else if (options.judge() == null) {
            notes.add("no judge configured: " + finalists.size() + " groups tied on tests (" + String.join(", ", finalists)
                    + "); test votes, group size and patch size decided");
        } else {
            Map<String, MatrixRun.GroupRun> byId = new LinkedHashMap<>();
            live.forEach(g -> byId.put(g.plan().id(), g));
            List<PairwiseJudge.Finalist> seen = finalists.stream().map(id -> new PairwiseJudge.Finalist(id,
                    byId.get(id).representative().patch().text(), summary(byId.get(id), reproduction, regression))).toList();
            PairwiseJudge.Verdicts verdicts = new PairwiseJudge(options.judge(), options.judgeSamples())
                    .compare(request.issue(), seen);
            comparisons = verdicts.comparisons();
            notes.addAll(verdicts.notes());
            judgeUsed = comparisons.stream().anyMatch(c -> c.winner() != null);
            scores = HybridScore.reorderFinalists(scores, finalists, verdicts.share());
        }

        Evidence evidence = evidence(request, voters, groupRuns, flaky, weights, comparisons, scores, judgeUsed, notes);
        return decide(request, live, reproduction, scores, evidence);
    }

    private static SelectionResult decide(SelectionRequest request, List<MatrixRun.GroupRun> live,
                                          List<TestId> reproduction, List<GroupScore> scores, Evidence evidence) {
        if (live.isEmpty()) {
            return new SelectionResult.Abstained("no candidate applied and compiled", evidence);
        }
        GroupScore best = scores.stream().max(java.util.Comparator.comparingDouble(GroupScore::total)).orElseThrow();
        double threshold = request.options().abstainThreshold();
        if (best.total() < threshold) {
            String why;
            if (reproduction.isEmpty()) {
                why = "no valid reproduction test (one that fails on the base commit), so the tests cannot tell a fix";
            } else if (scores.stream().allMatch(s -> s.reproduction() == 0)) {
                why = "no group passes any valid reproduction test";
            } else if (scores.stream().noneMatch(GroupScore::regressionSafe)) {
                why = "every group breaks a test that passes on the base commit";
            } else {
                why = "the evidence is too weak";
            }
            return new SelectionResult.Abstained(why + " (best score " + best.total() + " of group " + best.groupId()
                    + " is below the threshold " + threshold + ")", evidence);
        }
        GroupScore first = scores.getFirst();
        MatrixRun.GroupRun chosen = live.stream().filter(g -> g.plan().id().equals(first.groupId())).findFirst()
                .orElseThrow();
        return new SelectionResult.Chosen(chosen.representative().id(), chosen.representative().patch(), evidence);
    }

    private static List<MatrixRun.GroupRun> runGroups(List<Grouping.Planned> planned, VoterValidation.Validated voters,
                                                      MatrixRun matrix, int slots) {
        if (planned.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(slots, planned.size()));
        try {
            List<Future<MatrixRun.GroupRun>> futures = new ArrayList<>();
            for (Grouping.Planned p : planned) {
                futures.add(pool.submit(() -> matrix.run(p, voters)));
            }
            List<MatrixRun.GroupRun> results = new ArrayList<>();
            for (Future<MatrixRun.GroupRun> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while testing candidate groups", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static String summary(MatrixRun.GroupRun g, List<TestId> reproduction, List<TestId> regression) {
        long repro = reproduction.stream().filter(t -> g.row().getOrDefault(t, Cell.MISSING).passed()).count();
        long reg = regression.stream().filter(t -> g.row().getOrDefault(t, Cell.MISSING).passed()).count();
        return "passes " + repro + " of " + reproduction.size() + " reproduction tests and " + reg + " of "
                + regression.size() + " regression tests";
    }

    private static Evidence evidence(SelectionRequest request, VoterValidation.Validated voters,
                                     List<MatrixRun.GroupRun> groupRuns, Set<TestId> flaky, Map<TestId, Double> weights,
                                     List<Evidence.JudgeComparison> comparisons, List<GroupScore> scores,
                                     boolean judgeUsed, List<String> notes) {
        List<TestVerdict> verdicts = new ArrayList<>();
        for (TestVerdict v : voters.verdicts()) {
            TestId id = TestId.parse(v.testId());
            if (flaky.contains(id) && v.role() != Role.EXCLUDED) {
                verdicts.add(new TestVerdict(v.testId(), v.voter(), Role.EXCLUDED, v.onBase(), 0, "flaky: its outcome flipped on a rerun"));
            } else if (v.role() == Role.REPRODUCTION) {
                double q = weights.getOrDefault(id, 0.0);
                verdicts.add(new TestVerdict(v.testId(), v.voter(), v.role(), v.onBase(), q,
                        q == 0 ? "fails on base; no candidate passes it" : v.reason()));
            } else {
                verdicts.add(v);
            }
        }
        List<DroppedCandidate> dropped = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        for (MatrixRun.GroupRun g : groupRuns) {
            dropped.addAll(g.dropped());
            Map<String, Cell> row = new LinkedHashMap<>();
            g.row().forEach((t, c) -> row.put(t.toString(), c));
            Candidate shown = g.representative() != null ? g.representative() : g.plan().members().getFirst();
            groups.add(new Group(g.plan().id(), g.plan().members().stream().map(Candidate::id).toList(),
                    g.representative() == null ? null : g.representative().id(), g.plan().normalized().readable(),
                    PatchParts.changedLines(shown.patch()), row, g.live()));
        }
        Map<String, Cell> baseline = new LinkedHashMap<>();
        voters.baseline().forEach((t, c) -> baseline.put(t.toString(), c));
        return new Evidence(voters.checks(), verdicts, baseline, dropped, groups,
                flaky.stream().map(TestId::toString).toList(), comparisons, scores, judgeUsed, HybridScore.FORMULA,
                notes);
    }
}
