package dev.quorum.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunComparisonTest {
    @TempDir
    Path tmp;

    private static String line(String id, String outcome, String f2p, String p2p) {
        return "{\"instance_id\":\"" + id + "\",\"model\":\"m\",\"outcome\":\"" + outcome + "\",\"tests\":{"
                + "\"com.acme.ATest#fix\":\"" + f2p + "\",\"com.acme.ATest#keep\":\"" + p2p + "\"},\"seconds\":3.5}\n";
    }

    @Test
    void listsExactlyTheFlippedInstancesWithTheTestsThatChanged() throws Exception {
        Path a = Files.writeString(tmp.resolve("a.jsonl"),
                line("i1", "RESOLVED_NO", "FAILED", "PASSED")         // fixed in B
                        + line("i2", "RESOLVED_FULL", "PASSED", "PASSED")   // broken in B
                        + line("i3", "RESOLVED_FULL", "PASSED", "PASSED")   // same
                        + line("i4", "RESOLVED_NO", "FAILED", "PASSED")     // other change: build failure
                        + line("i5", "RESOLVED_NO", "FAILED", "PASSED")     // resolved later in the same file
                        + line("i5", "RESOLVED_FULL", "PASSED", "PASSED")
                        + line("only-a", "RESOLVED_FULL", "PASSED", "PASSED"));
        // B as a run directory: its results.jsonl
        Path runB = Files.createDirectories(tmp.resolve("runs/b"));
        Files.writeString(runB.resolve("results.jsonl"),
                line("i1", "RESOLVED_FULL", "PASSED", "PASSED")
                        + line("i2", "RESOLVED_NO", "PASSED", "FAILED")
                        + line("i3", "RESOLVED_FULL", "PASSED", "PASSED")
                        + "{\"instance_id\":\"i4\",\"model\":\"m\",\"outcome\":\"BUILD_FAILED\",\"tests\":{},\"seconds\":1}\n"
                        + line("i5", "RESOLVED_FULL", "PASSED", "PASSED")
                        + line("only-b", "RESOLVED_NO", "FAILED", "PASSED"));

        RunComparison c = RunComparison.compare("a", RunComparison.read(a), "b", RunComparison.read(runB));

        assertThat(c.flipped()).containsExactly("i1", "i2");
        assertThat(c.fixed()).singleElement().satisfies(f -> {
            assertThat(f.instanceId()).isEqualTo("i1");
            assertThat(f.testChanges()).containsExactly("com.acme.ATest#fix: FAILED → PASSED");
        });
        assertThat(c.broken()).singleElement().satisfies(f -> assertThat(f.reason())
                .isEqualTo("RESOLVED_FULL → RESOLVED_NO: com.acme.ATest#keep: PASSED → FAILED"));
        assertThat(c.changed()).singleElement().satisfies(f -> assertThat(f.reason())
                .startsWith("RESOLVED_NO → BUILD_FAILED: com.acme.ATest#fix: FAILED → not run"));
        assertThat(c.onlyInA()).containsExactly("only-a");
        assertThat(c.onlyInB()).containsExactly("only-b");

        String md = c.markdown(new Markers(Map.of("i2", "BUILD_FAILED"), Map.of(), "gold"));
        assertThat(md).contains("| resolved (5 instances in both) | 3 (60.0 %) | 3 (60.0 %) |")
                .contains("| gold-ceiling-adjusted (4 instances) | 2 (50.0 %) | 3 (75.0 %) |")
                .contains("**+0** net: 1 fixed, 1 broken, 1 other outcome change(s).")
                .contains("| `i1` | RESOLVED_NO → RESOLVED_FULL: com.acme.ATest#fix: FAILED → PASSED |")
                .contains("Only in `a`: only-a").contains("Only in `b`: only-b")
                .doesNotContain("`i3`").doesNotContain("`i5`");
    }

    @Test
    void readsAReportJsonAndRejectsWhatIsNotOne() throws Exception {
        Path report = Files.writeString(tmp.resolve("report.json"), "{\"run_id\":\"x\",\"instances\":["
                + line("i1", "RESOLVED_FULL", "PASSED", "PASSED").strip() + "]}");
        assertThat(RunComparison.read(report)).containsOnlyKeys("i1");
        Path other = Files.writeString(tmp.resolve("other.json"), "{\"run_id\":\"x\"}");
        assertThatThrownBy(() -> RunComparison.read(other)).hasMessageContaining("not an eval report.json");
        assertThatThrownBy(() -> RunComparison.read(tmp.resolve("missing"))).hasMessageContaining("no evaluation results");
    }
}
