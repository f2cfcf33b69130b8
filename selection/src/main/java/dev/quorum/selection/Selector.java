package dev.quorum.selection;

/**
 * Picks one patch among candidate patches for an issue, or abstains, and says why. The same code serves
 * {@code quorum solve} (candidates from trajectories) and {@code quorum select} (candidates from anywhere).
 *
 * <p>The steps, each in the file named after it: {@code VoterValidation} (voter tests on the base commit) →
 * {@code Normalization} and {@code Grouping} (whitespace- and comment-insensitive) → {@code MatrixRun} (one
 * sandbox execution per group: apply, compile, run every voter test; broken candidates dropped) →
 * {@code FlakyReruns} → {@code HybridScore} (regression safety, weighted reproduction votes, group size, small
 * patch prior) → {@code PairwiseJudge} (top groups only) → abstain or choose.
 */
public interface Selector {

    SelectionResult select(SelectionRequest request);
}
