package dev.quorum.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quorum eval compare} and {@code quorum eval curves} on files as eval and infer leave them. */
class EvalReportsCommandTest {
    @TempDir
    Path tmp;

    private static String result(String id, String outcome, String status) {
        return "{\"instance_id\":\"" + id + "\",\"model\":\"m\",\"outcome\":\"" + outcome
                + "\",\"tests\":{\"com.acme.ATest#fix\":\"" + status + "\"},\"seconds\":2}\n";
    }

    @Test
    void compareListsTheFlippedInstancesByRunId() throws Exception {
        Path runs = tmp.resolve("runs");
        Files.createDirectories(runs.resolve("before"));
        Files.createDirectories(runs.resolve("after"));
        Files.writeString(runs.resolve("before/results.jsonl"), result("x-1", "RESOLVED_NO", "FAILED")
                + result("x-2", "RESOLVED_FULL", "PASSED") + result("x-3", "RESOLVED_FULL", "PASSED"));
        Files.writeString(runs.resolve("after/results.jsonl"), result("x-1", "RESOLVED_FULL", "PASSED")
                + result("x-2", "RESOLVED_FULL", "PASSED") + result("x-3", "RESOLVED_NO", "FAILED"));

        Cli compare = Cli.run("eval", "compare", "before", "after", "--runs-dir", runs.toString(), "--out",
                tmp.resolve("summary.md").toString());

        assertThat(compare.exit()).as(compare.err()).isZero();
        assertThat(compare.out()).contains("### Evaluation: `before` → `after`")
                .contains("| `x-1` | RESOLVED_NO → RESOLVED_FULL: com.acme.ATest#fix: FAILED → PASSED |")
                .contains("| `x-3` | RESOLVED_FULL → RESOLVED_NO: com.acme.ATest#fix: PASSED → FAILED |")
                .doesNotContain("`x-2`");
        assertThat(Files.readString(tmp.resolve("summary.md"))).isEqualTo(compare.out());
        assertThat(Cli.run("eval", "compare", "before", "nowhere", "--runs-dir", runs.toString()).exit()).isEqualTo(2);
    }

    @Test
    void curvesFromGradesAlreadyThereAndAClearErrorWithoutThem() throws Exception {
        Path runs = tmp.resolve("runs");
        Path solve = Files.createDirectories(runs.resolve("inf-x-1"));
        Files.writeString(solve.resolve("report.json"), """
                {"chosen":"t1","trajectories":[{"trajectory":0,"patch_bytes":10,"cost_usd":0.1},
                {"trajectory":1,"patch_bytes":12,"cost_usd":0.1}],"evidence":{"groups":[
                {"id":"g1","members":["t0"],"live":true},{"id":"g2","members":["t1"],"live":true}],
                "scores":[{"groupId":"g2"},{"groupId":"g1"}]},"total":{"tokens":10,"usd":0.3}}
                """);

        Cli none = Cli.run("eval", "curves", "inf", "--runs-dir", runs.toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("no instance of inf has all its samples graded").contains("--grade-candidates");
        assertThat(Cli.run("eval", "curves", "inf", "--runs-dir", runs.toString(), "--grade-candidates", "3").err())
                .contains("--grade-candidates needs --tasks");

        Path grades = Files.createDirectories(runs.resolve("curves-inf/candidates"));
        Files.writeString(grades.resolve("results.jsonl"), result("x-1@t0", "RESOLVED_NO", "FAILED")
                + result("x-1@t1", "RESOLVED_FULL", "PASSED"));
        Cli curves = Cli.run("eval", "curves", "inf", "--runs-dir", runs.toString());

        assertThat(curves.exit()).as(curves.err()).isZero();
        // k=2 sees both samples: selection's choice (t1) resolves; $0.1 fixed + 2 x $0.1.
        assertThat(curves.out()).contains("1 instance(s), up to 2 samples: selected@2 1.000, coverage@2 1.000,"
                + " $0.3000 per instance; 0 left out");
        assertThat(runs.resolve("curves-inf/curves.json")).exists();
        assertThat(runs.resolve("curves-inf/curves.html")).exists();
    }

    @Test
    void evalStillAsksForItsOwnOptionsWithoutASubcommand() {
        Cli bare = Cli.run("eval");
        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.err()).contains("give --tasks FILE and --run-id ID");
    }
}
