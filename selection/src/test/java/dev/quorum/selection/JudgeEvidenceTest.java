package dev.quorum.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Issue;
import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.Role;
import dev.quorum.selection.Evidence.TestVerdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12, benchmark fix (c): the pairwise judge reads every test's result for a finalist, not a count. */
class JudgeEvidenceTest {
    private static final TestId REPRO = TestId.parse("a.ReproTest#fixed");
    private static final TestId OLD = TestId.parse("a.OldTest#expectsTheBug");
    private static final TestId OWN = TestId.parse("a.OwnTest#mine");
    private static final TestId GUARD = TestId.parse("a.GuardTest#keeps");
    private static final TestId GUARD2 = TestId.parse("a.GuardTest#alsoKeeps");

    private static final List<TestVerdict> VERDICTS = List.of(
            new TestVerdict(REPRO.toString(), "repro", Role.REPRODUCTION, Cell.FAILED, 0, "fails on base", List.of()),
            new TestVerdict(OLD.toString(), "old", Role.CHECK, Cell.PASSED, 0, "passes on base", List.of()),
            new TestVerdict(OWN.toString(), "c1-tests", Role.REPRODUCTION, Cell.FAILED, 0, "fails on base",
                    List.of("c1")),
            new TestVerdict(GUARD.toString(), "regression", Role.REGRESSION, Cell.PASSED, 0, "in the repository",
                    List.of()),
            new TestVerdict(GUARD2.toString(), "regression", Role.REGRESSION, Cell.PASSED, 0, "in the repository",
                    List.of()),
            new TestVerdict("a.Hangs#onBase", "hangs", Role.EXCLUDED, Cell.TIMED_OUT, 0, "timed out", List.of()));

    private static MatrixRun.GroupRun finalist(Map<TestId, Cell> row, Map<TestId, String> messages) {
        Candidate c = Candidate.of("c1", Patch.ofText("x"));
        var plan = new Grouping.Planned("g1", List.of(c), new Normalization.Normalized("k", "r"));
        return new MatrixRun.GroupRun(plan, c, List.of(), row, true, List.of(), messages);
    }

    @Test
    void listsEachVotingTestWithItsRoleWeightResultAndTrimmedFailureMessage() {
        Map<TestId, Cell> row = new LinkedHashMap<>();
        row.put(REPRO, Cell.PASSED);
        row.put(OLD, Cell.FAILED);
        row.put(OWN, Cell.PASSED);
        row.put(GUARD, Cell.PASSED);
        row.put(GUARD2, Cell.ERROR);
        String longMessage = "expected:<[old]> but was:<[new]>\n\tat a.OldTest.expectsTheBug(OldTest.java:12)"
                + " ".repeat(10) + "x".repeat(1000);
        var group = finalist(row, Map.of(OLD, OLD + ": " + longMessage, GUARD2, GUARD2 + ": NullPointerException: boom",
                REPRO, REPRO + ": a stale message from a failing run that the rerun passed"));

        String text = JudgeEvidence.of(group, VERDICTS, Map.of(REPRO, 1.0, OLD, 0.3));

        assertThat(text).contains("- a.ReproTest#fixed [fails on the base commit, weight 1.00]: passes\n");
        assertThat(text).contains("- a.OldTest#expectsTheBug [passes on the base commit, weight 0.30]: fails — "
                + "a.OldTest#expectsTheBug: expected:<[old]> but was:<[new]> at a.OldTest.expectsTheBug(OldTest.java:12)");
        assertThat(text).doesNotContain("x".repeat(JudgeEvidence.MAX_MESSAGE_CHARS)).contains("...");
        assertThat(text).contains("- a.OwnTest#mine [fails on the base commit, weight 0.00, written by this patch's own"
                + " trajectory]: passes");
        assertThat(text).doesNotContain("stale message");
        assertThat(text).contains("Repository tests that pass on the base commit: 1 of 2 pass with this patch")
                .contains("- a.GuardTest#alsoKeeps: errors — a.GuardTest#alsoKeeps: NullPointerException: boom");
        assertThat(text).doesNotContain("a.Hangs#onBase");
    }

    @Test
    void theJudgeIsShownEachFinalistsTestEvidence() {
        try (ScriptedModelServer server = ScriptedModelServer.start()) {
            server.otherwise(ScriptedReply.text("RATIONALE: the second keeps the old contract.\nWINNER: 2"));
            ModelClient judge = ModelClients.fromSettings(server.settings(ModelRef.Provider.OPENAI_COMPATIBLE, "judge"));
            var first = new PairwiseJudge.Finalist("g1", "diff one", "- a.OldTest#expectsTheBug [...]: fails — boom");
            var second = new PairwiseJudge.Finalist("g2", "diff two", "- a.OldTest#expectsTheBug [...]: passes");

            PairwiseJudge.Verdicts verdicts = new PairwiseJudge(judge, 1).compare(new Issue("t", "body", ""),
                    List.of(first, second));

            assertThat(verdicts.share()).containsEntry("g2", 1.0);
            assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.lastUserText())
                    .contains("Tests with patch 1:\n- a.OldTest#expectsTheBug [...]: fails — boom")
                    .contains("Tests with patch 2:\n- a.OldTest#expectsTheBug [...]: passes"));
        }
    }

    @Test
    void saysSoWhenNoTestWrittenForTheIssueSurvived() {
        var group = finalist(Map.of(GUARD, Cell.TIMED_OUT), Map.of());

        String text = JudgeEvidence.of(group, List.of(VERDICTS.get(3)), Map.of());

        assertThat(text).startsWith("no test written for this issue survived validation on the base commit")
                .contains("0 of 1 pass with this patch").contains("- a.GuardTest#keeps: unknown (the run timed out)");
    }
}
