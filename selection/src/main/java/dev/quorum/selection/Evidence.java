package dev.quorum.selection;

import java.util.List;
import java.util.Map;

/**
 * Everything selection saw and how it weighed it, so that a person can check the decision. Test ids are written
 * as strings ({@code com.acme.FooTest#bar}) so the whole record serializes to plain JSON.
 *
 * @param voters        each voter test: used, or dropped with the reason
 * @param tests         each test id: its role after validation, its status on the base commit, its weight
 * @param baseline      the base commit's row of the matrix (all voter test patches applied, no candidate)
 * @param dropped       candidates that did not apply or did not compile, with the reason
 * @param groups        candidates grouped by normalized content; each with its row of the pass matrix
 * @param flakyTests    tests whose outcome flipped on the base commit: they do not vote for anyone (a test that
 *                      flips for one group only is that group's {@link Cell#FLAKY} cell)
 * @param comparisons   the judge's pairwise comparisons, in the order made
 * @param scores        each live group's hybrid score and its parts, in the final order (the first is chosen)
 * @param judgeUsed     whether a model judge took part (false: tests and group size alone decided)
 * @param scoreFormula  the formula behind {@link GroupScore#total()}, in words
 * @param notes         anything else worth knowing (judge skipped and why, budget exhausted, ...)
 * @param confidence    how strong the evidence for the decision is, and why
 * @param runners       the test runners whose results this evidence holds ({@code direct}, {@code maven}): the one
 *                      chosen per repository, and Maven wherever it fell back
 */
public record Evidence(List<VoterCheck> voters, List<TestVerdict> tests, Map<String, Cell> baseline,
                       List<DroppedCandidate> dropped, List<Group> groups, List<String> flakyTests,
                       List<JudgeComparison> comparisons, List<GroupScore> scores, boolean judgeUsed,
                       String scoreFormula, List<String> notes, Confidence confidence, List<String> runners) {

    public Evidence {
        voters = List.copyOf(voters);
        tests = List.copyOf(tests);
        baseline = Map.copyOf(baseline);
        dropped = List.copyOf(dropped);
        groups = List.copyOf(groups);
        flakyTests = List.copyOf(flakyTests);
        comparisons = List.copyOf(comparisons);
        scores = List.copyOf(scores);
        notes = List.copyOf(notes);
        confidence = confidence == null ? Confidence.none("no decision was made") : confidence;
        runners = runners == null ? List.of() : List.copyOf(runners);
    }

    /** Evidence that names no runner (nothing was run). */
    public Evidence(List<VoterCheck> voters, List<TestVerdict> tests, Map<String, Cell> baseline,
                    List<DroppedCandidate> dropped, List<Group> groups, List<String> flakyTests,
                    List<JudgeComparison> comparisons, List<GroupScore> scores, boolean judgeUsed,
                    String scoreFormula, List<String> notes, Confidence confidence) {
        this(voters, tests, baseline, dropped, groups, flakyTests, comparisons, scores, judgeUsed, scoreFormula, notes,
                confidence, List.of());
    }

    /** The same evidence with another confidence (the decision is made after the evidence is gathered). */
    Evidence withConfidence(Confidence newConfidence) {
        return new Evidence(voters, tests, baseline, dropped, groups, flakyTests, comparisons, scores, judgeUsed,
                scoreFormula, notes, newConfidence, runners);
    }

    /**
     * How strongly the evidence supports the choice.
     *
     * @param level  HIGH: tests that fail on base separate the chosen group from every other; MEDIUM: a clear majority
     *               of independent candidates, a weaker test lead, or the judge; LOW: only trajectory outcomes or patch
     *               size decided; NONE: no choice (abstained)
     * @param reason what decided, in words
     * @param margin the chosen group's lead in total score over the runner-up (its total when it stands alone); a
     *               measured quantity, not a probability
     */
    public record Confidence(Level level, String reason, double margin) {
        public enum Level { HIGH, MEDIUM, LOW, NONE }

        public Confidence {
            java.util.Objects.requireNonNull(level, "level");
            reason = reason == null ? "" : reason;
        }

        static Confidence none(String reason) {
            return new Confidence(Level.NONE, reason, 0);
        }
    }

    /** One cell of the pass matrix: a test's outcome, or why it could not run. */
    public enum Cell {
        PASSED, FAILED, ERROR, SKIPPED, MISSING,
        /** The candidate (with the voter tests) did not compile or the build broke before tests ran. */
        BUILD_FAILED,
        /** The candidate's patch did not apply to the base commit. */
        APPLY_FAILED,
        /** The test run hit its wall-clock limit. */
        TIMED_OUT,
        /** The outcome flipped on a rerun for this group: it counts against this group only. */
        FLAKY;

        public boolean passed() {
            return this == PASSED;
        }

        /** Whether the cell says something about the candidate (a result), rather than that the test could not run. */
        public boolean known() {
            return this == PASSED || this == FAILED || this == ERROR || this == FLAKY;
        }
    }

    /** What a test id counts as once validated on the base commit. */
    public enum Role {
        /** Written for this issue (not in the repository at base) and fails on base: votes for the candidates passing it. */
        REPRODUCTION,
        /** In the repository at the base commit and passes there: the only tests that can disqualify a candidate. */
        REGRESSION,
        /** Written for this issue and passes on base: votes (weaker), never a veto. */
        CHECK,
        /** Does not vote; {@link TestVerdict#reason()} says why. */
        EXCLUDED
    }

    /**
     * @param reason why the voter was dropped, or empty when it is used
     */
    public record VoterCheck(String id, VoterTest.Origin origin, boolean used, String reason, List<String> testIds) {
        public VoterCheck {
            testIds = List.copyOf(testIds);
        }
    }

    /**
     * @param weight its voting weight after the matrix ran (informativeness × base factor, see SCORING.md); 0 for
     *               regression and excluded tests
     * @param reason why it has this role (e.g. "passes on base: votes, never vetoes")
     * @param authors candidates that wrote it; it does not vote for their groups
     */
    public record TestVerdict(String testId, String voter, Role role, Cell onBase, double weight, String reason,
                              List<String> authors) {
        public TestVerdict {
            authors = authors == null ? List.of() : List.copyOf(authors);
        }
    }

    /** {@code cell} is {@link Cell#APPLY_FAILED} or {@link Cell#BUILD_FAILED}. */
    public record DroppedCandidate(String candidateId, Cell cell, String detail) {
    }

    /**
     * Candidates equal after normalization.
     *
     * @param members        candidate ids; the group's size is its number of votes
     * @param representative the member whose patch was tested and would be returned
     * @param normalized     the touched members, pretty-printed without comments (or normalized text)
     * @param changedLines   lines added plus removed by the representative's patch
     * @param row            test id → outcome when the representative and every voter test patch are applied
     * @param live           false when the group was dropped (did not apply or compile)
     */
    public record Group(String id, List<String> members, String representative, String normalized, int changedLines,
                        Map<String, Cell> row, boolean live, String appliedWith) {
        public Group {
            members = List.copyOf(members);
            row = Map.copyOf(row);
        }
    }

    /**
     * One judge sample.
     *
     * @param shownFirst the group shown as "Patch 1"
     * @param winner     the group the judge preferred, or null when its answer could not be read
     */
    public record JudgeComparison(String groupA, String groupB, int sample, String shownFirst, String winner,
                                  String rationale) {
    }

    /**
     * A group's hybrid score and its parts (see {@link Evidence#scoreFormula()} and selection/SCORING.md).
     *
     * @param brokenRegressions regression tests this group makes fail; any makes it unsafe
     * @param reproduction      its weighted vote: share of the voting weight it passes (0..1)
     * @param voteWeight        the voting weight that applied to this group (0: no test told it apart)
     * @param size              its share of the candidates that applied and compiled (0..1)
     * @param outcome           share of its members whose trajectory submitted (1 when the source says nothing)
     * @param judge             its share of judge wins among the finalists (0..1; 0 when not judged); it only
     *                          orders the finalists, it is not part of {@code total}
     * @param smallPatch        smallest patch size among live groups / this group's (0..1)
     */
    public record GroupScore(String groupId, double total, boolean regressionSafe, List<String> brokenRegressions,
                             double reproduction, double voteWeight, double size, double outcome, double judge,
                             double smallPatch) {
        public GroupScore {
            brokenRegressions = List.copyOf(brokenRegressions);
        }

        GroupScore withJudge(double share) {
            return new GroupScore(groupId, total, regressionSafe, brokenRegressions, reproduction, voteWeight, size,
                    outcome, share, smallPatch);
        }
    }
}
