package dev.quorum.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.app.github.ReviewerEvidence;
import dev.quorum.selection.Evidence;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.Confidence;
import dev.quorum.selection.Evidence.GroupScore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GitHub App's evidence carries selection's own confidence, not a number recomputed from the scores. */
class PipelineSolverEvidenceTest {

    @Test
    void theConfidenceIsSelectionsLevelReasonAndMargin() {
        // The leader's total (0.91) is high, but selection judged its choice a medium one: that is what a reviewer sees.
        Evidence selection = new Evidence(List.of(), List.of(), Map.of(), List.of(),
                List.of(new Evidence.Group("g1", List.of("t1", "t2"), "t1", "", 3, Map.of("a.T#x", Cell.PASSED), true, "git apply"),
                        new Evidence.Group("g2", List.of("t3"), "t3", "", 5, Map.of("a.T#x", Cell.PASSED), true, "git apply")),
                List.of(), List.of(),
                List.of(new GroupScore("g1", 0.91, true, List.of(), 1, 0, 0.67, 1, 0, 1),
                        new GroupScore("g2", 0.79, true, List.of(), 1, 0, 0.33, 1, 0, 0.6)),
                false, "formula", List.of(),
                new Confidence(Confidence.Level.MEDIUM, "no test separates the groups; a majority agrees", 0.12));

        ReviewerEvidence app = PipelineSolver.evidence(selection, 0.05);

        assertThat(app.confidence()).isEqualTo(0.12);
        assertThat(app.confidenceLevel()).isEqualTo("medium — no test separates the groups; a majority agrees");
        assertThat(app.confidenceText()).isEqualTo(app.confidenceLevel());
        assertThat(app.withTestEvidence(List.of("r"), "reg", "votes", "").confidenceLevel())
                .as("kept when the test evidence is added").isEqualTo(app.confidenceLevel());
    }

    @Test
    void anAbstentionSaysItMadeNoChoice() {
        Evidence selection = new Evidence(List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), false, "formula", List.of(), new Confidence(Confidence.Level.NONE, "contradictory evidence", 0));

        assertThat(PipelineSolver.evidence(selection, 0).confidenceText()).isEqualTo("none — contradictory evidence");
    }

    @Test
    void otherSolversKeepTheirNumber() {
        assertThat(new ReviewerEvidence(List.of(), "", "", 0.87, 0).confidenceText()).isEqualTo("0.87");
    }
}
