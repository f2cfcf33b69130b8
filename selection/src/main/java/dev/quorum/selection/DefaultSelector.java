package dev.quorum.selection;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.sandbox.PatchApplication;
import dev.quorum.sandbox.EnvImage;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.DroppedCandidate;
import dev.quorum.selection.Evidence.Group;
import dev.quorum.selection.Evidence.GroupScore;
import dev.quorum.selection.Evidence.Role;
import dev.quorum.selection.Evidence.TestVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private final TestRunner tests;

    DefaultSelector(SandboxProvider provider, Environments environments, TestRunner tests) {
        this.provider = provider;
        this.environments = environments;
        this.tests = tests;
    }

    @Override
    public SelectionResult select(SelectionRequest request) {
        SelectionOptions options = request.options();
        List<String> notes = new ArrayList<>();
        if (request.candidates().isEmpty()) {
            return new SelectionResult.Abstained("there are no candidates", new Evidence(List.of(), List.of(), Map.of(),
                    List.of(), List.of(), List.of(), List.of(), List.of(), false, HybridScore.FORMULA, List.of(), null));
        }
        EnvImage env = environments.ensureEnv(request.repoCheckout(), request.build());
        SandboxRuns runs = new SandboxRuns(provider, env.tag(), request.repoCheckout(), request.build(),
                options.testTimeout(), tests);

        VoterValidation.Validated voters = new VoterValidation(runs, options.rerunsForFlaky()).validate(request.tests());
        List<Grouping.Planned> planned = Grouping.group(request.candidates(), new Normalization(request.repoCheckout()));
        MatrixRun matrix = new MatrixRun(runs, options.rerunsForFlaky());
        List<MatrixRun.GroupRun> groupRuns = runGroups(planned, voters, matrix, options.slots());
        Map<String, Set<TestId>> flipped = new FlakyReruns(runs, options.rerunsForFlaky())
                .rerun(FlakyReruns.suspicious(groupRuns.stream().filter(MatrixRun.GroupRun::live).toList(),
                        voters.baseline()), voters);
        groupRuns = groupRuns.stream().map(g -> g.withFlaky(flipped.getOrDefault(g.plan().id(), Set.of()))).toList();
        groupRuns.forEach(g -> notes.addAll(g.notes()));
        List<MatrixRun.GroupRun> live = groupRuns.stream().filter(MatrixRun.GroupRun::live).toList();

        Scored scored = score(live, voters, request.candidates(), matrix);
        List<String> finalists = HybridScore.finalists(scored.scores(), options.topK());
        if (options.tieBreaker() != null && options.tieBreakTests() > 0 && finalists.size() >= 2) {
            TieBreakRound round = tieBreak(request, runs, voters, live, finalists);
            notes.addAll(round.notes());
            if (round.extra() != null) {
                voters = voters.plus(round.extra());
                Map<String, MatrixRun.GroupRun> more = round.rows();
                groupRuns = groupRuns.stream().map(g -> more.containsKey(g.plan().id()) ? g.plus(more.get(g.plan().id())) : g)
                        .toList();
                live = groupRuns.stream().filter(MatrixRun.GroupRun::live).toList();
                scored = score(live, voters, request.candidates(), matrix);
                finalists = HybridScore.finalists(scored.scores(), options.topK());
            }
        }
        List<HybridScore.Voting> voting = scored.voting();
        Map<String, HybridScore.Input> inputs = scored.inputs();
        Map<TestId, Double> weights = scored.weights();
        List<GroupScore> scores = scored.scores();

        List<Evidence.JudgeComparison> comparisons = List.of();
        boolean judgeUsed = false;
        if (finalists.size() < 2) {
            notes.add(options.judge() == null ? "no judge configured; none was needed: at most one group leads on tests"
                    : "judge not called: at most one group leads on tests");
        } else if (options.judge() == null) {
            notes.add("no judge configured: " + finalists.size() + " groups tied on tests (" + String.join(", ", finalists)
                    + "); test votes, group size, trajectory outcome and patch size decided");
        } else {
            List<TestVerdict> validated = voters.verdicts();
            Map<String, MatrixRun.GroupRun> byId = new LinkedHashMap<>();
            live.forEach(g -> byId.put(g.plan().id(), g));
            List<PairwiseJudge.Finalist> seen = finalists.stream().map(id -> new PairwiseJudge.Finalist(id,
                    byId.get(id).representative().patch().text(), JudgeEvidence.of(byId.get(id), validated, weights))).toList();
            PairwiseJudge.Verdicts verdicts = new PairwiseJudge(options.judge(), options.judgeSamples())
                    .compare(request.issue(), seen);
            comparisons = verdicts.comparisons();
            notes.addAll(verdicts.notes());
            judgeUsed = comparisons.stream().anyMatch(c -> c.winner() != null);
            scores = HybridScore.reorderFinalists(scores, finalists, verdicts.share());
        }

        Evidence evidence = evidence(voters, groupRuns, matrix, weights, comparisons, scores, judgeUsed, notes,
                runs.runnersUsed());
        return switch (Decision.decide(scores, inputs, voting, options.abstainThreshold())) {
            case Decision.Outcome.Abstain abstain -> new SelectionResult.Abstained(abstain.reason(),
                    evidence.withConfidence(Evidence.Confidence.none(abstain.reason())));
            case Decision.Outcome.Choose choose -> {
                MatrixRun.GroupRun chosen = live.stream().filter(g -> g.plan().id().equals(choose.groupId()))
                        .findFirst().orElseThrow();
                yield new SelectionResult.Chosen(chosen.representative().id(), chosen.representative().patch(),
                        evidence.withConfidence(choose.confidence()));
            }
        };
    }

    /** The matrix as scoring sees it. */
    private record Scored(List<HybridScore.Voting> voting, List<TestId> regression,
                          Map<String, HybridScore.Input> inputs, Map<TestId, Double> weights, List<GroupScore> scores) {
    }

    private static Scored score(List<MatrixRun.GroupRun> live, VoterValidation.Validated voters,
                                List<Candidate> candidates, MatrixRun matrix) {
        List<HybridScore.Voting> voting = voting(voters);
        List<TestId> regression = voters.voting(Role.REGRESSION);
        Map<String, HybridScore.Input> inputs = new LinkedHashMap<>();
        for (MatrixRun.GroupRun g : live) {
            inputs.put(g.plan().id(), new HybridScore.Input(g.plan().id(), g.liveMembers(),
                    PatchParts.changedLines(g.representative().patch()), g.row(), outcome(g, candidates),
                    inexact(matrix.appliedWith(g.representative()))));
        }
        List<HybridScore.Input> groups = List.copyOf(inputs.values());
        Map<TestId, Double> weights = HybridScore.weights(groups, voting);
        return new Scored(voting, regression, inputs, weights, HybridScore.score(groups, voting, regression, weights));
    }

    /**
     * @param extra the tie-break tests validated on base, or null when none was written or kept
     * @param rows  each finalist's cells for those tests
     */
    private record TieBreakRound(VoterValidation.Validated extra, Map<String, MatrixRun.GroupRun> rows,
                                 List<String> notes) {
    }

    /** Tests written to separate the finalists, validated on base and run on every finalist. */
    private static TieBreakRound tieBreak(SelectionRequest request, SandboxRuns runs, VoterValidation.Validated voters,
                                          List<MatrixRun.GroupRun> live, List<String> finalists) {
        SelectionOptions options = request.options();
        List<MatrixRun.GroupRun> groups = live.stream().filter(g -> finalists.contains(g.plan().id())).toList();
        String example = voters.voters().stream().filter(v -> !v.testPatch().isEmpty()).findFirst()
                .map(v -> added(v.testPatch())).orElse("");
        TieBreak.Written written = new TieBreak(options.tieBreaker(), options.tieBreakTests()).write(request.issue(),
                groups.stream().map(g -> new TieBreak.Finalist(g.plan().id(), g.representative().patch().text())).toList(),
                example, TieBreak.moduleOf(groups.getFirst().representative().patch()));
        List<String> notes = new ArrayList<>(written.notes());
        if (written.voters().isEmpty()) {
            return new TieBreakRound(null, Map.of(), notes);
        }
        VoterValidation.Validated extra = new VoterValidation(runs, options.rerunsForFlaky()).validate(written.voters());
        extra.checks().stream().filter(c -> !c.used())
                .forEach(c -> notes.add("tie-break test " + c.id() + " dropped: " + c.reason()));
        if (extra.allVoting().isEmpty()) {
            return new TieBreakRound(null, Map.of(), notes);
        }
        MatrixRun matrix = new MatrixRun(runs, options.rerunsForFlaky());
        Map<String, MatrixRun.GroupRun> rows = new LinkedHashMap<>();
        groups.forEach(g -> rows.put(g.plan().id(), matrix.run(g.plan(), extra)));
        return new TieBreakRound(extra, rows, notes);
    }

    /** Fuzzy or merged applications are down-weighted in scoring (selection/SCORING.md, "Inexact applications"). */
    private static boolean inexact(PatchApplication.Strategy strategy) {
        return strategy != null && strategy.inexact();
    }

    private static String label(PatchApplication.Strategy strategy) {
        return strategy == null ? null : strategy.label();
    }

    /** The lines a test patch adds: the test source, for an example. */
    private static String added(Patch patch) {
        StringBuilder out = new StringBuilder();
        patch.text().lines().filter(l -> l.startsWith("+") && !l.startsWith("+++"))
                .forEach(l -> out.append(l.substring(1)).append('\n'));
        return out.toString();
    }

    /** The tests that vote (written for this issue, with a result on base), with their authors. */
    private static List<HybridScore.Voting> voting(VoterValidation.Validated voters) {
        List<HybridScore.Voting> voting = new ArrayList<>();
        for (TestVerdict v : voters.verdicts()) {
            if (v.role() == Role.REPRODUCTION || v.role() == Role.CHECK) {
                voting.add(new HybridScore.Voting(TestId.parse(v.testId()), v.role(), Set.copyOf(v.authors())));
            }
        }
        return voting;
    }

    /** Share of the group's live members whose trajectory submitted; 1 when their source says nothing. */
    private static double outcome(MatrixRun.GroupRun g, List<Candidate> candidates) {
        List<String> members = g.liveMembers();
        if (members.isEmpty()) {
            return 0;
        }
        long submitted = candidates.stream().filter(c -> members.contains(c.id())).filter(c -> {
            String outcome = c.provenance().get("outcome");
            return outcome == null || outcome.startsWith("submitted");
        }).count();
        return (double) submitted / members.size();
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

    private static Evidence evidence(VoterValidation.Validated voters, List<MatrixRun.GroupRun> groupRuns,
                                     MatrixRun matrix, Map<TestId, Double> weights,
                                     List<Evidence.JudgeComparison> comparisons, List<GroupScore> scores,
                                     boolean judgeUsed, List<String> notes, List<String> runners) {
        List<TestVerdict> verdicts = new ArrayList<>();
        for (TestVerdict v : voters.verdicts()) {
            TestId id = TestId.parse(v.testId());
            if (v.role() == Role.REPRODUCTION || v.role() == Role.CHECK) {
                double w = weights.getOrDefault(id, 0.0);
                verdicts.add(new TestVerdict(v.testId(), v.voter(), v.role(), v.onBase(), w,
                        w == 0 ? v.reason() + "; every candidate gives it the same result, so it cannot tell them apart"
                                : v.reason(), v.authors()));
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
                    PatchParts.changedLines(shown.patch()), row, g.live(),
                    label(matrix.appliedWith(g.representative()))));
        }
        Map<String, Cell> baseline = new LinkedHashMap<>();
        voters.baseline().forEach((t, c) -> baseline.put(t.toString(), c));
        return new Evidence(voters.checks(), verdicts, baseline, dropped, groups,
                voters.flaky().stream().map(TestId::toString).toList(), comparisons, scores, judgeUsed,
                HybridScore.FORMULA, notes, null, runners);
    }
}
