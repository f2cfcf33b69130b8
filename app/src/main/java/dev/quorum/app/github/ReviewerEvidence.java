package dev.quorum.app.github;

import java.util.List;

/**
 * Why the solver chose what it chose, in the words a reviewer of the pull request needs.
 *
 * @param candidates     one line per candidate patch considered (e.g. "#2 (3 trajectories): passes 4/4 repro tests")
 * @param testMatrix     the candidates × tests matrix summary, preformatted text
 * @param judgeRationale the model judge's rationale for the winner (or for abstaining)
 * @param confidence     the hybrid score of the chosen patch, 0..1
 * @param costUsd        what the run spent on model calls
 * @param reproduction   one line per reproduction test: how it failed before the patch and how it ends with it
 * @param regression     the existing tests that guard against regressions, and how they end with the patch
 * @param votes          the vote tally over the N candidates (groups of equal patches and their sizes)
 */
public record ReviewerEvidence(List<String> candidates, String testMatrix, String judgeRationale, double confidence,
                       double costUsd, List<String> reproduction, String regression, String votes) {
    public ReviewerEvidence {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        testMatrix = testMatrix == null ? "" : testMatrix;
        judgeRationale = judgeRationale == null ? "" : judgeRationale;
        reproduction = reproduction == null ? List.of() : List.copyOf(reproduction);
        regression = regression == null ? "" : regression;
        votes = votes == null ? "" : votes;
    }

    public ReviewerEvidence(List<String> candidates, String testMatrix, String judgeRationale, double confidence,
                    double costUsd) {
        this(candidates, testMatrix, judgeRationale, confidence, costUsd, List.of(), "", "");
    }

    public static ReviewerEvidence none() {
        return new ReviewerEvidence(List.of(), "", "", 0, 0);
    }

    /** This evidence with the test evidence a reviewer checks first; a blank rationale keeps the one there. */
    public ReviewerEvidence withTestEvidence(List<String> reproductionLines, String regressionSummary, String voteTally,
                                     String rationale) {
        return new ReviewerEvidence(candidates, testMatrix, rationale == null || rationale.isBlank() ? judgeRationale
                : rationale, confidence, costUsd, reproductionLines, regressionSummary, voteTally);
    }
}
