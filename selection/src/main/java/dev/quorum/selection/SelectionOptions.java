package dev.quorum.selection;

import dev.quorum.model.ModelClient;
import java.time.Duration;
import java.util.Objects;

/**
 * How hard to look.
 *
 * @param judge            the model that compares finalists pairwise, or {@code null} to decide on tests and group
 *                         size alone
 * @param topK             groups the judge compares (only those tied on test evidence with the leader)
 * @param judgeSamples     judge calls per pair; positions alternate between samples to cancel order bias
 * @param abstainThreshold the best hybrid score must reach this, else the result is an abstention (0..1); 0 (the
 *                         default) abstains only on contradictory or absent evidence, 0.5 wants tests that fail on
 *                         base and pass with the candidate (the strict behaviour)
 * @param rerunsForFlaky   times a failing or suspicious cell is run again; a cell whose outcome flips is flaky for that
 *                         group (counts against it)
 * @param slots            groups tested in parallel sandboxes at once
 * @param testTimeout      wall-clock limit of one test run in a sandbox
 * @param tieBreaker       the model asked for tests that tell apart finalists the voters cannot separate, or
 *                         {@code null} for no tie-break round
 * @param tieBreakTests    tests asked of it (one model call each): the round's budget
 */
public record SelectionOptions(ModelClient judge, int topK, int judgeSamples, double abstainThreshold,
                               int rerunsForFlaky, int slots, Duration testTimeout, ModelClient tieBreaker,
                               int tieBreakTests) {

    public static final double DEFAULT_ABSTAIN_THRESHOLD = 0.0;

    public SelectionOptions {
        if (topK < 2) {
            throw new IllegalArgumentException("topK must be at least 2 (the judge compares pairs), was " + topK);
        }
        if (judgeSamples < 1 || rerunsForFlaky < 0 || slots < 1) {
            throw new IllegalArgumentException("judgeSamples and slots must be positive and rerunsForFlaky not negative");
        }
        if (abstainThreshold < 0 || abstainThreshold > 1 || Double.isNaN(abstainThreshold)) {
            throw new IllegalArgumentException("abstainThreshold must be within 0..1, was " + abstainThreshold);
        }
        Objects.requireNonNull(testTimeout, "testTimeout");
        if (tieBreakTests < 0) {
            throw new IllegalArgumentException("tieBreakTests must not be negative, was " + tieBreakTests);
        }
    }

    /** No judge, top 3, 2 judge samples, threshold 0, 1 rerun, 2 slots, 10 minutes per test run, no tie-break round. */
    public static SelectionOptions defaults() {
        return new SelectionOptions(null, 3, 2, DEFAULT_ABSTAIN_THRESHOLD, 1, 2, Duration.ofMinutes(10), null, 2);
    }

    /** A tie-break round with this model ({@code null}: none), {@link #tieBreakTests()} tests at most. */
    public SelectionOptions withTieBreaker(ModelClient model) {
        return new SelectionOptions(judge, topK, judgeSamples, abstainThreshold, rerunsForFlaky, slots, testTimeout,
                model, tieBreakTests);
    }

    public SelectionOptions withTieBreakTests(int tests) {
        return new SelectionOptions(judge, topK, judgeSamples, abstainThreshold, rerunsForFlaky, slots, testTimeout,
                tieBreaker, tests);
    }

    public SelectionOptions withJudge(ModelClient newJudge) {
        return new SelectionOptions(newJudge, topK, judgeSamples, abstainThreshold, rerunsForFlaky, slots, testTimeout,
                tieBreaker, tieBreakTests);
    }

    public SelectionOptions withTopK(int newTopK) {
        return new SelectionOptions(judge, newTopK, judgeSamples, abstainThreshold, rerunsForFlaky, slots, testTimeout,
                tieBreaker, tieBreakTests);
    }

    public SelectionOptions withJudgeSamples(int samples) {
        return new SelectionOptions(judge, topK, samples, abstainThreshold, rerunsForFlaky, slots, testTimeout,
                tieBreaker, tieBreakTests);
    }

    public SelectionOptions withAbstainThreshold(double threshold) {
        return new SelectionOptions(judge, topK, judgeSamples, threshold, rerunsForFlaky, slots, testTimeout,
                tieBreaker, tieBreakTests);
    }

    public SelectionOptions withRerunsForFlaky(int reruns) {
        return new SelectionOptions(judge, topK, judgeSamples, abstainThreshold, reruns, slots, testTimeout,
                tieBreaker, tieBreakTests);
    }

    public SelectionOptions withSlots(int newSlots) {
        return new SelectionOptions(judge, topK, judgeSamples, abstainThreshold, rerunsForFlaky, newSlots, testTimeout,
                tieBreaker, tieBreakTests);
    }

    public SelectionOptions withTestTimeout(Duration timeout) {
        return new SelectionOptions(judge, topK, judgeSamples, abstainThreshold, rerunsForFlaky, slots, timeout,
                tieBreaker, tieBreakTests);
    }
}
