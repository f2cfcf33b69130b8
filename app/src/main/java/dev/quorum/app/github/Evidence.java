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
 */
public record Evidence(List<String> candidates, String testMatrix, String judgeRationale, double confidence,
                       double costUsd) {
    public Evidence {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        testMatrix = testMatrix == null ? "" : testMatrix;
        judgeRationale = judgeRationale == null ? "" : judgeRationale;
    }

    public static Evidence none() {
        return new Evidence(List.of(), "", "", 0, 0);
    }
}
