package dev.quorum.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.TestId;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.GroupScore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HybridScoreTest {
    private static final TestId R1 = TestId.parse("a.R#one");
    private static final TestId R2 = TestId.parse("a.R#two");
    private static final TestId NOBODY = TestId.parse("a.R#nobody");
    private static final TestId G1 = TestId.parse("a.G#keeps");

    private static Map<TestId, Cell> row(Object... pairs) {
        Map<TestId, Cell> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) row.put((TestId) pairs[i], (Cell) pairs[i + 1]);
        return row;
    }

    @Test
    void aCorrectMinorityBeatsAPopularWrongMajority() {
        var popular = new HybridScore.Input("popular", 5, 2, row(R1, Cell.FAILED, R2, Cell.FAILED, NOBODY, Cell.FAILED, G1, Cell.PASSED));
        var right = new HybridScore.Input("right", 1, 4, row(R1, Cell.PASSED, R2, Cell.PASSED, NOBODY, Cell.FAILED, G1, Cell.PASSED));
        List<TestId> repro = List.of(R1, R2, NOBODY);
        var weights = HybridScore.weights(List.of(popular, right), repro);

        List<GroupScore> scores = HybridScore.score(List.of(popular, right), repro, List.of(G1), weights);

        assertThat(weights.get(NOBODY)).isZero();
        assertThat(weights.get(R1)).isEqualTo(0.5 + 0.5 * ((1.0 / 6) / 0.25));
        assertThat(scores.getFirst().groupId()).isEqualTo("right");
        assertThat(scores.getFirst().reproduction()).isEqualTo(1.0);
        assertThat(scores.getFirst().total()).isGreaterThan(SelectionOptions.DEFAULT_ABSTAIN_THRESHOLD);
        assertThat(scores.get(1).total()).isLessThan(SelectionOptions.DEFAULT_ABSTAIN_THRESHOLD);
    }

    @Test
    void breakingARegressionTestIsHeavilyPenalized() {
        var breaks = new HybridScore.Input("breaks", 3, 1, row(R1, Cell.PASSED, G1, Cell.FAILED));
        var safe = new HybridScore.Input("safe", 1, 9, row(R1, Cell.PASSED, G1, Cell.PASSED));
        var weights = HybridScore.weights(List.of(breaks, safe), List.of(R1));

        List<GroupScore> scores = HybridScore.score(List.of(breaks, safe), List.of(R1), List.of(G1), weights);

        assertThat(scores).extracting(GroupScore::groupId).containsExactly("safe", "breaks");
        assertThat(scores.get(1).regressionSafe()).isFalse();
        assertThat(scores.get(1).brokenRegressions()).containsExactly(G1.toString());
        assertThat(scores.get(1).total()).isLessThan(0.25);
    }

    @Test
    void theJudgeOnlyChoosesAmongGroupsTiedOnTests() {
        var a = new HybridScore.Input("a", 1, 2, row(R1, Cell.PASSED, R2, Cell.FAILED));
        var b = new HybridScore.Input("b", 1, 2, row(R1, Cell.PASSED, R2, Cell.FAILED));
        var c = new HybridScore.Input("c", 1, 2, row(R1, Cell.PASSED, R2, Cell.PASSED));
        List<TestId> repro = List.of(R1, R2);
        var weights = HybridScore.weights(List.of(a, b, c), repro);
        List<GroupScore> before = HybridScore.score(List.of(a, b, c), repro, List.of(), weights);

        assertThat(HybridScore.finalists(before, 3)).containsExactly("c");

        var tied = HybridScore.score(List.of(a, b), repro, List.of(), HybridScore.weights(List.of(a, b), repro));
        assertThat(HybridScore.finalists(tied, 3)).containsExactly("a", "b");
        var judged = HybridScore.reorderFinalists(tied, List.of("a", "b"), Map.of("a", 0.0, "b", 1.0));
        assertThat(judged).extracting(GroupScore::groupId).containsExactly("b", "a");
        assertThat(judged.getFirst().judge()).isEqualTo(1.0);
        assertThat(judged.getFirst().total()).isEqualTo(tied.getFirst().total());
        var split = HybridScore.reorderFinalists(tied, List.of("a", "b"), Map.of("a", 0.5, "b", 0.5));
        assertThat(split).extracting(GroupScore::groupId).containsExactly("a", "b");
    }

    @Test
    void theJudgeNeverMovesAFinalistPastAGroupTheTestsRankBetween() {
        // "big" passes fewer reproduction tests but is so popular that it ranks between the two finalists.
        TestId r3 = TestId.parse("a.R#three");
        var f1 = new HybridScore.Input("f1", 1, 2, row(R1, Cell.PASSED, R2, Cell.PASSED, r3, Cell.PASSED));
        var big = new HybridScore.Input("big", 30, 2, row(R1, Cell.PASSED, R2, Cell.PASSED, r3, Cell.FAILED));
        var f2 = new HybridScore.Input("f2", 1, 20, row(R1, Cell.PASSED, R2, Cell.PASSED, r3, Cell.PASSED));
        List<TestId> repro = List.of(R1, R2, r3);
        var ranked = HybridScore.score(List.of(f1, big, f2), repro, List.of(), HybridScore.weights(List.of(f1, big, f2), repro));
        assertThat(ranked).extracting(GroupScore::groupId).containsExactly("f1", "big", "f2");

        var judged = HybridScore.reorderFinalists(ranked, HybridScore.finalists(ranked, 3), Map.of("f1", 0.0, "f2", 1.0));

        assertThat(judged).extracting(GroupScore::groupId).containsExactly("f2", "big", "f1");
    }

    @Test
    void withoutAnyPassedReproductionTestTheBestScoreIsBelowTheThreshold() {
        var a = new HybridScore.Input("a", 4, 1, row(R1, Cell.FAILED, G1, Cell.PASSED));
        var weights = HybridScore.weights(List.of(a), List.of(R1));

        List<GroupScore> scores = HybridScore.score(List.of(a), List.of(R1), List.of(G1), weights);

        assertThat(scores.getFirst().total()).isLessThan(SelectionOptions.DEFAULT_ABSTAIN_THRESHOLD);
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
}
