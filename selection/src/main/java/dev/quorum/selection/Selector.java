package dev.quorum.selection;

/**
 * Picks one patch among candidate patches for an issue, or abstains, and says why. The same code serves
 * {@code quorum solve} (candidates from trajectories) and {@code quorum select} (candidates from anywhere).
 *
 * <p>The steps, each in the file named after it: {@code VoterValidation} (voter tests on the base commit, unless
 * an earlier stage already ran them there) → {@code Normalization} and {@code Grouping} (whitespace- and
 * comment-insensitive) → {@code MatrixRun} (one sandbox execution per group: apply, compile, run every voter test;
 * a candidate that does not compile is dropped, a voter that fails with one candidate loses only its own cells) →
 * {@code FlakyReruns} (flaky cells count against their group only) → {@code HybridScore} (only the repository's
 * tests veto; model-written tests vote, weighted by how they split the candidates; group size; trajectory outcome;
 * small patch prior) → {@code TieBreak} (a model writes tests for finalists the voters cannot separate) →
 * {@code PairwiseJudge} (finalists only) → {@code Decision} (choose with a confidence, or abstain on contradictory or
 * absent evidence). The rule is written out in selection/SCORING.md.
 */
public interface Selector {

    SelectionResult select(SelectionRequest request);
}
