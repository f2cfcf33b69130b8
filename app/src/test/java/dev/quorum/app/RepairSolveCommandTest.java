package dev.quorum.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.core.Json;
import dev.quorum.core.Patch;
import dev.quorum.core.TestStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: {@code quorum solve --failing-test ...} with no model configured, on a generated repository with a
 * one-token bug per leading template family. The chosen patch passes a held-out test; coverage ranks the buggy line
 * first; a bug no template fixes ends in ABSTAIN saying what was tried. Real Docker, real Maven and direct runner.
 */
class RepairSolveCommandTest {
    /** One repository for every bug (one env image and compiled state); each run has its own run id. */
    @TempDir
    static Path tmp;
    private static Path repo;

    @BeforeAll
    static void createRepository() throws Exception {
        repo = BuggyRepo.create(tmp.resolve("calc"));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void wrongOperatorIsRepairedWithoutAModel() throws Exception {
        solvesAndPassesTheHeldOutTest(BuggyRepo.WRONG_OPERATOR);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void missingNullCheckIsRepairedWithoutAModel() throws Exception {
        solvesAndPassesTheHeldOutTest(BuggyRepo.MISSING_NULL_CHECK);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void wrongVariableIsRepairedWithoutAModel() throws Exception {
        solvesAndPassesTheHeldOutTest(BuggyRepo.WRONG_VARIABLE);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void wrongMethodCallIsRepairedWithoutAModel() throws Exception {
        solvesAndPassesTheHeldOutTest(BuggyRepo.WRONG_METHOD);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void offByOneIsRepairedWithoutAModel() throws Exception {
        solvesAndPassesTheHeldOutTest(BuggyRepo.OFF_BY_ONE);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aBugNoTemplateFixesAbstainsSayingWhatWasTried() throws Exception {
        BuggyRepo.Bug bug = BuggyRepo.NO_TEMPLATE;
        Cli cli = solve(bug, "abstain");

        assertThat(cli.exit()).as(cli.err()).isEqualTo(3);
        assertThat(cli.out()).contains("ABSTAIN: the repair engine found no plausible patch",
                "no candidate passed the failing and regression tests", "candidates tried", bug.failingTest());
        JsonNode report = Json.mapper().readTree(tmp.resolve("runs/abstain/report.json").toFile());
        JsonNode repair = report.path("repair");
        assertThat(repair.path("outcome").asText()).isEqualTo("none found");
        assertThat(repair.path("attempts").path("candidates").asInt()).isPositive();
        assertThat(repair.path("attempts").path("ranked").get(0).path("file").asText()).isEqualTo(bug.file());
        assertThat(repair.path("attempts").path("ranked").get(0).path("line").asInt()).isEqualTo(bug.line());
    }

    private void solvesAndPassesTheHeldOutTest(BuggyRepo.Bug bug) throws Exception {
        String runId = bug.family();
        Cli cli = solve(bug, runId);

        assertThat(cli.exit()).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("repair engine");
        JsonNode report = Json.mapper().readTree(tmp.resolve("runs").resolve(runId).resolve("report.json").toFile());
        assertThat(report.path("engine").asText()).isEqualTo("repair");
        assertThat(Files.readString(tmp.resolve("runs").resolve(runId).resolve("report.html")))
                .contains("made by the repair engine");
        JsonNode ranked = report.path("repair").path("attempts").path("ranked");
        assertThat(ranked.get(0).path("file").asText()).as("most suspicious line").isEqualTo(bug.file());
        assertThat(ranked.get(0).path("line").asInt()).as("most suspicious line").isEqualTo(bug.line());
        assertThat(report.path("repair").path("candidates").findValuesAsText("template")).contains(bug.family());

        Patch chosen = new Patch(Files.readAllBytes(tmp.resolve("runs").resolve(runId).resolve("patch.diff")));
        assertThat(chosen.touchedPaths()).containsExactly(bug.file());
        assertThat(BuggyRepo.heldOutOutcome(repo, chosen, bug)).as(chosen.text()).isEqualTo(TestStatus.PASSED);
    }

    private Cli solve(BuggyRepo.Bug bug, String runId) {
        return Cli.run("solve", "--repo", repo.toString(), "--failing-test", bug.failingTest(),
                "--runs-dir", tmp.resolve("runs").toString(), "--run-id", runId);
    }
}
