package dev.quorum.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sandbox.CompiledState;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.Role;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Selection's test runs on the strkit fixture in real Docker sandboxes: failing reproduction tests are rerun on the
 * base commit before they are trusted (issue 12's benchmark fix (a)), and a selection goes through the runner chosen
 * for the repository (issue 15).
 */
class SelectionRunsDockerTest {
    private static final String COUNTS_EMOJI = "com.acme.strkit.AbbreviatorTest#countsEmojiAsOneCharacter";

    private final DockerTestEnvironment docker = DockerTestEnvironment.get();
    private final StrkitPools pools = new StrkitPools(FixtureTasksForTests.named("acme__strkit-12"));

    @Test
    void aReproductionTestThatFailedOnBaseByChanceIsFlakyThereAndDoesNotVote() {
        String image = docker.environments().ensureEnv(pools.repo, pools.task.build()).tag();
        SandboxRuns runs = new SandboxRuns(docker.provider(), image, pools.repo, pools.task.build(),
                Duration.ofMinutes(10), TestRunner.maven());
        VoterTest flaky = pools.failsOnlyOnItsFirstRun();
        VoterTest repro = pools.reproAbbreviator();

        VoterValidation.Validated validated = new VoterValidation(runs, 1).validate(List.of(repro, flaky));

        String flakyId = flaky.testIds().getFirst().toString();
        assertThat(validated.flaky()).containsExactlyElementsOf(flaky.testIds());
        assertThat(validated.verdicts()).filteredOn(v -> v.testId().equals(flakyId)).singleElement().satisfies(v -> {
            assertThat(v.onBase()).isEqualTo(Cell.FAILED);
            assertThat(v.role()).isEqualTo(Role.EXCLUDED);
            assertThat(v.reason()).isEqualTo("flaky on the base commit");
        });
        // The real reproduction test fails on the rerun too: it keeps its vote.
        assertThat(validated.verdicts()).filteredOn(v -> v.testId().equals(COUNTS_EMOJI)).singleElement()
                .satisfies(v -> assertThat(v.role()).isEqualTo(Role.REPRODUCTION));
        assertThat(validated.voting(Role.REPRODUCTION)).extracting(Object::toString).containsExactly(COUNTS_EMOJI);
        assertThat(runs.runnersUsed()).containsExactly("maven");
    }

    @Test
    void aSelectionWhereTheDirectRunnerIsTrustedUsesItAndNamesIt() {
        Environments withState = docker.environments().withCompiledState();
        CompiledState state = withState.ensureCompiledState(pools.repo, pools.task.build());
        assertThat(state.trusted()).as("the strkit fixture's parity check must pass: " + state.describe()).isTrue();
        Selector selector = Selectors.create(docker.provider(), withState, TestRunner.choose());
        List<Candidate> candidates = List.of(Candidate.of("wrong", pools.popularWrong().getFirst()),
                Candidate.of("correct", pools.correct()));

        SelectionResult result = selector.select(new SelectionRequest(pools.repo, pools.task.issue(), candidates,
                List.of(pools.regression(), pools.reproAbbreviator()), pools.task.build(), SelectionOptions.defaults()));

        assertThat(result).isInstanceOfSatisfying(SelectionResult.Chosen.class,
                c -> assertThat(c.candidateId()).isEqualTo("correct"));
        assertThat(result.evidence().runners()).containsExactly("direct");
        assertThat(SelectionReports.toText(result)).contains("tests ran with: direct");
        assertThat(SelectionReports.toJson(result).path("evidence").path("runners").toString()).isEqualTo("[\"direct\"]");
    }
}
