package dev.quorum.selection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import dev.quorum.model.testing.ScriptedRequest;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole pipeline on pools built from the strkit fixture, in real Docker sandboxes. */
class SelectorTest {
    private static final String COUNTS_EMOJI = "com.acme.strkit.AbbreviatorTest#countsEmojiAsOneCharacter";
    private static final String TABLE_EMOJI = "com.acme.strkit.TextTableTest#keepsEmojiCellsThatFitTheColumn";

    private final DockerTestEnvironment docker = DockerTestEnvironment.get();
    private final Selector selector = Selectors.create(docker.provider(), docker.environments(), TestRunner.maven());
    private final StrkitPools pools = new StrkitPools(FixtureTasksForTests.named("acme__strkit-12"));

    private SelectionRequest request(List<Candidate> candidates, List<VoterTest> tests, SelectionOptions options) {
        return new SelectionRequest(pools.repo, pools.task.issue(), candidates, tests, pools.task.build(), options);
    }

    @Test
    void choosesTheCorrectFixOverAPopularWrongOneAnOverfittingOneAndABrokenOneWithoutAJudge() {
        List<Patch> wrong = pools.popularWrong();
        List<Candidate> candidates = List.of(Candidate.of("wrong-a", wrong.get(0)), Candidate.of("wrong-b", wrong.get(1)),
                Candidate.of("wrong-c", wrong.get(2)), Candidate.of("overfit", pools.overfitting()),
                Candidate.of("broken", pools.notCompiling()), Candidate.of("correct", pools.correct()));
        List<VoterTest> tests = List.of(pools.regression(), pools.reproAbbreviator(), pools.reproTable(), pools.weak(),
                pools.wrong());

        SelectionResult result = selector.select(request(candidates, tests, SelectionOptions.defaults()));

        assertThat(result).isInstanceOf(SelectionResult.Chosen.class);
        SelectionResult.Chosen chosen = (SelectionResult.Chosen) result;
        assertThat(chosen.candidateId()).isEqualTo("correct");
        assertThat(chosen.patch()).isEqualTo(pools.correct());
        Evidence e = chosen.evidence();
        assertThat(e.judgeUsed()).isFalse();
        assertThat(e.groups()).extracting(Evidence.Group::members)
                .contains(List.of("wrong-a", "wrong-b", "wrong-c"), List.of("overfit"), List.of("broken"), List.of("correct"));
        assertThat(e.dropped()).singleElement().satisfies(d -> {
            assertThat(d.candidateId()).isEqualTo("broken");
            assertThat(d.cell()).isEqualTo(Cell.BUILD_FAILED);
        });
        assertThat(e.tests()).filteredOn(v -> v.voter().equals("weak") || v.voter().equals("wrong"))
                .hasSize(2).allSatisfy(v -> {
                    assertThat(v.role()).isEqualTo(Role.CHECK);
                    assertThat(v.onBase()).isEqualTo(Cell.PASSED);
                    assertThat(v.reason()).contains("passes on base");
                });
        assertThat(e.tests()).filteredOn(v -> v.role() == Role.REPRODUCTION).extracting(Evidence.TestVerdict::testId)
                .containsExactlyInAnyOrder(COUNTS_EMOJI, TABLE_EMOJI);
        Evidence.Group correct = group(e, "correct");
        assertThat(correct.row()).containsEntry(COUNTS_EMOJI, Cell.PASSED).containsEntry(TABLE_EMOJI, Cell.PASSED);
        Evidence.Group popular = group(e, "wrong-a");
        assertThat(popular.row()).containsEntry(COUNTS_EMOJI, Cell.FAILED).containsEntry(TABLE_EMOJI, Cell.PASSED);
        assertThat(group(e, "overfit").row()).containsEntry(COUNTS_EMOJI, Cell.PASSED).containsEntry(TABLE_EMOJI, Cell.FAILED);
        assertThat(e.baseline()).containsEntry(COUNTS_EMOJI, Cell.FAILED).containsEntry(TABLE_EMOJI, Cell.FAILED);
        assertThat(e.scores().getFirst().groupId()).isEqualTo(correct.id());
        assertThat(e.scores()).allSatisfy(s -> assertThat(s.regressionSafe()).isTrue());
        assertThat(chosen.confidence().level()).isEqualTo(Evidence.Confidence.Level.HIGH);
    }

    /**
     * Issue 12 (a), (c) and (d) on one pool: a user's voter that encodes the bug, a weak voter, a voter that does
     * not compile against one correct candidate, and a candidate for which a reproduction test is flaky.
     */
    @Test
    void aNoisyPoolStillChoosesACorrectCandidateAndBadCellsStayLocal() {
        List<Patch> wrong = pools.popularWrong();
        List<Candidate> candidates = List.of(Candidate.of("wrong-a", wrong.get(0)), Candidate.of("wrong-b", wrong.get(1)),
                Candidate.of("wrong-c", wrong.get(2)), Candidate.of("partial", pools.overfitting()),
                Candidate.of("hiding", pools.correctHidingMarker()), Candidate.of("flaky", pools.flakyFix()),
                Candidate.of("correct", pools.correct()), Candidate.of("alternative", pools.correctAlternative()));
        List<VoterTest> tests = List.of(pools.regression(), pools.reproAbbreviator(), pools.reproTable(), pools.weak(),
                pools.wrongFromUser(), pools.markerVoter());

        SelectionResult result = selector.select(request(candidates, tests, SelectionOptions.defaults()));

        // (a) the voter that expects the old behaviour votes; it vetoes nobody, and a correct candidate is chosen
        assertThat(result).isInstanceOf(SelectionResult.Chosen.class);
        SelectionResult.Chosen chosen = (SelectionResult.Chosen) result;
        assertThat(chosen.candidateId()).isIn("correct", "alternative", "hiding");
        Evidence e = chosen.evidence();
        assertThat(e.tests()).filteredOn(v -> v.voter().equals("wrong-user")).singleElement().satisfies(v -> {
            assertThat(v.role()).isEqualTo(Role.CHECK);
            assertThat(v.weight()).isGreaterThan(0);
        });
        assertThat(e.scores()).allSatisfy(s -> assertThat(s.regressionSafe()).isTrue());
        assertThat(chosen.confidence().level()).isIn(Evidence.Confidence.Level.HIGH, Evidence.Confidence.Level.MEDIUM);
        // (c) the marker voter does not compile against "hiding": that cell only is lost
        Evidence.Group hiding = group(e, "hiding");
        assertThat(hiding.live()).isTrue();
        assertThat(hiding.row()).containsEntry("com.acme.strkit.MarkerVoterTest#marksCutsWithThreeDots", Cell.BUILD_FAILED)
                .containsEntry(COUNTS_EMOJI, Cell.PASSED).containsEntry(TABLE_EMOJI, Cell.PASSED);
        assertThat(e.dropped()).extracting(Evidence.DroppedCandidate::candidateId).doesNotContain("hiding");
        assertThat(e.notes()).anySatisfy(n -> assertThat(n).contains("voter marker").contains("hiding"));
        assertThat(group(e, "correct").row()).containsEntry("com.acme.strkit.MarkerVoterTest#marksCutsWithThreeDots",
                Cell.PASSED);
        // (d) the reproduction test flips for "flaky" only: it counts against that group and keeps voting elsewhere
        assertThat(group(e, "flaky").row()).containsEntry(COUNTS_EMOJI, Cell.FLAKY);
        assertThat(group(e, "correct").row()).containsEntry(COUNTS_EMOJI, Cell.PASSED);
        assertThat(e.flakyTests()).isEmpty();
        assertThat(e.tests()).filteredOn(v -> v.testId().equals(COUNTS_EMOJI)).singleElement().satisfies(v -> {
            assertThat(v.role()).isEqualTo(Role.REPRODUCTION);
            assertThat(v.weight()).isGreaterThan(0);
        });
        Evidence.GroupScore flaky = e.scores().stream().filter(s -> s.groupId().equals(group(e, "flaky").id()))
                .findFirst().orElseThrow();
        Evidence.GroupScore correct = e.scores().stream().filter(s -> s.groupId().equals(group(e, "correct").id()))
                .findFirst().orElseThrow();
        assertThat(flaky.reproduction()).isLessThan(correct.reproduction());
    }

    /** Issue 12 (b): identical correct candidates and no reproduction test that survives validation. */
    @Test
    void identicalCandidatesWithoutASurvivingReproductionTestAreChosenWithConfidence() {
        List<Patch> same = pools.identicalCorrect();
        List<Candidate> candidates = List.of(Candidate.of("t0", same.get(0)), Candidate.of("t1", same.get(1)),
                Candidate.of("t2", same.get(2)));

        // The weak voter passes on base, so no reproduction test survives; the default threshold still chooses.
        SelectionResult result = selector.select(request(candidates, List.of(pools.regression(), pools.weak()),
                SelectionOptions.defaults()));

        assertThat(result).isInstanceOf(SelectionResult.Chosen.class);
        SelectionResult.Chosen chosen = (SelectionResult.Chosen) result;
        assertThat(chosen.confidence().level()).isEqualTo(Evidence.Confidence.Level.MEDIUM);
        assertThat(chosen.confidence().reason()).contains("all 3 candidates agree");
        assertThat(chosen.evidence().groups()).singleElement()
                .satisfies(g -> assertThat(g.members()).containsExactly("t0", "t1", "t2"));
        assertThat(chosen.evidence().tests()).noneMatch(v -> v.role() == Role.REPRODUCTION);
        JsonNode json = SelectionReports.toJson(result);
        assertThat(json.path("confidence").path("level").asText()).isEqualTo("MEDIUM");
        assertThat(SelectionReports.toText(result)).startsWith("CHOSEN t0 (confidence: medium");
    }

    @Test
    void abstainsWhenEveryCandidateFailsEveryValidReproductionTestAndShowsTheMatrix() {
        List<Candidate> candidates = List.of(Candidate.of("noop", pools.popularNoOp().getFirst()),
                Candidate.of("overfit", pools.overfitting()));

        SelectionResult result = selector.select(request(candidates, List.of(pools.regression(), pools.reproTable()),
                SelectionOptions.defaults()));

        assertThat(result).isInstanceOf(SelectionResult.Abstained.class);
        assertThat(((SelectionResult.Abstained) result).reason()).contains("no group passes any valid reproduction test");
        JsonNode json = SelectionReports.toJson(result);
        assertThat(json.path("decision").asText()).isEqualTo("ABSTAIN");
        JsonNode groups = json.path("evidence").path("groups");
        assertThat(groups).hasSize(2);
        List<String> cells = new ArrayList<>();
        groups.forEach(g -> cells.add(g.path("row").path(TABLE_EMOJI).asText()));
        assertThat(cells).containsExactly("FAILED", "FAILED");
        assertThat(json.path("evidence").path("baseline").path(TABLE_EMOJI).asText()).isEqualTo("FAILED");
        assertThat(SelectionReports.toText(result)).startsWith("ABSTAIN: ").contains(TABLE_EMOJI);
    }

    @Test
    void theRightFixBeatsAPopularWrongOneThatFailsTheReproductionTests() {
        List<Patch> noop = pools.popularNoOp();
        List<Candidate> candidates = List.of(Candidate.of("noop-a", noop.get(0)), Candidate.of("noop-b", noop.get(1)),
                Candidate.of("noop-c", noop.get(2)), Candidate.of("right", pools.correct()));

        SelectionResult result = selector.select(request(candidates, List.of(pools.regression(), pools.reproAbbreviator()),
                SelectionOptions.defaults()));

        assertThat(result).isInstanceOf(SelectionResult.Chosen.class);
        assertThat(((SelectionResult.Chosen) result).candidateId()).isEqualTo("right");
        Evidence e = result.evidence();
        assertThat(group(e, "noop-a").members()).containsExactly("noop-a", "noop-b", "noop-c");
        assertThat(e.scores()).extracting(Evidence.GroupScore::groupId)
                .containsExactly(group(e, "right").id(), group(e, "noop-a").id());
        assertThat(e.scores().get(1).size()).isEqualTo(0.75);
    }

    @Test
    void aScriptedJudgeBreaksATieBetweenTwoFixesThatPassTheSameTests() {
        try (ScriptedModelServer server = ScriptedModelServer.start()) {
            // This judge is a script: it prefers the patch that uses codePoints(), wherever that patch is shown.
            server.always(r -> patchShownFirst(r).contains("codePoints()"),
                    ScriptedReply.text("RATIONALE: patch 1 streams code points, which reads clearly.\nWINNER: 1"));
            server.always(r -> !patchShownFirst(r).contains("codePoints()"),
                    ScriptedReply.text("RATIONALE: patch 2 streams code points, which reads clearly.\nWINNER: 2"));
            SelectionOptions options = SelectionOptions.defaults().withJudgeSamples(2)
                    .withJudge(ModelClients.fromSettings(server.settings(ModelRef.Provider.OPENAI_COMPATIBLE, "judge")));
            List<Candidate> candidates = List.of(Candidate.of("reference", pools.correct()),
                    Candidate.of("alternative", pools.correctAlternative()));

            SelectionResult result = selector.select(request(candidates,
                    List.of(pools.regression(), pools.reproAbbreviator(), pools.reproTable()), options));

            assertThat(result).isInstanceOf(SelectionResult.Chosen.class);
            assertThat(((SelectionResult.Chosen) result).candidateId()).isEqualTo("alternative");
            Evidence e = result.evidence();
            assertThat(e.judgeUsed()).isTrue();
            String alternative = group(e, "alternative").id();
            assertThat(e.comparisons()).hasSize(2).allSatisfy(c -> {
                assertThat(c.winner()).isEqualTo(alternative);
                assertThat(c.rationale()).contains("streams code points");
            });
            assertThat(e.comparisons()).extracting(Evidence.JudgeComparison::shownFirst).doesNotHaveDuplicates();
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests()).extracting(r -> patchShownFirst(r).contains("codePoints()"))
                    .containsExactlyInAnyOrder(true, false);
            assertThat(e.scores().getFirst().judge()).isEqualTo(1.0);
        }
    }

    /**
     * Issue 12 (f): the correct fix and an overfitting one pass every voter; a scripted model writes a test that tells
     * them apart, it runs on both finalists and its vote decides.
     */
    @Test
    void tieBreakTestsSeparateFinalistsTheVotersCannot() {
        try (ScriptedModelServer server = ScriptedModelServer.start()) {
            server.always(r -> r.lastUserText().contains("Patch 2:"), ScriptedReply.text("""
                    ```java
                    package com.acme.strkit;

                    import static org.junit.jupiter.api.Assertions.assertEquals;

                    import org.junit.jupiter.api.Test;

                    class EmojiWidthTest {
                        @Test
                        void keepsAnyEmojiTextThatFits() {
                            assertEquals("\uD83D\uDE80 shipped", Abbreviator.abbreviate("\uD83D\uDE80 shipped", 9));
                        }
                    }
                    ```
                    """));
            SelectionOptions options = SelectionOptions.defaults().withTieBreakTests(1)
                    .withTieBreaker(ModelClients.fromSettings(server.settings(ModelRef.Provider.OPENAI_COMPATIBLE, "tb")));
            List<Candidate> candidates = List.of(Candidate.of("overfit", pools.overfitting()),
                    Candidate.of("correct", pools.correct()));
            VoterTest countsEmoji = new VoterTest("repro-counts", pools.reproAbbreviator().testPatch(),
                    List.of(TestId.parse(COUNTS_EMOJI)), VoterTest.Origin.REPRODUCTION);

            SelectionResult result = selector.select(request(candidates, List.of(pools.regression(), countsEmoji), options));

            assertThat(server.requests()).hasSize(1);
            assertThat(server.requests().getFirst().lastUserText()).contains("Patch 1:", "Patch 2:", "codePointCount",
                    "\\uD83D\\uDE80 deploy");
            assertThat(result).isInstanceOf(SelectionResult.Chosen.class);
            assertThat(((SelectionResult.Chosen) result).candidateId()).isEqualTo("correct");
            Evidence e = result.evidence();
            String tieBreak = "com.acme.strkit.EmojiWidthTest";
            assertThat(e.voters()).anySatisfy(v -> {
                assertThat(v.id()).isEqualTo("tiebreak-0");
                assertThat(v.used()).isTrue();
            });
            assertThat(group(e, "correct").row()).containsEntry(tieBreak, Cell.PASSED).containsEntry(COUNTS_EMOJI, Cell.PASSED);
            assertThat(group(e, "overfit").row()).containsEntry(tieBreak, Cell.FAILED).containsEntry(COUNTS_EMOJI, Cell.PASSED);
            assertThat(e.tests()).filteredOn(v -> v.testId().equals(tieBreak)).singleElement()
                    .satisfies(v -> assertThat(v.weight()).isGreaterThan(0));
            assertThat(e.notes()).anySatisfy(n -> assertThat(n).contains("tie-break round"));
            assertThat(((SelectionResult.Chosen) result).confidence().level()).isEqualTo(Evidence.Confidence.Level.HIGH);
        }
    }

    private static String patchShownFirst(ScriptedRequest request) {
        String text = request.lastUserText();
        int first = text.indexOf("Patch 1:");
        int second = text.indexOf("Patch 2:");
        return first < 0 || second < first ? "" : text.substring(first, second);
    }

    private static Evidence.Group group(Evidence e, String member) {
        return e.groups().stream().filter(g -> g.members().contains(member)).findFirst().orElseThrow();
    }
}
