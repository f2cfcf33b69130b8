package dev.quorum.selection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.core.Patch;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import dev.quorum.model.testing.ScriptedRequest;
import dev.quorum.sandbox.DockerTestEnvironment;
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
    private final Selector selector = Selectors.create(docker.provider(), docker.environments());
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
                    assertThat(v.role()).isEqualTo(Role.EXCLUDED);
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
        assertThat(e.scores().getFirst().reproduction()).isEqualTo(1.0);
        assertThat(e.scores()).allSatisfy(s -> assertThat(s.regressionSafe()).isTrue());
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
