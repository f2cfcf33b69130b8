package dev.quorum.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.TestId;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.Confidence.Level;
import dev.quorum.selection.Evidence.GroupScore;
import dev.quorum.selection.Evidence.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scoring rule of selection/SCORING.md and the decision on top of it, on hand-made matrices. */
class HybridScoreTest {
    private static final TestId R1 = TestId.parse("a.R#one");
    private static final TestId R2 = TestId.parse("a.R#two");
    private static final TestId NOBODY = TestId.parse("a.R#nobody");
    private static final TestId BUGGY = TestId.parse("a.W#expectsTheOldBehaviour");
    private static final TestId WEAK = TestId.parse("a.W#passesAnyway");
    private static final TestId G1 = TestId.parse("a.G#keeps");

    private static Map<TestId, Cell> row(Object... pairs) {
        Map<TestId, Cell> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) row.put((TestId) pairs[i], (Cell) pairs[i + 1]);
        return row;
    }

    private static HybridScore.Input group(String id, int members, int lines, Map<TestId, Cell> row) {
        return group(id, members, lines, row, 1.0);
    }

    private static HybridScore.Input group(String id, int members, int lines, Map<TestId, Cell> row, double outcome) {
        List<String> ids = java.util.stream.IntStream.range(0, members).mapToObj(i -> id + "-" + i).toList();
        return new HybridScore.Input(id, ids, lines, row, outcome);
    }

    private static HybridScore.Voting repro(TestId t) {
        return new HybridScore.Voting(t, Role.REPRODUCTION, Set.of());
    }

    private static HybridScore.Voting check(TestId t) {
        return new HybridScore.Voting(t, Role.CHECK, Set.of());
    }

    private static List<GroupScore> score(List<HybridScore.Input> groups, List<HybridScore.Voting> voting,
                                          List<TestId> regression) {
        return HybridScore.score(groups, voting, regression, HybridScore.weights(groups, voting));
    }

    private static Decision.Outcome decide(List<HybridScore.Input> groups, List<HybridScore.Voting> voting,
                                           List<GroupScore> ranked) {
        Map<String, HybridScore.Input> byId = new LinkedHashMap<>();
        groups.forEach(g -> byId.put(g.groupId(), g));
        return Decision.decide(ranked, byId, voting, SelectionOptions.DEFAULT_ABSTAIN_THRESHOLD);
    }

    @Test
    void aVoterThatEncodesTheBugDoesNotVetoTheCorrectMinority() {
        // Popular wrong x3 keeps the old behaviour; the buggy voter (passes on base) agrees with them; the weak one
        // passes everywhere; the reproduction test (fails on base) is passed by the two correct groups only.
        var wrong = group("wrong", 3, 2, row(R1, Cell.FAILED, BUGGY, Cell.PASSED, WEAK, Cell.PASSED, G1, Cell.PASSED));
        var correct = group("correct", 1, 4, row(R1, Cell.PASSED, BUGGY, Cell.FAILED, WEAK, Cell.PASSED, G1, Cell.PASSED));
        var different = group("different", 1, 6, row(R1, Cell.PASSED, BUGGY, Cell.FAILED, WEAK, Cell.PASSED, G1, Cell.PASSED));
        var partial = group("partial", 1, 1, row(R1, Cell.FAILED, BUGGY, Cell.PASSED, WEAK, Cell.PASSED, G1, Cell.PASSED));
        List<HybridScore.Input> groups = List.of(wrong, correct, different, partial);
        List<HybridScore.Voting> voting = List.of(repro(R1), check(BUGGY), check(WEAK));

        Map<TestId, Double> weights = HybridScore.weights(groups, voting);
        List<GroupScore> scores = score(groups, voting, List.of(G1));

        assertThat(weights.get(WEAK)).isZero();
        assertThat(weights.get(R1)).isGreaterThan(weights.get(BUGGY));
        assertThat(scores.getFirst().groupId()).isEqualTo("correct");
        assertThat(scores).allSatisfy(s -> assertThat(s.regressionSafe()).isTrue());
        Decision.Outcome outcome = decide(groups, voting, scores);
        assertThat(outcome).isInstanceOfSatisfying(Decision.Outcome.Choose.class, c -> {
            assertThat(c.groupId()).isEqualTo("correct");
            assertThat(c.confidence().level()).isEqualTo(Level.MEDIUM);
            assertThat(c.confidence().reason()).contains("equivalent on every test to different");
        });
    }

    @Test
    void testsPassedByNobodyOrByEverybodyCarryNoWeight() {
        var a = group("a", 2, 2, row(R1, Cell.PASSED, NOBODY, Cell.FAILED));
        var b = group("b", 1, 2, row(R1, Cell.PASSED, NOBODY, Cell.FAILED));

        Map<TestId, Double> weights = HybridScore.weights(List.of(a, b), List.of(repro(R1), repro(NOBODY)));

        assertThat(weights).containsEntry(R1, 0.0).containsEntry(NOBODY, 0.0);
    }

    @Test
    void aTrajectorysOwnTestDoesNotVoteForItsOwnCandidate() {
        var author = new HybridScore.Input("author", List.of("t0"), 2, row(R1, Cell.PASSED), 1.0);
        var other = new HybridScore.Input("other", List.of("t1"), 2, row(R1, Cell.FAILED), 1.0);
        var own = new HybridScore.Voting(R1, Role.REPRODUCTION, Set.of("t0"));

        List<GroupScore> scores = score(List.of(author, other), List.of(own), List.of());

        GroupScore a = scores.stream().filter(s -> s.groupId().equals("author")).findFirst().orElseThrow();
        assertThat(a.voteWeight()).isZero();
        assertThat(a.reproduction()).isZero();
    }

    @Test
    void tiedGroupsSeparatedOnlyByTheLeadersOwnTestAreAWeakChoiceNotAContradiction() {
        var author = new HybridScore.Input("author", List.of("t0"), 2, row(R1, Cell.PASSED), 1.0);
        var other = new HybridScore.Input("other", List.of("t1"), 2, row(R1, Cell.FAILED), 1.0);
        List<HybridScore.Voting> own = List.of(new HybridScore.Voting(R1, Role.REPRODUCTION, Set.of("t0")));

        Decision.Outcome outcome = decide(List.of(author, other), own, score(List.of(author, other), own, List.of()));

        assertThat(outcome).isInstanceOfSatisfying(Decision.Outcome.Choose.class, c -> {
            assertThat(c.groupId()).isEqualTo("author");
            assertThat(c.confidence().level()).isEqualTo(Level.LOW);
            assertThat(c.confidence().reason()).contains("only tests written by its own source");
        });
    }

    @Test
    void cellsAVoterCouldNotProduceDoNotCountAndFlakyCellsCountAgainstTheirGroup() {
        var broken = group("broken", 1, 2, row(R1, Cell.PASSED, R2, Cell.BUILD_FAILED));
        var flaky = group("flaky", 1, 2, row(R1, Cell.PASSED, R2, Cell.FLAKY));
        var other = group("other", 1, 2, row(R1, Cell.FAILED, R2, Cell.PASSED));
        List<HybridScore.Voting> voting = List.of(repro(R1), repro(R2));

        List<GroupScore> scores = score(List.of(broken, flaky, other), voting, List.of());

        GroupScore b = scores.stream().filter(s -> s.groupId().equals("broken")).findFirst().orElseThrow();
        GroupScore f = scores.stream().filter(s -> s.groupId().equals("flaky")).findFirst().orElseThrow();
        assertThat(b.reproduction()).isEqualTo(1.0);
        assertThat(f.reproduction()).isLessThan(1.0);
        assertThat(scores.getFirst().groupId()).isEqualTo("broken");
    }

    @Test
    void breakingAnExistingTestDisqualifiesWhateverTheScore() {
        var breaks = group("breaks", 3, 1, row(R1, Cell.PASSED, G1, Cell.FAILED));
        var safe = group("safe", 1, 9, row(R1, Cell.FAILED, G1, Cell.PASSED));

        List<GroupScore> scores = score(List.of(breaks, safe), List.of(repro(R1)), List.of(G1));

        assertThat(scores).extracting(GroupScore::groupId).containsExactly("safe", "breaks");
        assertThat(scores.get(1).regressionSafe()).isFalse();
        assertThat(scores.get(1).brokenRegressions()).containsExactly(G1.toString());
    }

    @Test
    void identicalCandidatesWithoutTestsAreChosenWithMediumConfidence() {
        var all = group("all", 4, 3, row());

        Decision.Outcome outcome = decide(List.of(all), List.of(), score(List.of(all), List.of(), List.of()));

        assertThat(outcome).isInstanceOfSatisfying(Decision.Outcome.Choose.class, c -> {
            assertThat(c.confidence().level()).isEqualTo(Level.MEDIUM);
            assertThat(c.confidence().reason()).contains("all 4 candidates agree");
        });
    }

    @Test
    void aMajorityDecidesWithoutTestsAndATieWithoutEvidenceAbstains() {
        var majority = group("majority", 3, 3, row());
        var minority = group("minority", 1, 1, row());
        Decision.Outcome chosen = decide(List.of(majority, minority), List.of(),
                score(List.of(majority, minority), List.of(), List.of()));
        assertThat(chosen).isInstanceOfSatisfying(Decision.Outcome.Choose.class, c -> {
            assertThat(c.groupId()).isEqualTo("majority");
            assertThat(c.confidence().level()).isEqualTo(Level.MEDIUM);
        });

        var one = group("one", 1, 3, row(R1, Cell.PASSED, R2, Cell.FAILED));
        var two = group("two", 1, 3, row(R1, Cell.FAILED, R2, Cell.PASSED));
        List<HybridScore.Voting> voting = List.of(repro(R1), repro(R2));
        Decision.Outcome contradictory = decide(List.of(one, two), voting, score(List.of(one, two), voting, List.of()));
        assertThat(contradictory).isInstanceOfSatisfying(Decision.Outcome.Abstain.class,
                a -> assertThat(a.reason()).contains("contradictory"));

        var submitted = group("submitted", 1, 3, row(), 1.0);
        var crashed = group("crashed", 1, 1, row(), 0.0);
        Decision.Outcome byOutcome = decide(List.of(submitted, crashed), List.of(),
                score(List.of(submitted, crashed), List.of(), List.of()));
        assertThat(byOutcome).isInstanceOfSatisfying(Decision.Outcome.Choose.class, c -> {
            assertThat(c.groupId()).isEqualTo("submitted");
            assertThat(c.confidence().level()).isEqualTo(Level.LOW);
        });
    }

    @Test
    void reproductionTestsThatEveryCandidateFailsAreEvidenceAgainstAll() {
        var popular = group("popular", 3, 1, row(R1, Cell.FAILED));
        var other = group("other", 1, 1, row(R1, Cell.FAILED));

        Decision.Outcome outcome = decide(List.of(popular, other), List.of(repro(R1)),
                score(List.of(popular, other), List.of(repro(R1)), List.of()));

        assertThat(outcome).isInstanceOfSatisfying(Decision.Outcome.Abstain.class,
                a -> assertThat(a.reason()).contains("no group passes any valid reproduction test"));
    }

    @Test
    void aStrictThresholdStillAbstainsWithoutReproductionTests() {
        var all = group("all", 4, 3, row());
        List<GroupScore> scores = score(List.of(all), List.of(), List.of());

        Decision.Outcome outcome = Decision.decide(scores, Map.of("all", all), List.of(), 0.5);

        assertThat(outcome).isInstanceOfSatisfying(Decision.Outcome.Abstain.class,
                a -> assertThat(a.reason()).contains("below the threshold 0.5").contains("no valid reproduction test"));
    }

    @Test
    void theJudgeOnlyChoosesAmongGroupsTiedOnTests() {
        var a = group("a", 1, 2, row(R1, Cell.PASSED, R2, Cell.FAILED));
        var b = group("b", 1, 2, row(R1, Cell.PASSED, R2, Cell.FAILED));
        var c = group("c", 1, 2, row(R1, Cell.PASSED, R2, Cell.PASSED));
        List<HybridScore.Voting> voting = List.of(repro(R1), repro(R2));
        List<GroupScore> before = score(List.of(a, b, c), voting, List.of());

        assertThat(HybridScore.finalists(before, 3)).containsExactly("c");

        var tied = score(List.of(a, b), voting, List.of());
        assertThat(HybridScore.finalists(tied, 3)).containsExactly("a", "b");
        var judged = HybridScore.reorderFinalists(tied, List.of("a", "b"), Map.of("a", 0.0, "b", 1.0));
        assertThat(judged).extracting(GroupScore::groupId).containsExactly("b", "a");
        assertThat(judged.getFirst().judge()).isEqualTo(1.0);
        var split = HybridScore.reorderFinalists(tied, List.of("a", "b"), Map.of("a", 0.5, "b", 0.5));
        assertThat(split).extracting(GroupScore::groupId).containsExactly("a", "b");
    }

    /** Issue 12, benchmark fix (b): a candidate whose own run timed out is unknown, not dropped and not a regression. */
    @Test
    void aGroupWhoseRunTimedOutStaysUnknownBehindTestedGroupsAndIsNeverAConfidentChoice() {
        var correct = group("correct", 1, 4, row(G1, Cell.PASSED, R1, Cell.PASSED, BUGGY, Cell.FAILED));
        var popular = group("popular", 3, 2, row(G1, Cell.TIMED_OUT, R1, Cell.TIMED_OUT, BUGGY, Cell.TIMED_OUT));
        var partial = group("partial", 1, 2, row(G1, Cell.PASSED, R1, Cell.FAILED, BUGGY, Cell.PASSED));
        List<HybridScore.Voting> voting = List.of(repro(R1), check(BUGGY));
        List<HybridScore.Input> groups = List.of(correct, popular, partial);

        List<GroupScore> ranked = score(groups, voting, List.of(G1));

        assertThat(popular.unknown()).isTrue();
        assertThat(correct.unknown()).isFalse();
        GroupScore unknown = ranked.stream().filter(s -> s.groupId().equals("popular")).findFirst().orElseThrow();
        assertThat(unknown.regressionSafe()).as("a timed-out regression cell is unknown, not broken").isTrue();
        assertThat(unknown.voteWeight()).isZero();
        assertThat(ranked).extracting(GroupScore::groupId).containsExactly("correct", "partial", "popular");
        assertThat(decide(groups, voting, ranked)).isInstanceOfSatisfying(Decision.Outcome.Choose.class,
                c -> assertThat(c.groupId()).isEqualTo("correct"));

        // Every tested group breaks an existing test: the unknown one leads, with low confidence and the reason.
        var breaks = group("breaks", 1, 2, row(G1, Cell.FAILED, R1, Cell.PASSED, BUGGY, Cell.FAILED));
        List<HybridScore.Input> onlyBad = List.of(breaks, popular);
        Decision.Outcome outcome = decide(onlyBad, voting, score(onlyBad, voting, List.of(G1)));
        assertThat(outcome).isInstanceOfSatisfying(Decision.Outcome.Choose.class, c -> {
            assertThat(c.groupId()).isEqualTo("popular");
            assertThat(c.confidence().level()).isEqualTo(Level.LOW);
            assertThat(c.confidence().reason()).contains("timed out");
        });
    }

    /** A single test that hangs with a candidate whose other tests ran is that candidate's fault, as before. */
    @Test
    void aRegressionTestThatHangsWithAGroupWhoseOtherTestsRanBreaksIt() {
        var hangs = group("hangs", 1, 2, row(G1, Cell.TIMED_OUT, R1, Cell.PASSED));
        var fine = group("fine", 1, 2, row(G1, Cell.PASSED, R1, Cell.FAILED));

        List<GroupScore> ranked = score(List.of(hangs, fine), List.of(repro(R1)), List.of(G1));

        assertThat(hangs.unknown()).isFalse();
        assertThat(ranked.stream().filter(s -> s.groupId().equals("hangs")).findFirst().orElseThrow()
                .brokenRegressions()).containsExactly(G1.toString());
    }

    @Test
    void readsTheJudgesAnswer() {
        var first = new PairwiseJudge.Finalist("g1", "", "");
        var second = new PairwiseJudge.Finalist("g2", "", "");

        assertThat(PairwiseJudge.winner("RATIONALE: handles all inputs.\nWINNER: 2", first, second)).isEqualTo("g2");
        assertThat(PairwiseJudge.winner("**Winner:** Patch 1", first, second)).isEqualTo("g1");
        assertThat(PairwiseJudge.winner("I cannot decide.", first, second)).isNull();
        assertThat(PairwiseJudge.rationale("RATIONALE: counts code points,\n not chars.\nWINNER: 1"))
                .isEqualTo("counts code points, not chars.");
    }

    @Test
    void aPatchThatAppliedOnlyByMergeOrFuzzIsDownWeightedButStillWinsOnTests() {
        var exact = group("exact", 1, 2, row(R1, Cell.PASSED));
        var fuzzed = new HybridScore.Input("fuzzed", List.of("f-0"), 2, row(R1, Cell.PASSED), 1.0, true);
        var wrong = group("wrong", 1, 2, row(R1, Cell.FAILED));

        List<GroupScore> ranked = score(List.of(fuzzed, exact, wrong), List.of(repro(R1)), List.of());

        assertThat(ranked).extracting(GroupScore::groupId).containsExactly("exact", "fuzzed", "wrong");
        assertThat(ranked.get(1).total()).isCloseTo(ranked.get(0).total() * HybridScore.INEXACT_APPLY_FACTOR,
                org.assertj.core.data.Offset.offset(1e-3));
        assertThat(ranked.get(1).total()).isGreaterThan(ranked.get(2).total());
    }
}
