package dev.quorum.app.github;

import java.util.List;

/**
 * Why the solver chose what it chose, in the words a reviewer of the pull request needs.
 *
 * @param candidates     one line per candidate patch considered (e.g. "#2 (3 trajectories): passes 4/4 repro tests")
 * @param testMatrix     the candidates × tests matrix summary, preformatted text
 * @param judgeRationale the model judge's rationale for the winner (or for abstaining)
 * @param confidence     a number for the confidence: from the pipeline, the chosen group's lead in score over the
 *                       runner-up (selection's {@code Confidence.margin}); other solvers give their own 0..1 score
 * @param costUsd        what the run spent on model calls
 * @param reproduction   one line per reproduction test: how it failed before the patch and how it ends with it
 * @param regression     the existing tests that guard against regressions, and how they end with the patch
 * @param votes          the vote tally over the N candidates (groups of equal patches and their sizes)
 * @param confidenceLevel selection's own verdict on its choice ("medium — a majority agrees: ..."), or empty when
 *                       the solver gives only the number
 */
public record ReviewerEvidence(List<String> candidates, String testMatrix, String judgeRationale, double confidence,
                       double costUsd, List<String> reproduction, String regression, String votes,
                       String confidenceLevel) {
    public ReviewerEvidence {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        testMatrix = testMatrix == null ? "" : testMatrix;
        judgeRationale = judgeRationale == null ? "" : judgeRationale;
        reproduction = reproduction == null ? List.of() : List.copyOf(reproduction);
        regression = regression == null ? "" : regression;
        votes = votes == null ? "" : votes;
        confidenceLevel = confidenceLevel == null ? "" : confidenceLevel;
    }

    public ReviewerEvidence(List<String> candidates, String testMatrix, String judgeRationale, double confidence,
                    double costUsd) {
        this(candidates, testMatrix, judgeRationale, confidence, costUsd, List.of(), "", "", "");
    }

    /** This evidence with selection's verdict on its choice (level and reason). */
    public ReviewerEvidence withConfidenceLevel(String level) {
        return new ReviewerEvidence(candidates, testMatrix, judgeRationale, confidence, costUsd, reproduction, regression, votes,
                level);
    }

    /** What a reader sees as the confidence: selection's level when there is one, else the number. */
    public String confidenceText() {
        return confidenceLevel.isBlank() ? String.format(java.util.Locale.ROOT, "%.2f", confidence) : confidenceLevel;
    }

    public static ReviewerEvidence none() {
        return new ReviewerEvidence(List.of(), "", "", 0, 0);
    }

    /** This evidence with the test evidence a reviewer checks first; a blank rationale keeps the one there. */
    public ReviewerEvidence withTestEvidence(List<String> reproductionLines, String regressionSummary, String voteTally,
                                     String rationale) {
        return new ReviewerEvidence(candidates, testMatrix, rationale == null || rationale.isBlank() ? judgeRationale
                : rationale, confidence, costUsd, reproductionLines, regressionSummary, voteTally, confidenceLevel);
    }
}
